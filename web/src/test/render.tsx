// Render a page with records already in the live store, as if they had arrived over SSE.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { EcoRecord } from '../api/types';
import { LiveProvider } from '../live/LiveContext';
import { reloadSettings, type Units } from '../live/settings';
import { LiveStore } from '../live/store';

export interface RenderOptions {
  units?: Units;
  follow?: string[];
  token?: string;
  /** The board's configured time zone, as GET /api/v1/environment names it. */
  timezone?: string;
}

export function renderWithRecords(ui: ReactElement, records: EcoRecord[], options: RenderOptions = {}) {
  localStorage.setItem('ecoboard.units', options.units ?? 'imperial');
  if (options.follow) localStorage.setItem('ecoboard.follow', options.follow.join(','));
  if (options.token) localStorage.setItem('ecoboard.token', options.token);
  reloadSettings();
  const store = new LiveStore(); // never started: records come from the test
  store.applyMany(records);
  if (options.timezone) store.applyTimezone(options.timezone);
  const result = render(<LiveProvider store={store}>{ui}</LiveProvider>);
  return { ...result, store };
}

/** A deep copy of a generated record, changed by `edit` (a small input built from a real one). */
export function variant<D>(record: EcoRecord<D>, edit: (data: D) => void, version = record.version + 1): EcoRecord<D> {
  const copy = structuredClone(record);
  edit(copy.data);
  return { ...copy, version };
}
