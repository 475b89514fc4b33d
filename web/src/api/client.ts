// The few non-streaming calls: the display state and the control commands.
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

export interface CommandResult {
  ok: boolean;
  message: string;
}

/** Send one control command with the bearer token; never throws. */
export async function sendCommand(command: Command, token: string, body?: unknown, base = ''): Promise<CommandResult> {
  try {
    const response = await fetch(`${base}/api/v1/display/${command}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (response.ok) return { ok: true, message: `${command}: done` };
    if (response.status === 401 || response.status === 403) return { ok: false, message: 'token rejected' };
    return { ok: false, message: `${command} failed: ${await errorText(response)}` };
  } catch {
    return { ok: false, message: `${command} failed: API unreachable` };
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
