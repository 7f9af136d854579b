// Turns a day's plan and what the drivers did into street-days (cover, reasons) and the day's
// sufficiency verdict. Pure: no I/O.
import type { Commodity, Plan, Vehicle, Zone } from '../../server/contract';
import { zoneDailyDemandKg } from '../../server/domain/demand';
import type { StopOutcome } from '../live-driver';
import type { StreetDay, Sufficiency } from './records';

/**
 * A van's round trip (load at the depot, drive out, hand off at a few gates, drive back) takes about
 * this long in Fangcun, so a shift allows floor(shift ÷ this) trips. The one assumption in "sufficient".
 */
export const TRIP_CYCLE_S = 4 * 3600;

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};
const hhmmS = (t: string) => Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60;

/**
 * Sufficient supply, precisely: for every commodity, Σ depot stock ≥ Σ daily need of the active zones;
 * and Σ over usable vans (not excluded by the plan: driver cleared, not broken) of capacityKg ×
 * floor(shift ÷ TRIP_CYCLE_S) ≥ Σ daily need in kg, with the same for cold-chain kg against the
 * cold-chain commodities' need.
 */
export function sufficiencyOf(zones: Zone[], commodities: Commodity[], stockKg: Record<string, number>, vehicles: Vehicle[], excluded: Set<string>): Sufficiency {
  const needKg: Record<string, number> = {};
  for (const z of zones.filter((x) => x.status === 'active')) add(needKg, zoneDailyDemandKg(z, commodities));
  const cold = new Set(commodities.filter((c) => c.coldChain).map((c) => c.id));
  let fleetKg = 0;
  let coldFleetKg = 0;
  for (const v of vehicles.filter((x) => !excluded.has(x.id))) {
    const trips = Math.floor((hhmmS(v.shiftEnd) - hhmmS(v.shiftStart)) / TRIP_CYCLE_S);
    fleetKg += v.capacityKg * trips;
    coldFleetKg += v.coldChainKg * trips;
  }
  const totalNeed = Object.values(needKg).reduce((a, b) => a + b, 0);
  const coldNeed = Object.entries(needKg).filter(([c]) => cold.has(c)).reduce((a, [, b]) => a + b, 0);
  const stock = Object.entries(needKg).every(([c, kg]) => (stockKg[c] ?? 0) >= kg);
  const fleet = fleetKg >= totalNeed && coldFleetKg >= coldNeed;
  return { stock, fleet, sufficient: stock && fleet, needKg, stockKg, fleetKg, coldFleetKg };
}

export interface DayFacts {
  date: string;
  zones: Zone[];
  commodities: Commodity[];
  /** Plans published today, first to last; shortfalls come from the last that covers the zone. */
  plans: Plan[];
  outcomes: StopOutcome[];
  brokenVehicle: string | null;
  unattended: Set<string>;
}

export function streetDays(f: DayFacts): StreetDay[] {
  return f.zones.map((zone) => {
    const active = zone.status === 'active';
    const needKg = active ? zoneDailyDemandKg(zone, f.commodities) : {};
    const deliveredKg: Record<string, number> = {};
    for (const o of f.outcomes.filter((x) => x.ok && x.zoneId === zone.id)) add(deliveredKg, o.deliveredKg);
    const last = [...f.plans].reverse().find((p) => p.result?.zones.some((z) => z.zoneId === zone.id));
    const outcome = last?.result?.zones.find((z) => z.zoneId === zone.id);
    let minCover: number | null = null;
    let worst: string | null = null;
    if (active) {
      for (const [c, need] of Object.entries(needKg)) {
        if (need <= 0) continue;
        const cover = (deliveredKg[c] ?? 0) / need;
        if (minCover === null || cover < minCover) { minCover = cover; worst = c; }
      }
    }
    const reasons: string[] = [];
    if (active && minCover !== null && minCover < 1) {
      if (!outcome) reasons.push('not_in_plan');
      for (const s of outcome?.shortfalls ?? []) reasons.push(s.commodityId ? `${s.code}:${s.commodityId}` : s.code);
      if (f.outcomes.some((o) => o.zoneId === zone.id && o.kind === 'failed')) reasons.push('handoff_failed');
      if (f.brokenVehicle && f.plans.some((p) => p.result?.routes.some((r) => r.vehicleId === f.brokenVehicle && r.trips.some((t) => t.stops.some((s) => s.zoneId === zone.id))))) reasons.push('van_broken_down');
      if (f.unattended.has(zone.id)) reasons.push('van_without_driver_login');
      if (f.outcomes.some((o) => o.zoneId === zone.id && !o.ok)) reasons.push('event_refused');
    }
    return {
      date: f.date, zoneId: zone.id, name: zone.name, tier: active ? zone.tier : null, population: zone.population,
      needKg, plannedKg: outcome?.deliveredKg ?? {}, deliveredKg, minCover, worstCommodity: worst,
      residentsWithoutDelivery: active && Object.values(deliveredKg).every((kg) => kg <= 0) ? zone.population : 0,
      reasons: [...new Set(reasons)],
    };
  });
}
