// React access to the one LiveStore: a provider at the root, hooks for a kind's record and the
// connection state, and a ticking clock so stale markers appear without an update.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { DataOf, EcoRecord, Kind } from '../api/types';
import type { LiveState, LiveStore } from './store';

const LiveContext = createContext<LiveStore | null>(null);

export function LiveProvider({ store, children }: { store: LiveStore; children: ReactNode }) {
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

function useStore(): LiveStore {
  const store = useContext(LiveContext);
  if (store === null) throw new Error('useLive* needs a <LiveProvider>');
  return store;
}

export function useLive(): LiveState {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

export function useRecord<K extends Kind>(kind: K): EcoRecord<DataOf[K]> | undefined {
  return useLive().records[kind] as EcoRecord<DataOf[K]> | undefined;
}

/** The board's configured time zone, which every time on the dashboard is shown in (undefined: not known yet). */
export function useTimezone(): string | undefined {
  return useLive().board?.timezone;
}

/** The client clock in ms, re-read every `intervalMs`. */
export function useNow(intervalMs = 15000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
