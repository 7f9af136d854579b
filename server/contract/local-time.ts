// The one module for local dates and times, run by both sides: the server (through domain/local-time.ts)
// and the web (web/src/local-time.ts). Plan days, track days, report days and health checks are local
// days: a fix at 23:30 UTC belongs to the next morning's route, not to "yesterday" in UTC. The offset
// always comes from the configuration (config.live.utcOffset, UTC_OFFSET; the pages get it in the
// bg-utc-offset meta tag), passed in by the caller: nothing here (or anywhere else) assumes one.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The offset ('+08:00', '-05:30') in milliseconds. */
export function offsetMs(utcOffset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  if (!m) throw new RangeError(`utcOffset must look like +08:00, got "${utcOffset}"`);
  const ms = (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return m[1] === '-' ? -ms : ms;
}

/** The local day (YYYY-MM-DD) of an instant. */
export function localDate(instant: string | Date | number, utcOffset: string): string {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : typeof instant === 'number' ? instant : instant.getTime()) + offsetMs(utcOffset);
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar day `n` days after `day` (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The local time of day (HH:MM) of an instant. */
export function localHhmm(instantMs: number, utcOffset: string): string {
  return new Date(instantMs + offsetMs(utcOffset)).toISOString().slice(11, 16);
}

/** The instant (ms since the epoch) `secondsOfDay` after local midnight of `date`. */
export function instantOf(date: string, secondsOfDay: number, utcOffset: string): number {
  return Date.parse(`${date}T00:00:00Z`) - offsetMs(utcOffset) + secondsOfDay * 1000;
}

/** The same instant as an ISO-8601 UTC string. */
export function isoOf(date: string, secondsOfDay: number, utcOffset: string): string {
  return new Date(instantOf(date, secondsOfDay, utcOffset)).toISOString();
}

/** [start, end) of a local day, in ms since the epoch. */
export function dayBounds(date: string, utcOffset: string): [number, number] {
  const start = instantOf(date, 0, utcOffset);
  return [start, start + DAY_MS];
}

/** Seconds from local midnight of `date` to the instant `ms` (negative before the day, ≥ 86,400 after it). */
export function secondsIntoDay(ms: number, date: string, utcOffset: string): number {
  return (ms - instantOf(date, 0, utcOffset)) / 1000;
}
