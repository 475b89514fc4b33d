// The Pause/Play button follows a tap at once and is never turned back by a state read that started
// before the tap. happy-dom has no server: the API's answers are handed over one at a time, in the
// order the test chooses (the end-to-end test drives the real appliance). "Reminder done" and Undo
// send exactly the request the API's route reads, and the mark shown is the live `reminder` record's.
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DisplayState, EcoRecord, ReminderData } from '../api/types';
import { renderWithRecords } from '../test/render';
import { PanelMirror } from './PanelMirror';

const PLAYING: DisplayState = {
  page: 'weather', page_index: 1, pages: ['clock', 'weather', 'mlb'], paused: false, brightness: 80,
  fps: 59.9, frame_time_ms: 2.5, missed_frames: 3, last_frame_at: '2026-12-03T17:00:01+00:00',
};
const PAUSED: DisplayState = { ...PLAYING, paused: true };

/** GET /api/v1/display requests in the order they were sent, each answered when the test says. */
let reads: ((state: DisplayState) => void)[];
let commands: string[];

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function api(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = String(input);
  if (url === '/api/v1/display') return new Promise((resolve) => reads.push((state) => resolve(json(state, 200))));
  if (init?.method === 'POST') {
    const command = url.replace('/api/v1/display/', '');
    commands.push(command);
    return json({ accepted: { command } }, 202);
  }
  return new Promise(() => {}); // the frame: not needed here
}

async function answer(index: number, state: DisplayState) {
  await act(async () => reads[index](state));
}

const button = () => screen.getByRole('button', { name: /Pause|Play/ });

