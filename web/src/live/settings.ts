// The viewer's settings, kept in localStorage: units, the control token and followed teams.
// A `?follow=BOS,NYY` query parameter overrides the stored followed teams for that page load.
import { useSyncExternalStore } from 'react';

export type Units = 'metric' | 'imperial';

export interface Settings {
  units: Units;
  /** Bearer token for the display controls; empty = controls hidden. */
  token: string;
  /** Followed team abbreviations (upper case), shown first. */
  follow: string[];
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

function load(): Settings {
  const s = storage();
  const units = s?.getItem(KEYS.units);
  const query = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('follow');
  return {
    units: units === 'metric' || units === 'imperial' ? units : defaultUnits(),
    token: s?.getItem(KEYS.token) ?? '',
    follow: parseTeams(query ?? s?.getItem(KEYS.follow)),
  };
}

let current: Settings | null = null;
const listeners = new Set<() => void>();

function get(): Settings {
  current ??= load();
  return current;
}

/** Change some settings and persist them. */
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

/** Forget the cached settings so the next read reloads them (tests, storage events). */
export function reloadSettings(): void {
  current = null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSettings(): Settings {
  return useSyncExternalStore(subscribe, get, get);
}
