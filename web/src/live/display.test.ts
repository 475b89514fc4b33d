// The order rules of the display state: a command shows at once, older reads never undo it.
import { describe, expect, it } from 'vitest';
import type { DisplayState } from '../api/types';
import { CONFIRM_READS, DisplayTracker, commandEffect } from './display';

// GET /api/v1/display as tests/api/test_api_display.py's panel answers it
const PLAYING: DisplayState = {
  page: 'weather', page_index: 1, pages: ['clock', 'weather', 'mlb'], paused: false, brightness: 80,
  fps: 59.9, frame_time_ms: 2.5, missed_frames: 3, last_frame_at: '2026-12-03T17:00:01+00:00',
};
const PAUSED: DisplayState = { ...PLAYING, paused: true, last_frame_at: '2026-12-03T17:00:02+00:00' };

function shown(initial: DisplayState): DisplayTracker {
  const tracker = new DisplayTracker();
  tracker.answer(tracker.begin(), initial);
  return tracker;
}

describe('DisplayTracker', () => {
  it('shows a pause at once and drops a poll that started before it, whenever that poll answers', () => {
    const tracker = shown(PLAYING);
    const poll = tracker.begin(); // the 3 s poll is on its way
    tracker.commanded('pause');
    expect(tracker.state?.paused).toBe(true);
    expect(tracker.answer(poll, PLAYING)).toBe(false); // it answers after the command: the panel as it was
    expect(tracker.state?.paused).toBe(true);
  });

  it('keeps the command on top of reads that do not show it yet, until one does', () => {
    const tracker = shown(PLAYING);
    tracker.commanded('pause');
    tracker.answer(tracker.begin(), PLAYING); // the panel applies commands between frames: not yet
    expect(tracker.state).toEqual({ ...PLAYING, paused: true });
    expect(tracker.confirming).toBe(true);
    tracker.answer(tracker.begin(), PAUSED);
    expect(tracker.state).toEqual(PAUSED);
    expect(tracker.confirming).toBe(false);
  });

  it(`shows the panel's own answer once ${CONFIRM_READS} reads in a row have missed the command`, () => {
    const tracker = shown(PLAYING);
    tracker.commanded('pause');
    for (let i = 1; i < CONFIRM_READS; i++) {
      tracker.answer(tracker.begin(), PLAYING);
      expect(tracker.state?.paused).toBe(true);
    }
    tracker.answer(tracker.begin(), PLAYING); // the command never reached the panel
    expect(tracker.state).toEqual(PLAYING);
    expect(tracker.confirming).toBe(false);
  });

  it('drops an answer older than the one shown', () => {
    const tracker = new DisplayTracker();
    const first = tracker.begin();
    const second = tracker.begin();
    expect(tracker.answer(second, PAUSED)).toBe(true);
    expect(tracker.answer(first, PLAYING)).toBe(false);
    expect(tracker.state).toEqual(PAUSED);
  });

  it('shows a new brightness at once; next, prev and reload only make older reads out of date', () => {
    const tracker = shown(PLAYING);
    const poll = tracker.begin();
    tracker.commanded('brightness', { value: 35 });
    expect(tracker.state?.brightness).toBe(35);
    tracker.commanded('next');
    expect(tracker.state).toEqual({ ...PLAYING, brightness: 35 });
    expect(tracker.answer(poll, { ...PLAYING, page_index: 0 })).toBe(false);
    tracker.answer(tracker.begin(), { ...PLAYING, page_index: 2, brightness: 35 });
    expect(tracker.state).toEqual({ ...PLAYING, page_index: 2, brightness: 35 });
  });

  it('shows no display once the API says there is none', () => {
    const tracker = shown(PLAYING);
    tracker.commanded('pause');
    tracker.answer(tracker.begin(), null);
    expect(tracker.state).toBeNull();
    expect(tracker.confirming).toBe(false);
  });
});

describe('commandEffect', () => {
  it('knows what pause, play and brightness change, and nothing else', () => {
    expect(commandEffect('pause')).toEqual({ paused: true });
    expect(commandEffect('play')).toEqual({ paused: false });
    expect(commandEffect('brightness', { value: 0 })).toEqual({ brightness: 0 });
    expect(commandEffect('brightness')).toBeNull();
    expect(commandEffect('next')).toBeNull();
    expect(commandEffect('reload')).toBeNull();
  });
});
