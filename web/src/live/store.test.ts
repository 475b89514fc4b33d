// The live store's merge and reconnect rules. The test DOM (happy-dom) has no EventSource, so a minimal one stands in
// for the browser's here; the end-to-end test drives the real one in Chromium against the server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Board, EcoRecord } from '../api/types';
import { BOARD } from '../test/board';
import { isStale, LiveStore } from './store';

class FakeSource {
  static made: FakeSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly handlers: ((e: MessageEvent<string>) => void)[] = [];
  constructor(readonly url: string) {
    FakeSource.made.push(this);
  }
  addEventListener(_type: string, handler: (e: MessageEvent<string>) => void) {
    this.handlers.push(handler);
  }
  close() {
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  send(record: EcoRecord, id: string) {
    for (const h of this.handlers) h(new MessageEvent('record', { data: JSON.stringify(record), lastEventId: id }));
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.();
  }
}

// GET /api/v1/board of a board configured as tests/api/test_api_board.py's CHICAGO, its store up
const CHICAGO: Board = {
  timezone: 'America/Chicago',
  units: 'metric',
  teams: { mlb: ['CHW', '147'], nfl: ['kc'] },
  team_aliases: BOARD.team_aliases,
  store: 'ok',
};

function rec(kind: string, version: number, validUntil = '2099-01-01T00:00:00+00:00'): EcoRecord {
  return { kind, version, fetched_at: '2022-09-11T20:00:00+00:00', valid_until: validUntil, source: 'test', data: { v: version } };
}

describe('LiveStore', () => {
  let snapshots: Record<string, EcoRecord>[];
  let board: { status: number; body: unknown };
  let fetched: string[];
  let store: LiveStore;

  function makeStore(boardEvery: number): LiveStore {
    const fetchFn = vi.fn(async (url: string) => {
      fetched.push(url);
      if (url === '/api/v1/board') return new Response(JSON.stringify(board.body), { status: board.status });
      if (url === '/api/v1/records') return new Response(JSON.stringify(snapshots.shift() ?? {}), { status: 200 });
      return new Response('{"error": "the record store is unavailable"}', { status: 503 }); // /environment while the store is down
    });
    return new LiveStore({
      eventSource: (url) => new FakeSource(url) as unknown as EventSource,
      fetchFn: fetchFn as unknown as typeof fetch,
      backoff: { first: 1000, max: 4000 },
      boardEvery,
    });
  }

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.made = [];
    snapshots = [];
    board = { status: 200, body: CHICAGO };
    fetched = [];
    store = makeStore(0);
  });
  afterEach(() => {
    store.stop();
    vi.useRealTimers();
  });

  it('keeps the newest version of each kind whatever the arrival order', () => {
    expect(store.apply(rec('nfl', 3))).toBe(true);
    expect(store.apply(rec('nfl', 2))).toBe(false);
    expect(store.apply(rec('nfl', 3))).toBe(false);
    expect(store.applyMany([rec('mlb', 1), rec('nfl', 4)])).toBe(true);
    expect(store.getSnapshot().records.nfl.version).toBe(4);
    expect(store.getSnapshot().records.mlb.version).toBe(1);
  });

  it('takes a lower version fetched later: a rebuilt store numbers from 1 again', () => {
    const at = (version: number, fetchedAt: string): EcoRecord => ({ ...rec('weather', version), fetched_at: fetchedAt });
    expect(store.apply(at(40, '2026-12-04T20:00:00+00:00'))).toBe(true);
    expect(store.apply(at(39, '2026-12-04T19:45:00+00:00'))).toBe(false); // a late snapshot of the same store
    expect(store.apply(at(1, '2026-12-04T21:00:00+00:00'))).toBe(true); // the rebuilt store's first record
    expect(store.getSnapshot().records.weather.version).toBe(1);
    expect(store.apply(at(2, '2026-12-04T21:15:00+00:00'))).toBe(true);
    expect(store.getSnapshot().records.weather.fetched_at).toBe('2026-12-04T21:15:00+00:00');
  });

