// Followed teams matched as the board matches them, on the recorded MLB (Stats API and ESPN) and NFL days.
import { describe, expect, it } from 'vitest';
import type { Game } from '../api/types';
import { BOARD } from '../test/board';
import { MLB_2024_04_28, MLB_ESPN_2022_09_17, NFL_2022_WEEK1 } from '../test/records';
import { boardFollow, canonicalTeam, followedSide } from './teams';

const ALIASES = BOARD.team_aliases;

function game(games: readonly Game[], id: string): Game {
  return games.find((g) => g.id === id)!;
}

describe('teams', () => {
  it('spells a team one way: upper case, an alias as the name it stands for', () => {
    expect(canonicalTeam(' chw ', ALIASES)).toBe('CWS');
    expect(canonicalTeam('CWS', ALIASES)).toBe('CWS');
    expect(canonicalTeam('bos', ALIASES)).toBe('BOS');
    expect(canonicalTeam('constructor', ALIASES)).toBe('CONSTRUCTOR');
  });

  it('takes an alias and its name as one team, either way round', () => {
    const tbCws = game(MLB_2024_04_28.data.games, '746805'); // Stats API: CWS
    const chwDet = game(MLB_ESPN_2022_09_17.data.games, '401356371'); // ESPN: CHW
    const kcAri = game(NFL_2022_WEEK1.data.games, '401437653'); // ESPN NFL: ARI
    const azSea = game(MLB_2024_04_28.data.games, '745265'); // Stats API: AZ
    expect(followedSide(['chw'], ALIASES)(tbCws.home)).toBe(true);
    expect(followedSide(['CWS'], ALIASES)(chwDet.away)).toBe(true);
    expect(followedSide(['AZ'], ALIASES)(kcAri.home)).toBe(true);
    expect(followedSide(['ari'], ALIASES)(azSea.away)).toBe(true);
    expect(followedSide(['CHW'], ALIASES)(tbCws.away)).toBe(false); // TB
    expect(followedSide(['CHW'], {})(tbCws.home)).toBe(false); // no aliases before the board answers
  });

  it('names the board\'s teams by abbreviation, a team id by the side with that id in the league\'s record', () => {
    const teams = { mlb: ['CHW', '147'], nfl: ['kc'] };
    expect(boardFollow(teams, { mlb: MLB_2024_04_28, nfl: NFL_2022_WEEK1 })).toEqual({ mlb: ['CHW', 'NYY'], nfl: ['KC'] });
    expect(boardFollow(teams, {})).toEqual({ mlb: ['CHW'], nfl: ['KC'] }); // 147 waits for an MLB record
    expect(boardFollow({ mlb: ['111', 'BOS', '999'], nfl: ['17'] }, { mlb: MLB_2024_04_28, nfl: NFL_2022_WEEK1 })).toEqual({ mlb: ['BOS'], nfl: ['NE'] });
    expect(boardFollow({ mlb: ['17'], nfl: [] }, { nfl: NFL_2022_WEEK1 })).toEqual({ mlb: [], nfl: [] }); // an id is looked up in its own league only
    expect(boardFollow(BOARD.teams, {})).toEqual({ mlb: ['BOS'], nfl: ['NE'] });
  });
});
