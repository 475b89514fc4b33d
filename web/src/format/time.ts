// Instants are UTC on the wire; they are shown in the board's configured zone (the pages pass it;
// without one, the viewer's). Calendar dates ("YYYY-MM-DD") are already local and are never shifted.

function safeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return undefined; // unknown zone name: fall back to the browser's
  }
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "7:05 PM" in `zone` (default: the browser's). */
export function formatTime(iso: string | null | undefined, zone?: string | null): string | null {
  const date = parse(iso);
  if (!date) return null;
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: safeZone(zone) }).format(date);
}

/** "3 PM" in `zone`, for hourly forecast columns. */
export function formatHour(iso: string | null | undefined, zone?: string | null): string | null {
  const date = parse(iso);
  if (!date) return null;
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', timeZone: safeZone(zone) }).format(date);
}

/** "Sun 1:00 PM" in `zone`, for kickoffs in a week. */
export function formatWeekdayTime(iso: string | null | undefined, zone?: string | null): string | null {
  const date = parse(iso);
  if (!date) return null;
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: safeZone(zone),
  }).format(date);
}

function fromCalendarDate(date: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : null;
}

/** "Fri, Apr 8" for a local calendar date "2022-04-08" (no zone shift). */
export function formatDate(date: string | null | undefined): string | null {
  const d = fromCalendarDate(date);
  if (!d) return null;
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Today's calendar date (YYYY-MM-DD) in ``zone`` (the browser's when unknown), for labelling "Today". */
export function calendarDateIn(now: Date, zone?: string | null): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric', month: '2-digit', day: '2-digit', timeZone: safeZone(zone),
  }).format(now);
}

/** "Fri" for a local calendar date. */
export function formatWeekday(date: string | null | undefined): string | null {
  const d = fromCalendarDate(date);
  if (!d) return null;
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' }).format(d);
}

/** "5 min ago" style age of an instant relative to `nowMs`. */
export function formatAge(iso: string | null | undefined, nowMs: number): string | null {
  const date = parse(iso);
  if (!date) return null;
  const seconds = Math.max(0, Math.round((nowMs - date.getTime()) / 1000));
  if (seconds < 90) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}
