// GET /api/v1/board of a board on the default configuration (as tests/api/test_api_board.py asserts it).
import type { Board } from '../api/types';

export const BOARD: Board = {
  timezone: 'America/New_York',
  units: 'imperial',
  teams: { mlb: ['BOS'], nfl: ['NE'] },
  team_aliases: { CHW: 'CWS', ARI: 'AZ', WAS: 'WSH', OAK: 'ATH', JAC: 'JAX', LA: 'LAR' },
  store: 'ok',
};
