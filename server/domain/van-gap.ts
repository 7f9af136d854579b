import type { ZoneCommodityProjection } from './cover-projection';

// The gap the planned vans fill: what a zone needs from them so that, after household stock and every
// other channel, its residents never go without and end each day of the horizon at or above a target
// cover. The planner's demand for the zone is this gap, so the LP shares scarce vans where nothing else
// reaches; a zone the other channels keep safe draws no van.

/**
 * The target for one commodity: the tier's, but never above the days of stock homes usually keep of it.
 * The other channels sell residents back up to their usual stock and no further (cover-projection.ts);
 * a target above it would send vans to every zone, even where shops trade as usual (homes keep about one
 * day of vegetables in normal times).
 */
export function commodityTargetDays(tierTargetDays: number, usualStockDays: number): number {
  return Math.max(0, Math.min(tierTargetDays, usualStockDays));
}

/**
 * kg of one commodity the vans must bring on the first day of the projection (which counts no van that
 * day): the largest, over the days of the horizon, of the need that went unmet up to that day plus what
 * that day's end stock lacks of the target. Bringing it on day one meets both (a van's goods stay in the
 * homes until eaten).
 */
export function vanGapKg(projection: Pick<ZoneCommodityProjection, 'stockKg' | 'unmetKg'>, dailyNeedKg: number, targetDays: number): number {
  let unmet = 0;
  let gap = 0;
  projection.stockKg.forEach((stock, h) => {
    unmet += projection.unmetKg[h] ?? 0;
    gap = Math.max(gap, unmet + Math.max(0, targetDays * dailyNeedKg - stock));
  });
  // Counted in whole grams: the projection's float sums leave residue (3 × 0.1 − 0.3 = 5.6e-17 kg) where the
  // stock meets the target exactly, and a residue is a demand the planner would chase for nothing.
  return Math.round(gap * 1000) / 1000;
}