describe('PanelMirror controls', () => {
  beforeEach(() => {
    reads = [];
    commands = [];
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout'] });
    vi.stubGlobal('fetch', vi.fn(api));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('turns Pause into Play on the tap, and an older poll answering later does not turn it back', async () => {
    renderWithRecords(<PanelMirror />, [], { token: 'e2e-token' });
    await answer(0, PLAYING);
    expect(button().textContent).toBe('❚❚ Pause');

    await act(async () => vi.advanceTimersByTime(3000)); // the state poll starts...
    expect(reads).toHaveLength(2);
    await act(async () => fireEvent.click(button())); // ...and the tap goes out before it answers
    expect(commands).toEqual(['pause']);
    expect(button().textContent).toBe('▶ Play');
    expect(screen.getByTestId('control-result').textContent).toBe('pause: done');

    await answer(1, PLAYING); // the poll from before the tap
    expect(button().textContent).toBe('▶ Play');
    expect(reads).toHaveLength(3); // read again at once after the command
    await answer(2, PLAYING); // the panel has not drawn a frame since: not paused yet
    expect(button().textContent).toBe('▶ Play');
    await act(async () => vi.advanceTimersByTime(250));
    await answer(3, PAUSED);
    expect(button().textContent).toBe('▶ Play');
    await act(async () => vi.advanceTimersByTime(250));
    expect(reads).toHaveLength(4); // confirmed: no more reads until the next poll

    await act(async () => fireEvent.click(button()));
    expect(commands).toEqual(['pause', 'play']);
    expect(button().textContent).toBe('❚❚ Pause');
    await answer(4, PLAYING);
    expect(button().textContent).toBe('❚❚ Pause');
  });

  it('shows what the panel says once a command it accepted never shows there', async () => {
    renderWithRecords(<PanelMirror />, [], { token: 'e2e-token' });
    await answer(0, PLAYING);
    await act(async () => fireEvent.click(button()));
    expect(button().textContent).toBe('▶ Play');
    for (let i = 1; i <= 5; i++) {
      await answer(i, PLAYING);
      await act(async () => vi.advanceTimersByTime(250));
    }
    expect(button().textContent).toBe('❚❚ Pause'); // five reads after the tap said "not paused"
  });
});

/** One request the dashboard sent, as the API would see it. */
interface Sent {
  method: string | undefined;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const REMINDER_422 = 'reminder: expected no body or a JSON body {"done": true|false}, got the body "yes"';

/** A `reminder` record as GET /api/v1/records/reminder answers it (21:12 EST is 02:12Z the next day). */
function reminder(version: number, doneAt: string | null): EcoRecord<ReminderData> {
  return {
    kind: 'reminder', version, source: 'api',
    fetched_at: '2026-12-05T02:12:07.250000+00:00', valid_until: '2026-12-12T02:12:07.250000+00:00',
    data: { done_at: doneAt }, stale: false,
  };
}

describe('PanelMirror reminder done', () => {
  let sent: Sent[];
  let answers: Response[];

  async function reminderApi(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = String(input);
    if (url === '/api/v1/reminder/done') {
      sent.push({
        method: init?.method, url, headers: init?.headers as Record<string, string>, body: JSON.parse(String(init?.body)),
      });
      return answers.shift()!;
    }
    if (url === '/api/v1/display') return json(PLAYING, 200);
    return new Promise(() => {}); // the frame: not needed here
  }

  const tap = (name: string) => act(async () => fireEvent.click(screen.getByRole('button', { name })));
  const result = () => screen.getByTestId('control-result').textContent;

  beforeEach(() => {
    sent = [];
    answers = [];
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout'] });
    vi.stubGlobal('fetch', vi.fn(reminderApi));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('posts {"done": true} with the token, then shows the mark from the live record in the board\'s zone', async () => {
    const { store } = renderWithRecords(<PanelMirror />, [], { token: 'e2e-token', timezone: 'America/Chicago' });
    expect(screen.queryByTestId('reminder-mark')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();

    answers.push(json(reminder(1, '2026-12-05T02:12:07.250000Z'), 200));
    await tap('Reminder done');
    expect(sent).toEqual([{
      method: 'POST', url: '/api/v1/reminder/done',
      headers: { Authorization: 'Bearer e2e-token', 'Content-Type': 'application/json' }, body: { done: true },
    }]);
    expect(result()).toBe('reminder: marked done');
    expect(screen.queryByTestId('reminder-mark')).toBeNull(); // the mark is the live record's, not the answer's

    await act(async () => void store.apply(reminder(1, '2026-12-05T02:12:07.250000Z')));
    expect(screen.getByTestId('reminder-mark').textContent).toBe('Marked done Fri 8:12 PM'); // Chicago, not the phone's New York
  });

  it('undoes the mark with {"done": false}; the undone record hides the mark and Undo', async () => {
    const { store } = renderWithRecords(<PanelMirror />, [reminder(3, '2026-12-05T02:12:07+00:00')], { token: 'e2e-token' });
    expect(screen.getByTestId('reminder-mark').textContent).toBe('Marked done Fri 9:12 PM'); // the board's New York

    answers.push(json(reminder(4, null), 200));
    await tap('Undo');
    expect(sent.map((s) => [s.method, s.url, s.headers.Authorization, s.body]))
      .toEqual([['POST', '/api/v1/reminder/done', 'Bearer e2e-token', { done: false }]]);
    expect(result()).toBe('reminder: undone');

    await act(async () => void store.apply(reminder(4, null)));
    expect(screen.queryByTestId('reminder-mark')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Reminder done' })).toBeTruthy();
  });

  it('shows a refused mark as the other controls show their errors, and keeps the mark shown', async () => {
    renderWithRecords(<PanelMirror />, [reminder(3, '2026-12-05T02:12:07+00:00')], { token: 'e2e-token' });
    answers.push(
      json({ error: "a valid 'Authorization: Bearer <token>' header is required" }, 401),
      json({ error: 'control is disabled: no control token is configured' }, 503),
      json({ error: 'the store is unavailable; nothing was recorded' }, 503),
      json({ error: REMINDER_422 }, 422),
      new Response('Bad Gateway', { status: 502 }),
    );
    await tap('Reminder done');
    expect(result()).toBe('token rejected');
    await tap('Undo');
    expect(result()).toBe('reminder failed: control is disabled: no control token is configured');
    await tap('Reminder done');
    expect(result()).toBe('reminder failed: the store is unavailable; nothing was recorded');
    await tap('Reminder done');
    expect(result()).toBe(`reminder failed: ${REMINDER_422}`);
    await tap('Undo');
    expect(result()).toBe('reminder failed: HTTP 502');
    expect(sent.map((s) => s.body)).toEqual([{ done: true }, { done: false }, { done: true }, { done: true }, { done: false }]);
    expect(screen.getByTestId('reminder-mark').textContent).toBe('Marked done Fri 9:12 PM');
  });

  it('says the API is unreachable when the request fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
      if (String(input) === '/api/v1/reminder/done') throw new TypeError('Failed to fetch');
      return reminderApi(input);
    }));
    renderWithRecords(<PanelMirror />, [], { token: 'e2e-token' });
    await tap('Reminder done');
    expect(result()).toBe('reminder failed: API unreachable');
  });

  it('offers no reminder button before a token is entered', () => {
    renderWithRecords(<PanelMirror />, [reminder(3, '2026-12-05T02:12:07+00:00')]);
    expect(screen.queryByRole('button', { name: 'Reminder done' })).toBeNull();
    expect(screen.queryByTestId('reminder-mark')).toBeNull();
  });
});
