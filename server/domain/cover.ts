// Days of cover: how long the stock already in a zone lasts at its daily need. The day-by-day projection over a
// horizon, from household stock and every supply channel, is cover-projection.ts (it uses the same ratio).
//
// Zero need is Infinity (nothing is eaten, so any stock lasts forever, including zero stock).
// Infinity does not survive JSON, so the edge uses coverForJson, which turns it into null;
// the map reads null as "no need". Negative or non-finite inputs are programming errors and throw.

export function daysOfCover(stockKg: number, dailyNeedKg: number): number {
  if (!Number.isFinite(stockKg) || stockKg < 0) throw new RangeError(`stockKg must be finite and ≥ 0, got ${stockKg}`);
  if (!Number.isFinite(dailyNeedKg) || dailyNeedKg < 0) {
    throw new RangeError(`dailyNeedKg must be finite and ≥ 0, got ${dailyNeedKg}`);
  }
  if (dailyNeedKg === 0) return Infinity;
  return stockKg / dailyNeedKg;
}

export interface ZoneCover {
  /** commodityId → days; Infinity where the need is zero. */
  byCommodityDays: Record<string, number>;
  /** The commodity that runs out first; null when nothing is needed at all. */
  worst: { commodityId: string; days: number } | null;
}

/**
 * Cover per commodity of the need map; a commodity missing from the stock counts as 0 kg.
 * Ties for the worst go to the commodity listed first in the need map (stable, predictable).
 */
export function zoneCover(stockKg: Readonly<Record<string, number>>, dailyNeedKg: Readonly<Record<string, number>>): ZoneCover {
  const byCommodityDays: Record<string, number> = {};
  let worst: ZoneCover['worst'] = null;
  for (const [commodityId, need] of Object.entries(dailyNeedKg)) {
    const days = daysOfCover(stockKg[commodityId] ?? 0, need);
    byCommodityDays[commodityId] = days;
    if (days !== Infinity && (worst === null || days < worst.days)) worst = { commodityId, days };
  }
  return { byCommodityDays, worst };
}

/** JSON cannot carry Infinity: null means "no need", so the client never sees a bogus number. */
export function coverForJson(days: number): number | null {
  return Number.isFinite(days) ? days : null;
}
