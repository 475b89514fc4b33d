// The few non-streaming calls: the display state, its live frame, the control commands and the
// reminder's done mark.
import type { DisplayState } from './types';

export type Command = 'pause' | 'play' | 'next' | 'prev' | 'brightness' | 'reload';

/** The display's state, or null when there is no display (503) or the API is unreachable. */
export async function getDisplay(base = ''): Promise<DisplayState | null> {
  try {
    const response = await fetch(`${base}/api/v1/display`, { headers: { Accept: 'application/json' } });
    return response.ok ? ((await response.json()) as DisplayState) : null;
  } catch {
    return null;
  }
}

/** What the panel showed with one frame, from the headers of that frame's own response. */
export interface FrameMeta {
  page: string | null;
  pageIndex: number | null;
  paused: boolean | null;
  shownAt: string | null;
}

/** The display state the API sent with a frame (`Ecoboard-Page`, `-Page-Index`, `-Paused`, `-Frame-At`). */
export function frameMeta(headers: Headers): FrameMeta {
  const page = headers.get('Ecoboard-Page');
  const index = Number.parseInt(headers.get('Ecoboard-Page-Index') ?? '', 10);
  const paused = headers.get('Ecoboard-Paused');
  let name: string | null = null;
  try {
    name = page ? decodeURIComponent(page) : null;
  } catch {
    name = page; // not percent-encoded after all: show it as sent
  }
  return {
    page: name,
    pageIndex: Number.isInteger(index) ? index : null,
    paused: paused === 'true' ? true : paused === 'false' ? false : null,
    shownAt: headers.get('Ecoboard-Frame-At'),
  };
}

export interface PanelFrame extends FrameMeta {
  png: Blob;
}

/** The live frame (PNG, `scale` pixels per LED) with what the panel showed with it; null when there is none. */
export async function getFrame(scale = 4, base = ''): Promise<PanelFrame | null> {
  try {
    const response = await fetch(`${base}/api/v1/display/frame.png?scale=${scale}`, { cache: 'no-store' });
    if (!response.ok) return null;
    return { ...frameMeta(response.headers), png: await response.blob() };
  } catch {
    return null;
  }
}

export interface CommandResult {
  ok: boolean;
  message: string;
}

/** Send one control command with the bearer token; never throws. */
export function sendCommand(command: Command, token: string, body?: unknown, base = ''): Promise<CommandResult> {
  return postWithToken(`${base}/api/v1/display/${command}`, token, body ?? {}, command, `${command}: done`);
}

/**
 * Mark the reminder done (`done` true) or undo the mark, with the bearer token; never throws. The
 * mark itself arrives as the `reminder` record over the live stream.
 */
export function markReminder(done: boolean, token: string, base = ''): Promise<CommandResult> {
  const message = done ? 'reminder: marked done' : 'reminder: undone';
  return postWithToken(`${base}/api/v1/reminder/done`, token, { done }, 'reminder', message);
}

/** POST `body` as JSON with the bearer token; `okMessage` on success, else why `what` failed. Never throws. */
async function postWithToken(url: string, token: string, body: unknown, what: string, okMessage: string): Promise<CommandResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) return { ok: true, message: okMessage };
    if (response.status === 401 || response.status === 403) return { ok: false, message: 'token rejected' };
    return { ok: false, message: `${what} failed: ${await errorText(response)}` };
  } catch {
    return { ok: false, message: `${what} failed: API unreachable` };
  }
}

/** The API's JSON error text (`{"error": "..."}`), else the HTTP status. */
async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string' && body.error) return body.error;
  } catch {
    // not JSON: fall through to the status
  }
  return `HTTP ${response.status}`;
}
