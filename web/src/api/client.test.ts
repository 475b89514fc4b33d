// What the frame response says about its own frame, read from headers as the API sends them
// (tests/api/test_api_display.py checks the server side against the same values).
import { describe, expect, it } from 'vitest';
import { frameMeta } from './client';

describe('frameMeta', () => {
  it('reads the page, its place in the cycle, the pause state and the instant of the frame', () => {
    const headers = new Headers({
      'Content-Type': 'image/png',
      'Ecoboard-Page': 'weather',
      'Ecoboard-Page-Index': '1',
      'Ecoboard-Paused': 'false',
      'Ecoboard-Frame-At': '2026-12-03T17:00:01+00:00',
    });
    expect(frameMeta(headers)).toEqual({
      page: 'weather', pageIndex: 1, paused: false, shownAt: '2026-12-03T17:00:01+00:00',
    });
  });

  it('decodes a percent-encoded page name and reads a paused panel', () => {
    const headers = new Headers({ 'Ecoboard-Page': 'm%C3%A9t%C3%A9o%202', 'Ecoboard-Page-Index': '0', 'Ecoboard-Paused': 'true' });
    expect(frameMeta(headers)).toEqual({ page: 'météo 2', pageIndex: 0, paused: true, shownAt: null });
  });

  it('knows nothing from an API that does not send the headers, rather than guessing', () => {
    expect(frameMeta(new Headers({ 'Content-Type': 'image/png' })))
      .toEqual({ page: null, pageIndex: null, paused: null, shownAt: null });
    expect(frameMeta(new Headers({ 'Ecoboard-Page': '100%', 'Ecoboard-Page-Index': 'x' })))
      .toEqual({ page: '100%', pageIndex: null, paused: null, shownAt: null });
  });
});
