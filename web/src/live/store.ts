// The one live connection of the app: the latest record per kind, kept current by a single
// EventSource on /api/v1/events, seeded and re-seeded from /api/v1/records.
//
// - Records are merged by version: an older or equal version never replaces a newer one, so the
//   snapshot fetch and the event stream may race freely. The one exception is a lower version
//   fetched later than the record held: the store was rebuilt and numbers from 1 again, and its
//   newer data wins (else the page would ignore that kind until the versions caught up).
// - While the browser retries on its own (readyState CONNECTING) it resends Last-Event-ID and the
//   server replays what was missed. If the browser gives up (readyState CLOSED, e.g. the server
//   answered 502 during a restart), the store opens a new EventSource after a capped exponential
//   backoff, passing the last id it saw as `?last_event_id=` (a new EventSource sends no
//   Last-Event-ID header of its own), and re-reads every kind from /records.
// - Every (re)open after the first also re-reads /records: cheap, and it heals any gap. So does a
//   page coming back into view (a phone unlocked after a while).
// - With /records it reads the board's own settings from /api/v1/board, which answers while the
//   record store is down too: the time zone every time is shown in (as on the panel, whatever zone a
//   record names), the units and followed teams a viewer who has chosen none gets, the team aliases,
//   and whether the store answers. It reads the board again every `boardEvery` ms while the page is
//   in view, so a store that stops (or starts) answering under a live stream is seen.

import type { Board, EcoRecord } from '../api/types';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface LiveState {
  records: Readonly<Record<string, EcoRecord>>;
  connection: Connection;
  /** Client clock (ms) of the last record event or snapshot, for the indicator's tooltip. */
  lastUpdateAt: number | null;
  /** The board's settings (GET /api/v1/board); null until the API has answered (times then follow the phone's). */
  board: Board | null;
}

export interface LiveStoreOptions {
  /** Prefix of the API, '' for same origin. */
  base?: string;
  eventSource?: (url: string) => EventSource;
  fetchFn?: typeof fetch;
  /** Backoff before a manual reconnect: first delay and cap, in ms. */
  backoff?: { first: number; max: number };
  /** How often to read /api/v1/board again while running, in ms; 0: only with /records. */
  boardEvery?: number;
}

type Listener = () => void;

export class LiveStore {
  private state: LiveState = { records: {}, connection: 'connecting', lastUpdateAt: null, board: null };
  private readonly listeners = new Set<Listener>();
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private boardTimer: ReturnType<typeof setInterval> | null = null;
  private retryDelay: number;
  private opened = false;
  private lastEventId = '';
  private running = false;
  private readonly base: string;
  private readonly makeSource: (url: string) => EventSource;
  private readonly fetchFn: typeof fetch;
  private readonly backoff: { first: number; max: number };
  private readonly boardEvery: number;

  constructor(options: LiveStoreOptions = {}) {
    this.base = options.base ?? '';
    this.makeSource = options.eventSource ?? ((url) => new EventSource(url));
    this.fetchFn = options.fetchFn ?? ((...args) => fetch(...args));
    this.backoff = options.backoff ?? { first: 1000, max: 30000 };
    this.retryDelay = this.backoff.first;
    this.boardEvery = options.boardEvery ?? 30000;
  }

