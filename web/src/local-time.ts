import { instantOf, localDate, localHhmm, offsetMs, secondsIntoDay } from '../../server/contract/local-time';

// The pages' one place for local days and times. They are the server's local time (UTC_OFFSET), not
// the browser's: a coordinator abroad, or a laptop left on UTC, still sees plan days, report days and
// stop times as the city lives them. The server writes its offset into every page it serves
// (<meta name="bg-utc-offset">, server/http/page-shell.ts); each helper takes it from there unless the
// caller passes one (unit tests, which have no page).

/** The configured offset from UTC ('+08:00'), as the page carries it. */
export function pageUtcOffset(doc: Document = document): string {
  const offset = doc.querySelector<HTMLMetaElement>('meta[name="bg-utc-offset"]')?.content.trim();
  // No guess: a page served without it would show days in the wrong time zone without a word.
  if (!offset) throw new Error('the page carries no <meta name="bg-utc-offset">: pages are served by server/http/page-shell.ts');
  offsetMs(offset);
  return offset;
}

const msOf = (instant: string | number) => (typeof instant === 'string' ? Date.parse(instant) : instant);

/** The local day (YYYY-MM-DD) of an instant (ISO string or ms since the epoch). */
export function dayOf(instant: string | number, utcOffset = pageUtcOffset()): string {
  return localDate(msOf(instant), utcOffset);
}

/** Today, as a local day. */
export function today(nowMs = Date.now(), utcOffset = pageUtcOffset()): string {
  return localDate(nowMs, utcOffset);
}

/** The instant (ms since the epoch) of local midnight starting the day YYYY-MM-DD. */
export function midnightOf(date: string, utcOffset = pageUtcOffset()): number {
  return instantOf(date, 0, utcOffset);
}

/** An instant as local wall-clock HH:MM. */
export function timeOf(instant: string | number, utcOffset = pageUtcOffset()): string {
  return localHhmm(msOf(instant), utcOffset);
}

/** Seconds since local midnight of `date` at `nowMs`; on another day, the local time of day now. */
export function secondsOfDay(date: string, nowMs: number, utcOffset = pageUtcOffset()): number {
  const s = Math.floor(secondsIntoDay(nowMs, date, utcOffset));
  return s >= 0 && s < 86_400 ? s : Math.floor((nowMs + offsetMs(utcOffset)) / 1000) % 86_400;
}

/**
 * An instant as local date and time in the words of `locale` (Intl's fields and style). Intl is told
 * the shifted instant is UTC, so the browser's own time zone plays no part.
 */
export function dateTimeText(instant: string | number, locale: string | undefined, options: Intl.DateTimeFormatOptions, utcOffset = pageUtcOffset()): string {
  return new Date(msOf(instant) + offsetMs(utcOffset)).toLocaleString(locale, { ...options, timeZone: 'UTC' });
}
