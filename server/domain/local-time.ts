// Plan days and track days are local days (config.live.utcOffset, '+08:00' in China): a fix at
// 23:30 UTC belongs to the next morning's route, not to "yesterday" in UTC.

export function offsetMs(utcOffset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  if (!m) throw new RangeError(`utcOffset must look like +08:00, got "${utcOffset}"`);
  const ms = (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return m[1] === '-' ? -ms : ms;
}

/** The local day (YYYY-MM-DD) of an instant. */
export function localDate(instant: string | Date, utcOffset: string): string {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + offsetMs(utcOffset);
  return new Date(ms).toISOString().slice(0, 10);
}

/** The instant `secondsOfDay` after local midnight of `date`. */
export function instantOf(date: string, secondsOfDay: number, utcOffset: string): number {
  return Date.parse(`${date}T00:00:00Z`) - offsetMs(utcOffset) + secondsOfDay * 1000;
}
