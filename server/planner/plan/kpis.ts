import type { PlanKpis, PlannedRoute, ZoneOutcome } from '../../contract';

/** A plan's headline figures, from its routes and zone outcomes (also after a replan merges trips). */
export function kpisOf(
  routes: readonly PlannedRoute[],
  zones: readonly ZoneOutcome[],
  capacityKg: ReadonlyMap<string, number>,
  allocationFillRate: number,
  runtimeMs: number,
): PlanKpis {
  let deliveredKg = 0;
  let demandKg = 0;
  let minFill = 1;
  let minCover: number | null = null;
  for (const z of zones) {
    for (const c of Object.keys(z.demandKg)) {
      deliveredKg += z.deliveredKg[c]!;
      demandKg += z.demandKg[c]!;
      if (z.demandKg[c]! > 0) minFill = Math.min(minFill, z.fillRate[c]!);
      const cover = z.daysOfCover[c];
      if (cover !== null && cover !== undefined) minCover = minCover === null ? cover : Math.min(minCover, cover);
    }
  }
  const loads = routes.flatMap((r) => r.trips.map((t) => t.loadKg / (capacityKg.get(r.vehicleId) ?? Infinity)));
  return {
    minFillRate: minFill,
    allocationFillRate,
    deliveredKg,
    demandKg,
    distanceKm: routes.reduce((s, r) => s + r.distanceM, 0) / 1000,
    vehiclesUsed: routes.length,
    vanUtilisation: loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : 0,
    zonesShort: zones.filter((z) => z.shortfalls.length > 0).length,
    minDaysOfCover: minCover,
    runtimeMs,
  };
}
