// The display state as the panel page shows it, kept in order: reads of GET /api/v1/display may
// resolve out of order, and a control command takes a frame or two to reach the panel.
//
// - Each read is numbered when it starts; an answer older than the one shown is dropped, and so is
//   every answer to a read that started before the last command succeeded (it describes the panel
//   as it was before the command).
// - A command that succeeded is shown at once: pause/play set `paused`, brightness sets
//   `brightness`. Reads that do not show it yet (the panel applies commands between frames) keep
//   it on top, until one shows it or CONFIRM_READS reads in a row have not: then the panel's own
//   answer wins (a command that never reached the panel is not shown as done for long).
import type { Command } from '../api/client';
import type { DisplayState } from '../api/types';

/** How many reads after a command may miss its effect before the panel's answer is shown as it is. */
export const CONFIRM_READS = 5;

/** What a succeeded command changes in the state, as far as the client can tell. */
export function commandEffect(command: Command, body?: unknown): Partial<DisplayState> | null {
  if (command === 'pause') return { paused: true };
  if (command === 'play') return { paused: false };
  const value = (body as { value?: unknown } | undefined)?.value;
  if (command === 'brightness' && typeof value === 'number') return { brightness: value };
  return null; // next, prev, reload: the frame beside the buttons shows their effect
}

function shows(state: DisplayState, effect: Partial<DisplayState>): boolean {
  return Object.entries(effect).every(([key, value]) => state[key as keyof DisplayState] === value);
}

export class DisplayTracker {
  /** The state to show; null: no display (503) or the API is away. */
  state: DisplayState | null = null;
  private started = 0;
  private shownRead = 0;
  private floor = 0;
  private effect: Partial<DisplayState> | null = null;
  private misses = 0;

  /** Number a read as it starts; pass the number to `answer` with what it returned. */
  begin(): number {
    this.started += 1;
    return this.started;
  }

  /** True while a succeeded command's effect has not been seen in a read yet. */
  get confirming(): boolean {
    return this.effect !== null;
  }

  /** A read's answer; returns true when the state to show changed. */
  answer(read: number, state: DisplayState | null): boolean {
    if (read <= this.floor || read <= this.shownRead) return false; // older than a command, or than what is shown
    this.shownRead = read;
    let next = state;
    if (next === null || this.effect === null || shows(next, this.effect)) {
      this.effect = null;
    } else if (++this.misses < CONFIRM_READS) {
      next = { ...next, ...this.effect };
    } else {
      this.effect = null;
    }
    const changed = JSON.stringify(next) !== JSON.stringify(this.state);
    this.state = next;
    return changed;
  }

  /** A command succeeded: reads already started are out of date; show its effect now. */
  commanded(command: Command, body?: unknown): void {
    this.floor = this.started;
    const effect = commandEffect(command, body);
    if (effect === null || this.state === null) return;
    this.effect = effect;
    this.misses = 0;
    this.state = { ...this.state, ...effect };
  }
}
