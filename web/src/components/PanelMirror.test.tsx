// The Pause/Play button follows a tap at once and is never turned back by a state read that started
// before the tap. happy-dom has no server: the API's answers are handed over one at a time, in the
// order the test chooses (the end-to-end test drives the real appliance).
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DisplayState } from '../api/types';
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
