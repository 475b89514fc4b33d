// Render a page with records already in the live store, as if they had arrived over SSE.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Board, EcoRecord } from '../api/types';
import { LiveProvider } from '../live/LiveContext';
import { reloadSettings, type Units } from '../live/settings';
import { LiveStore } from '../live/store';
import { BOARD } from './board';

export interface RenderOptions {
  /** The viewer's units (default imperial); null: the viewer has chosen none. */
  units?: Units | null;
  follow?: string[];
  token?: string;
  /** GET /api/v1/board's answer; without it the board has not answered yet. */
  board?: Board;
  /** Shorthand for a board of the default configuration in this time zone. */
  timezone?: string;
}

export function renderWithRecords(ui: ReactElement, records: EcoRecord[], options: RenderOptions = {}) {
  if (options.units !== null) localStorage.setItem('ecoboard.units', options.units ?? 'imperial');
  if (options.follow) localStorage.setItem('ecoboard.follow', options.follow.join(','));
  if (options.token) localStorage.setItem('ecoboard.token', options.token);
  reloadSettings();
  const store = new LiveStore(); // never started: records come from the test
  store.applyMany(records);
  const board = options.board ?? (options.timezone ? { ...BOARD, timezone: options.timezone } : null);
  if (board) store.applyBoard(board);
  const result = render(<LiveProvider store={store}>{ui}</LiveProvider>);
  return { ...result, store };
}

/** A deep copy of a generated record, changed by `edit` (a small input built from a real one). */
export function variant<D>(record: EcoRecord<D>, edit: (data: D) => void, version = record.version + 1): EcoRecord<D> {
  const copy = structuredClone(record);
  edit(copy.data);
  return { ...copy, version };
}