  it('keeps a kind it has no page for, as the stream and /records send it (the reminder\'s done mark)', async () => {
    snapshots.push({ reminder: { ...rec('reminder', 2), data: { done_at: '2026-12-05T02:12:07+00:00' } } });
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().records.reminder.data).toEqual({ done_at: '2026-12-05T02:12:07+00:00' });
    FakeSource.made[0].open();
    FakeSource.made[0].send({ ...rec('reminder', 3), data: { done_at: null } }, '7');
    expect(store.getSnapshot().records.reminder.data).toEqual({ done_at: null });
  });

  it('reads the board\'s settings from /api/v1/board with the records', async () => {
    expect(store.getSnapshot().board).toBeNull();
    snapshots.push({ nfl: rec('nfl', 5) });
    await store.refresh();
    expect(fetched.sort()).toEqual(['/api/v1/board', '/api/v1/records']);
    expect(store.getSnapshot().board).toEqual({
      timezone: 'America/Chicago',
      units: 'metric',
      teams: { mlb: ['CHW', '147'], nfl: ['kc'] },
      team_aliases: { CHW: 'CWS', ARI: 'AZ', WAS: 'WSH', OAK: 'ATH', JAC: 'JAX', LA: 'LAR' },
      store: 'ok',
    });
    expect(store.getSnapshot().records.nfl.version).toBe(5);
  });

  it('keeps the last board through a failed or unknown answer, and notifies only on a change', async () => {
    let notified = 0;
    store.subscribe(() => notified++);
    await store.refresh();
    expect(notified).toBe(1);
    for (const answer of [
      { status: 200, body: CHICAGO }, // the same again
      { status: 502, body: { error: 'bad gateway' } },
      { status: 200, body: { ...CHICAGO, units: 'kelvin' } },
      { status: 200, body: { ...CHICAGO, teams: { mlb: [147] } } },
      { status: 200, body: { ...CHICAGO, store: 'maybe' } },
    ]) {
      board = answer;
      await store.refresh();
    }
    expect(notified).toBe(1);
    expect(store.getSnapshot().board).toEqual(CHICAGO);
    board = { status: 200, body: { ...CHICAGO, store: 'unreachable' } };
    await store.refresh();
    expect(notified).toBe(2);
    expect(store.getSnapshot().board?.store).toBe('unreachable');
  });

  it('reads the board again every boardEvery ms while running: the store going down and coming back is seen', async () => {
    store = makeStore(30000);
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().board?.store).toBe('ok');
    board = { status: 200, body: { ...CHICAGO, store: 'unreachable' } };
    await vi.advanceTimersByTimeAsync(29999);
    expect(store.getSnapshot().board?.store).toBe('ok');
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getSnapshot().board?.store).toBe('unreachable');
    board = { status: 200, body: CHICAGO };
    await vi.advanceTimersByTimeAsync(30000);
    expect(store.getSnapshot().board?.store).toBe('ok');
    expect(fetched.filter((url) => url === '/api/v1/board')).toHaveLength(3);
    expect(fetched.filter((url) => url === '/api/v1/records')).toHaveLength(1);
    store.stop();
    await vi.advanceTimersByTimeAsync(90000);
    expect(fetched.filter((url) => url === '/api/v1/board')).toHaveLength(3);
  });

  it('does not read the board on the timer while the page is hidden', async () => {
    store = makeStore(30000);
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      await vi.advanceTimersByTimeAsync(90000);
      expect(fetched.filter((url) => url === '/api/v1/board')).toHaveLength(1);
    } finally {
      visibility.mockRestore();
    }
    await vi.advanceTimersByTimeAsync(30000);
    expect(fetched.filter((url) => url === '/api/v1/board')).toHaveLength(2);
  });

  it('merges the snapshot and stream events, and shows the connection state', async () => {
    snapshots.push({ nfl: rec('nfl', 5), mlb: rec('mlb', 2) });
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().connection));
    store.start();
    await vi.runAllTimersAsync();
    const source = FakeSource.made[0];
    expect(source.url).toBe('/api/v1/events');
    expect(store.getSnapshot().connection).toBe('connecting');
    source.open();
    expect(store.getSnapshot().connection).toBe('live');
    source.send(rec('nfl', 4), 'nfl.4');
    source.send(rec('nfl', 6), 'mlb.2-nfl.6');
    expect(store.getSnapshot().records.nfl.version).toBe(6);
    expect(store.getSnapshot().records.mlb.version).toBe(2);
    source.fail(false); // the browser retries by itself, resending Last-Event-ID
    expect(store.getSnapshot().connection).toBe('reconnecting');
    expect(FakeSource.made).toHaveLength(1);
    expect(seen).toContain('reconnecting');
  });

  it('reopens a closed stream with backoff, resuming from the last event id, and re-reads /records', async () => {
    store.start();
    const first = FakeSource.made[0];
    first.open();
    first.send(rec('mlb', 7), 'mlb.7');
    first.fail(true);
    expect(store.getSnapshot().connection).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSource.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const second = FakeSource.made[1];
    expect(second.url).toBe('/api/v1/events?last_event_id=mlb.7');
    second.fail(true);
    await vi.advanceTimersByTimeAsync(2000); // doubled
    const third = FakeSource.made[2];
    snapshots.push({ mlb: rec('mlb', 9) });
    third.open();
    await vi.runAllTimersAsync();
    expect(store.getSnapshot().connection).toBe('live');
    expect(store.getSnapshot().records.mlb.version).toBe(9);
  });

  it('calls a record stale when the server says so or valid_until has passed', () => {
    const now = Date.parse('2022-09-11T20:00:00Z');
    expect(isStale(rec('nfl', 1, '2022-09-11T20:00:01+00:00'), now)).toBe(false);
    expect(isStale(rec('nfl', 1, '2022-09-11T19:59:59+00:00'), now)).toBe(true);
    expect(isStale({ ...rec('nfl', 1), stale: true }, now)).toBe(true);
  });
});
