import type { PlannedRoute, Shortfall, ZoneOutcome } from '../../contract';
import { TOLERANCE_KG } from '../allocation';
import type { PlanCommodity, PlanZone } from '../plan-input';

const FULL = 1 - 1e-6;

/** Delivered goods, fill rates, days of cover and, for every zone short of anything, its reasons (see ../explain). */
export function zoneOutcomes(
  zones: readonly PlanZone[],
  commodities: readonly PlanCommodity[],
  routes: readonly PlannedRoute[],
  reasonsFor: (zoneId: string, commodityId: string) => Shortfall[],
): ZoneOutcome[] {
  const delivered = new Map<string, Record<string, number>>();
  for (const r of routes) for (const t of r.trips) for (const s of t.stops) {
    const acc = delivered.get(s.zoneId) ?? {};
    for (const [c, kg] of Object.entries(s.quantitiesKg)) acc[c] = (acc[c] ?? 0) + kg;
    delivered.set(s.zoneId, acc);
  }
  return zones.map((zone) => {
    const got = delivered.get(zone.id) ?? {};
    const out: ZoneOutcome = { zoneId: zone.id, demandKg: {}, deliveredKg: {}, fillRate: {}, daysOfCover: {}, shortfalls: [] };
    for (const { id: c } of commodities) {
      const demand = zone.demandKg[c] ?? 0;
      const kg = got[c] ?? 0;
      out.demandKg[c] = demand;
      out.deliveredKg[c] = kg;
      // A demand within the allocation's tolerance is none there, so it is none here: no 0 % fill, no reason to invent.
      out.fillRate[c] = demand > TOLERANCE_KG ? Math.min(1, kg / demand) : 1;
      const daily = zone.dailyNeedKg[c] ?? 0;
      out.daysOfCover[c] = daily > 0 ? ((zone.onHandKg[c] ?? 0) + kg) / daily : null;
      if (out.fillRate[c]! < FULL) out.shortfalls.push(...reasonsFor(zone.id, c));
    }
    return out;
  });
}
