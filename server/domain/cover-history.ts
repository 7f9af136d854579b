// Days of cover over the last days, per commodity, for one district: pure, from what the store already holds.
//
// What the numbers are (and are not): the store keeps no stock inside the zones and no consumption, so this is not
// "stock on hand". For each day it is the goods that reached the district's zones that day divided by the district's
// daily need (population × ration, raised for special groups), i.e. how many days of need one day's supply covers:
// `planned` from the plan in force for that day (its planned deliveries), `delivered` from the drivers' recorded
// handoffs. Both are district totals (a zone short while another has plenty is averaged away; the zone table shows
// zones). null: no plan in force that day / no handoff recorded that day.

import { addDays } from './local-time';

export interface CoverHistoryInput {
  /** Local days, oldest first. */
  days: readonly string[];
  commodityIds: readonly string[];
  /** The district's zones' daily need, commodityId → kg (summed by the caller or here). */
  dailyNeedKg: ReadonlyMap<string, Record<string, number>>;
  /** day → zoneId → commodityId → kg planned (from the plan in force that day), absent when no plan. */
  planned: ReadonlyMap<string, ReadonlyMap<string, Record<string, number>>>;
  /** day → zoneId → commodityId → kg recorded as handed over, absent when nothing recorded. */
  delivered: ReadonlyMap<string, ReadonlyMap<string, Record<string, number>>>;
}

export interface CoverSeries {
  planned: (number | null)[];
  delivered: (number | null)[];
}

/** Per commodity: one value per day (days of need covered), rounded to 0.01 day. */
export function coverHistory(input: CoverHistoryInput): Record<string, CoverSeries> {
  const need: Record<string, number> = {};
  for (const perZone of input.dailyNeedKg.values()) {
    for (const [c, kg] of Object.entries(perZone)) need[c] = (need[c] ?? 0) + kg;
  }
  const ratio = (byZone: ReadonlyMap<string, Record<string, number>> | undefined, c: string): number | null => {
    if (!byZone || !(need[c]! > 0)) return null;
    let kg = 0;
    // Only the district's zones count (a city-wide plan also serves other districts).
    for (const [zoneId, q] of byZone) if (input.dailyNeedKg.has(zoneId)) kg += q[c] ?? 0;
    return Math.round((kg / need[c]!) * 100) / 100;
  };
  const out: Record<string, CoverSeries> = {};
  for (const c of input.commodityIds) {
    out[c] = {
      planned: input.days.map((d) => ratio(input.planned.get(d), c)),
      delivered: input.days.map((d) => ratio(input.delivered.get(d), c)),
    };
  }
  return out;
}

/** `count` local days ending with `until` (YYYY-MM-DD), oldest first. */
export function dayWindow(until: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(until, i - (count - 1)));
}
