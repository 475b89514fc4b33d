// Game status as the cards show it: one label, a tone (for colour) and an optional second line.
// Pure functions of a Game, so every status of the closed set is decided here, once.
import type { Game, Side } from '../api/types';
import type { FollowedSide } from '../live/teams';
import { formatDate, formatTime, formatWeekdayTime } from './time';

export type Tone = 'live' | 'scheduled' | 'final' | 'alert' | 'muted';

export interface StatusView {
  label: string;
  tone: Tone;
  /** Second line: reschedule date, delay reason, down & distance… */
  sub?: string | null;
}

const HALF: Record<string, string> = { top: '▲', bottom: '▼', middle: 'Mid', end: 'End' };

/** "▲ 7", "▼ 9", "Mid 5" — null without an inning. */
export function inningLabel(game: Game): string | null {
  if (game.inning === null || game.inning === undefined) return null;
  const half = HALF[game.inning_half ?? ''];
  return half ? `${half} ${game.inning}` : `Inn ${game.inning}`;
}

function nflPeriodLabel(game: Game): string | null {
  if (game.period_label) return game.period_label;
  if (game.period === null || game.period === undefined) return null;
  if (game.period <= 4) return `Q${game.period}`;
  return game.period === 5 ? 'OT' : `${game.period - 4}OT`;
}

function isTie(game: Game): boolean {
  const a = game.away.score;
  const h = game.home.score;
  return a !== null && a !== undefined && a === h;
}

/** Statuses shared by MLB and NFL (not live, not final, not scheduled). */
function interruptedStatus(game: Game, progress: string | null, zone: string | undefined): StatusView | null {
  switch (game.status) {
    case 'postponed':
      return {
        label: 'PPD',
        tone: 'alert',
        sub: [game.reschedule_date ? `→ ${formatDate(game.reschedule_date)}` : null, game.reason].filter(Boolean).join(' · ') || null,
      };
    case 'cancelled':
      return { label: 'CANC', tone: 'alert', sub: game.reason ?? null };
    case 'suspended':
      return { label: 'SUSP', tone: 'alert', sub: [progress, game.reason].filter(Boolean).join(' · ') || null };
    case 'delayed':
      return {
        label: 'DELAYED',
        tone: 'alert',
        sub: [progress ?? formatTime(game.start, zone), game.reason].filter(Boolean).join(' · ') || null,
      };
    case 'unknown':
      return { label: game.detail || 'Unknown', tone: 'muted' };
    default:
      return null;
  }
}

/** An MLB game's status; start times in `zone` (the board's). */
export function mlbStatus(game: Game, zone?: string): StatusView {
  const inning = inningLabel(game);
  const other = interruptedStatus(game, inning, zone);
  if (other) return other;
  switch (game.status) {
    case 'live':
      return { label: inning ?? 'Live', tone: 'live' };
    case 'warmup':
      return { label: 'Warmup', tone: 'scheduled', sub: formatTime(game.start, zone) };
    case 'final': {
      const innings = game.inning;
      const scheduled = game.scheduled_innings ?? 9;
      const label = innings !== null && innings !== undefined && innings !== scheduled ? `F/${innings}` : 'F';
      return { label, tone: 'final', sub: isTie(game) ? 'Tie' : null };
    }
    default: // scheduled, pregame
      return { label: formatTime(game.start, zone) ?? 'TBD', tone: 'scheduled', sub: game.status === 'pregame' ? 'Pregame' : null };
  }
}

/** An NFL game's status; kickoffs in `zone` (the board's). */
export function nflStatus(game: Game, zone?: string): StatusView {
  const period = nflPeriodLabel(game);
  const progress = [period, game.clock].filter(Boolean).join(' ') || null;
  const other = interruptedStatus(game, progress, zone);
  if (other) return other;
  switch (game.status) {
    case 'live': {
      const half = period === 'Half' || period === 'Halftime';
      return {
        label: half ? 'Half' : (progress ?? 'Live'),
        tone: 'live',
        sub: half ? null : ([game.down_distance, game.yard_line].filter(Boolean).join(' · ') || null),
      };
    }
    case 'final': {
      const overtime = game.period !== null && game.period !== undefined && game.period > 4;
      return { label: overtime ? `Final/${nflPeriodLabel(game)}` : 'Final', tone: 'final', sub: isTie(game) ? 'Tie' : null };
    }
    default:
      return { label: formatWeekdayTime(game.start, zone) ?? 'TBD', tone: 'scheduled', sub: null };
  }
}

/** True while a score means something: live, final, or interrupted mid-game. */
export function showsScore(game: Game): boolean {
  return game.away.score !== null && game.away.score !== undefined && game.home.score !== null && game.home.score !== undefined;
}

/** Where a status sorts on the board: games in progress, then upcoming, then over, then off. */
const STATUS_ORDER: Record<string, number> = {
  live: 0, delayed: 0, suspended: 0, warmup: 1, pregame: 1, scheduled: 2, final: 3, unknown: 3, postponed: 4, cancelled: 4,
};

/** Followed teams' games first, then by state (live first), then the provider's start order. */
export function orderGames(games: readonly Game[], followed: FollowedSide): Game[] {
  const isFollowed = (g: Game) => followed(g.away) || followed(g.home);
  const key = (g: Game) => (isFollowed(g) ? 0 : 10) + (STATUS_ORDER[g.status] ?? 3);
  return games
    .map((game, index) => ({ game, index, key: key(game) }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map((x) => x.game);
}

/** The team colour, or its alternate when the primary would vanish on the dark background. */
export function chipColor(side: Side): string {
  const dark = (hex: string | null | undefined) => {
    const m = /^#([0-9a-f]{6})$/i.exec(hex ?? '');
    if (!m) return true;
    const n = parseInt(m[1], 16);
    const luminance = 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
    return luminance < 60;
  };
  if (side.color && !dark(side.color)) return side.color;
  if (side.alt_color && !dark(side.alt_color)) return side.alt_color;
  return side.color ?? '#5c6b7d';
}

export function teamTitle(side: Side): string {
  return side.full_name ?? ([side.short_name, side.name].filter(Boolean).join(' ') || side.abbreviation);
}