  /** Open the stream and load the snapshot; idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
    void this.refresh();
    if (this.boardEvery > 0) this.boardTimer = setInterval(this.onBoardTimer, this.boardEvery);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisible);
  }

  /** Close the stream and cancel any pending reconnect. */
  stop(): void {
    this.running = false;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.boardTimer !== null) clearInterval(this.boardTimer);
    this.boardTimer = null;
    this.source?.close();
    this.source = null;
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisible);
  }

  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') void this.refresh();
  };

  private readonly onBoardTimer = (): void => {
    if (typeof document === 'undefined' || document.visibilityState !== 'hidden') void this.refreshBoard();
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveState => this.state;

  /** Merge one record; returns true when it replaced an older version (or was the first). */
  apply(record: EcoRecord): boolean {
    return this.applyMany([record]);
  }

  /** Merge several records at once (one notification). */
  applyMany(records: Iterable<EcoRecord>): boolean {
    let next: Record<string, EcoRecord> | null = null;
    for (const record of records) {
      const current = (next ?? this.state.records)[record.kind];
      if (current && !supersedes(record, current)) continue;
      next = next ?? { ...this.state.records };
      next[record.kind] = record;
    }
    if (next === null) return false;
    this.set({ records: next, lastUpdateAt: Date.now() });
    return true;
  }

  /** Take the board's settings (as the API names them); an unchanged answer notifies no one. */
  applyBoard(board: Board): void {
    if (JSON.stringify(board) !== JSON.stringify(this.state.board)) this.set({ board });
  }

  /** Re-read every kind's latest record and the board's settings; failures are absorbed (the indicator shows the stream). */
  async refresh(): Promise<void> {
    await Promise.all([this.refreshRecords(), this.refreshBoard()]);
  }

  private async refreshBoard(): Promise<void> {
    try {
      const response = await this.fetchFn(`${this.base}/api/v1/board`, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const board = parseBoard(await response.json());
      if (board) this.applyBoard(board);
    } catch {
      // as for the records: read again on the next reopen (the last answer stays)
    }
  }

  private async refreshRecords(): Promise<void> {
    try {
      const response = await this.fetchFn(`${this.base}/api/v1/records`, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const body = (await response.json()) as Record<string, EcoRecord>;
      this.applyMany(Object.values(body).filter(isRecord));
    } catch {
      // Network down: the stream's reconnect will call refresh again.
    }
  }

  private connect(): void {
    const resume = this.lastEventId ? `?last_event_id=${encodeURIComponent(this.lastEventId)}` : '';
    const source = this.makeSource(`${this.base}/api/v1/events${resume}`);
    this.source = source;
    source.onopen = () => {
      if (source !== this.source) return;
      this.retryDelay = this.backoff.first;
      const reopened = this.opened;
      this.opened = true;
      this.set({ connection: 'live' });
      if (reopened) void this.refresh();
    };
    source.addEventListener('record', (event) => {
      if (source !== this.source) return;
      const message = event as MessageEvent<string>;
      if (message.lastEventId) this.lastEventId = message.lastEventId;
      const record = parseRecord(message.data);
      if (record) this.apply(record);
    });
    source.onerror = () => {
      if (source !== this.source) return;
      this.set({ connection: 'reconnecting' });
      if (source.readyState === 2 /* CLOSED */) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.source?.close();
    this.source = null;
    if (!this.running || this.retryTimer !== null) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.backoff.max);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.running) return;
      this.opened = true; // the next open is a reopen: re-read the snapshot
      this.connect();
    }, delay);
  }

  private set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** Whether `record` replaces `current` of the same kind: a higher version, or a lower one fetched later (a rebuilt store). */
function supersedes(record: EcoRecord, current: EcoRecord): boolean {
  if (record.version > current.version) return true;
  return record.version < current.version && Date.parse(record.fetched_at) > Date.parse(current.fetched_at);
}

function isRecord(value: unknown): value is EcoRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<EcoRecord>;
  return typeof r.kind === 'string' && typeof r.version === 'number' && typeof r.valid_until === 'string';
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The board's answer, or null when it is not the shape the dashboard knows. */
function parseBoard(value: unknown): Board | null {
  if (typeof value !== 'object' || value === null) return null;
  const b = value as Record<string, unknown>;
  const teams = (b.teams ?? {}) as Record<string, unknown>;
  const aliases = (b.team_aliases ?? {}) as Record<string, unknown>;
  if (typeof b.timezone !== 'string' || !b.timezone) return null;
  if (b.units !== 'metric' && b.units !== 'imperial') return null;
  if (b.store !== 'ok' && b.store !== 'unreachable') return null;
  if (!isStrings(teams.mlb) || !isStrings(teams.nfl)) return null;
  if (!Object.values(aliases).every((v) => typeof v === 'string')) return null;
  return {
    timezone: b.timezone,
    units: b.units,
    teams: { mlb: teams.mlb, nfl: teams.nfl },
    team_aliases: aliases as Record<string, string>,
    store: b.store,
  };
}

function parseRecord(text: string): EcoRecord | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/** True when the server says so or valid_until has passed on the client clock. */
export function isStale(record: EcoRecord, nowMs: number): boolean {
  if (record.stale) return true;
  const until = Date.parse(record.valid_until);
  return Number.isFinite(until) && nowMs > until;
}
