// The viewer's settings, kept in localStorage: units, the control token and followed teams.
// A `?follow=BOS,NYY` query parameter overrides the stored followed teams for that page load.
// Units and followed teams the viewer has not chosen are the board's (GET /api/v1/board); until the
// board has answered, units follow the browser's locale and no team is followed.
import { useMemo, useSyncExternalStore } from 'react';
import type { EcoRecord, MlbData, NflData } from '../api/types';
import { useLive } from './LiveContext';
import { boardFollow, followedSide, type FollowedSide, type League, type TeamAliases } from './teams';

export type Units = 'metric' | 'imperial';

export interface Settings {
  units: Units;
  /** Bearer token for the display controls; empty = controls hidden. */
  token: string;
  /** Followed team abbreviations (upper case), shown first. */
  follow: string[];
}

/** What this viewer chose; null where they have not (the board's setting applies). */
interface Choice {
  units: Units | null;
  token: string;
  follow: string[] | null;
}

const KEYS = { units: 'ecoboard.units', token: 'ecoboard.token', follow: 'ecoboard.follow' } as const;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (private mode): settings live for this page only
  }
}

function defaultUnits(): Units {
  const lang = typeof navigator === 'undefined' ? '' : navigator.language;
  return /-(US|LR|MM)$/i.test(lang) ? 'imperial' : 'metric';
}

export function parseTeams(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .map((t) => t.trim().toUpperCase())
    .filter((t) => t.length > 0);
}

function load(): Choice {
  const s = storage();
  const units = s?.getItem(KEYS.units);
  const query = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('follow');
  const follow = query ?? s?.getItem(KEYS.follow) ?? null;
  return {
    units: units === 'metric' || units === 'imperial' ? units : null,
    token: s?.getItem(KEYS.token) ?? '',
    follow: follow === null ? null : parseTeams(follow),
  };
}

let current: Choice | null = null;
const listeners = new Set<() => void>();

function get(): Choice {
  current ??= load();
  return current;
}

/** Change some settings and persist them: from then on they are the viewer's choice, not the board's. */
export function updateSettings(patch: Partial<Settings>): void {
  current = { ...get(), ...patch };
  const s = storage();
  if (s) {
    if (patch.units !== undefined) s.setItem(KEYS.units, patch.units);
    if (patch.token !== undefined) {
      if (patch.token) s.setItem(KEYS.token, patch.token);
      else s.removeItem(KEYS.token);
    }
    if (patch.follow !== undefined) s.setItem(KEYS.follow, patch.follow.join(','));
  }
  for (const listener of listeners) listener();
}

/** Forget the viewer's units and followed teams: the board's apply again (the token is kept). */
export function resetToBoard(): void {
  current = { ...get(), units: null, follow: null };
  const s = storage();
  s?.removeItem(KEYS.units);
  s?.removeItem(KEYS.follow);
  for (const listener of listeners) listener();
}

/** Whether the viewer has chosen units or followed teams of their own (stored, or ?follow=). */
export function useHasOwnChoice(): boolean {
  const choice = useSyncExternalStore(subscribe, get, get);
  return choice.units !== null || choice.follow !== null;
}

/** Forget the cached settings so the next read reloads them (tests, storage events). */
export function reloadSettings(): void {
  current = null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The teams followed in each league: the viewer's list for both, else the board's own per league. */
function useFollowInForce(): Record<League, string[]> {
  const choice = useSyncExternalStore(subscribe, get, get);
  const { board, records } = useLive();
  const mlb = records.mlb as EcoRecord<MlbData> | undefined;
  const nfl = records.nfl as EcoRecord<NflData> | undefined;
  const teams = board?.teams;
  const chosen = choice.follow;
  return useMemo(() => {
    if (chosen) return { mlb: chosen, nfl: chosen };
    return teams ? boardFollow(teams, { mlb, nfl }) : { mlb: [], nfl: [] };
  }, [chosen, teams, mlb, nfl]);
}

/** The settings in force: the viewer's choices, the board's units and teams (both leagues') where there are none. */
export function useSettings(): Settings {
  const choice = useSyncExternalStore(subscribe, get, get);
  const board = useLive().board;
  const inForce = useFollowInForce();
  const units = choice.units ?? board?.units ?? defaultUnits();
  const follow = useMemo(() => [...new Set([...inForce.mlb, ...inForce.nfl])], [inForce]);
  return useMemo(() => ({ units, token: choice.token, follow }), [units, choice.token, follow]);
}

const NO_ALIASES: TeamAliases = {};

/** Whether a side of `league` is followed: the teams in force there, with the board's aliases naming one team. */
export function useFollowedSide(league: League): FollowedSide {
  const teams = useFollowInForce()[league];
  const aliases = useLive().board?.team_aliases ?? NO_ALIASES;
  return useMemo(() => followedSide(teams, aliases), [teams, aliases]);
}
