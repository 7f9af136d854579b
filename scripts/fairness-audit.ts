/**
 * The issue's fairness rule checked from a plan alone, for the property test and bench:plan.
 * Kept apart from the planner on purpose: it recomputes t* and the excuses itself.
 */
import type { PlanResult } from '../server/contract';
import { allocate } from '../server/planner/allocation';
import { haversineModel } from '../server/planner/distance';
import { DEFAULT_PLAN_OPTIONS, type PlanInput, type PlanZone } from '../server/planner/plan-input';

const KG = 0.5;

/**
 * Zone-commodities below 0.9 × their amount at t* that the fleet could have brought, checked from
 * the plan alone. t* is this test's own: the allocation of the real stock at depots with a cleared
 * van, vans ignored. A shortfall is excused only when none of the zone's nearest depots holding the
 * commodity has goods for it (unloaded, or given above t* to other zones) together with a trip that
 * stops at the zone with room (cold room for cold goods) or a van with a free window for the round trip.
 */
export function unexcusedShortfalls(input: PlanInput, result: PlanResult): string[] {
  const options = DEFAULT_PLAN_OPTIONS;
  const model = haversineModel({ detourFactor: options.detourFactor, speedKmh: options.speedKmh });
  const vans = input.vehicles.filter((v) => v.driverId && v.driverCleared);
  const depots = input.depots.filter((d) => vans.some((v) => v.homeDepotId === d.id));
  const reference = allocate(
    { commodities: input.commodities, depots, zones: input.zones, distanceM: (d, z) => model.distanceM(depots[d]!.location, input.zones[z]!.location) },
    { nearestDepots: options.nearestDepots },
  );
  const tStar = reference.parts.reduce((t, p) => Math.min(t, p.minLevel), 1);
  const required = (z: PlanZone, c: string) => (z.demandKg[c] ?? 0) * Math.min(1, Math.max(0, 1 - (1 - tStar) / z.weight));
  const cold = new Set(input.commodities.filter((c) => c.coldChain).map((c) => c.id));
  const vanById = new Map(input.vehicles.map((v) => [v.id, v]));

  const delivered = new Map<string, number>();
  const available = new Map<string, number>();
  for (const d of depots) for (const [c, kg] of Object.entries(d.stockKg)) available.set(`${d.id}|${c}`, kg);
  const stops = result.routes.flatMap((r) => r.trips.flatMap((t) => t.stops.map((s) => ({ r, t, s }))));
  for (const { t, s } of stops) for (const [c, kg] of Object.entries(s.quantitiesKg)) {
    delivered.set(`${s.zoneId}|${c}`, (delivered.get(`${s.zoneId}|${c}`) ?? 0) + kg);
    available.set(`${t.depotId}|${c}`, (available.get(`${t.depotId}|${c}`) ?? 0) - kg);
  }
  const zoneById = new Map(input.zones.map((z) => [z.id, z]));
  for (const { t, s } of stops) for (const [c, kg] of Object.entries(s.quantitiesKg)) {
    const above = (delivered.get(`${s.zoneId}|${c}`) ?? 0) - required(zoneById.get(s.zoneId)!, c);
    if (above > 0) available.set(`${t.depotId}|${c}`, available.get(`${t.depotId}|${c}`)! + Math.min(kg, above));
  }

  const freeWindow = (depotId: string, zone: PlanZone, needCold: boolean) => {
    const depot = depots.find((d) => d.id === depotId)!;
    const roundTripS = Math.round(model.durationS(depot.location, zone.location)) * 2 + zone.serviceS + 2;
    return vans.some((v) => {
      if (v.homeDepotId !== depotId || (needCold && v.coldChainKg <= 0)) return false;
      const trips = result.routes.find((r) => r.vehicleId === v.id)?.trips ?? [];
      for (let g = 0; g <= trips.length; g++) {
        const from = Math.max(v.shiftStartS, depot.opensS ?? 0, input.nowS ?? 0, g > 0 ? trips[g - 1]!.returnS + options.reloadS : 0);
        const until = g < trips.length ? trips[g]!.departS - options.reloadS : v.shiftEndS;
        if (until - from >= roundTripS && (depot.closesS === undefined || from <= depot.closesS) && !zone.windowS) return true;
      }
      return false;
    });
  };

  const bad: string[] = [];
  for (const zone of input.zones) for (const c of input.commodities.map((x) => x.id)) {
    const need = required(zone, c);
    const got = delivered.get(`${zone.id}|${c}`) ?? 0;
    if (got >= 0.9 * need - KG) continue;
    const holders = depots
      .filter((d) => (d.stockKg[c] ?? 0) > 0)
      .sort((a, b) => model.distanceM(a.location, zone.location) - model.distanceM(b.location, zone.location) || a.id.localeCompare(b.id))
      .slice(0, options.nearestDepots);
    const couldBring = holders.find((d) => {
      if ((available.get(`${d.id}|${c}`) ?? 0) <= KG) return false;
      const tripWithRoom = stops.some(({ r, t, s }) => {
        const v = vanById.get(r.vehicleId)!;
        return t.depotId === d.id && s.zoneId === zone.id && v.capacityKg - t.loadKg > KG && (!cold.has(c) || v.coldChainKg - t.coldChainLoadKg > KG);
      });
      return tripWithRoom || freeWindow(d.id, zone, cold.has(c));
    });
    if (couldBring) bad.push(`${zone.id} ${c}: ${got.toFixed(1)} of ${need.toFixed(1)} kg at t* ${tStar.toFixed(3)}; ${couldBring.id} has ${available.get(`${couldBring.id}|${c}`)!.toFixed(1)} kg`);
  }
  return bad;
}

