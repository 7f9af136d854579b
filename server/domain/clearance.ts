/**
 * A driver may be assigned only if their health check is still valid when the shift ends.
 * `validUntil` is a date (valid through that whole local day) or an exact instant; `shiftEnd` is
 * the shift's end as an instant (ISO) and `localDate` the plan's day (YYYY-MM-DD).
 */
export function isDriverCleared(validUntil: string, localDate: string, shiftEndIso: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) return validUntil >= localDate;
  const until = Date.parse(validUntil);
  const end = Date.parse(shiftEndIso);
  if (Number.isNaN(until) || Number.isNaN(end)) return false;
  return until >= end;
}
