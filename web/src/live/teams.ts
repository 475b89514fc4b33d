// Followed teams as the board matches them: abbreviations in any case, and the board's aliases
// (CHW and CWS, ARI and AZ, …) taken as one team either way round.
import type { Board, EcoRecord, Game, MlbData, NflData, Side } from '../api/types';

export type TeamAliases = Readonly<Record<string, string>>;

/** True when a side is one of the followed teams. */
export type FollowedSide = (side: Side) => boolean;

/** One spelling per team: upper case, an alias replaced by the name it stands for. */
export function canonicalTeam(abbreviation: string, aliases: TeamAliases): string {
  const upper = abbreviation.trim().toUpperCase();
  return Object.hasOwn(aliases, upper) ? aliases[upper] : upper;
}

/** A test for "is this side followed", for `follow` (abbreviations) under the board's aliases. */
export function followedSide(follow: readonly string[], aliases: TeamAliases): FollowedSide {
  const followed = new Set(follow.map((team) => canonicalTeam(team, aliases)));
  return (side) => followed.has(canonicalTeam(side.abbreviation, aliases));
}

const TEAM_ID = /^\d+$/;

function sides(games: readonly Game[]): Side[] {
  return games.flatMap((game) => [game.away, game.home]);
}

/** Every side a league's record names: its games, MLB's next game, NFL's teams on bye. */
function recordSides(record: EcoRecord<MlbData> | EcoRecord<NflData> | undefined): Side[] {
  if (!record) return [];
  const data: Partial<MlbData & NflData> = record.data;
  return [...sides(data.games ?? []), ...sides(data.next_game ? [data.next_game] : []), ...(data.byes ?? [])];
}

/** One league's configured teams as abbreviations: a provider team id becomes the abbreviation of the
 * side with that id in the league's record, and is left out while no record names it. */
function leagueTeams(configured: readonly string[], record: EcoRecord<MlbData> | EcoRecord<NflData> | undefined): string[] {
  const known = recordSides(record);
  return configured.flatMap((team) => {
    if (!TEAM_ID.test(team.trim())) return [team.trim().toUpperCase()];
    const side = known.find((s) => String(s.id) === team.trim());
    return side ? [side.abbreviation.toUpperCase()] : [];
  });
}

export type League = 'mlb' | 'nfl';

/** The board's followed teams of each league as abbreviations, each once: the viewer's default. */
export function boardFollow(
  teams: Board['teams'],
  records: { mlb?: EcoRecord<MlbData>; nfl?: EcoRecord<NflData> },
): Record<League, string[]> {
  const once = (list: string[]) => [...new Set(list.filter((team) => team.length > 0))];
  return { mlb: once(leagueTeams(teams.mlb, records.mlb)), nfl: once(leagueTeams(teams.nfl, records.nfl)) };
}
