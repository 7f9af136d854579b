import type { PlannedRoute } from '../../contract';
import { allocate, type AllocationResult } from '../allocation';
import type { PlanCommodity, PlanDepot, PlanVehicle, PlanZone } from '../plan-input';
import { capToHaul, totalDemandKg, type Haul } from './fleet-capacity';

/**
 * The allocation with the routes' real capacity: each depot supplies at most what its trips can
 * load (the sum of their vans' kg and cold-chain kg, not what one round happened to carry), and a
 * depot serves a zone with a goods class only if one of its trips stops there with room for that
 * class (cold goods need a cold box). The same exact leximin (../allocation), so the goods then
 * loaded onto these trips keep the fairness this model proves.
 */
export function allocateOnRoutes(args: {
  routes: readonly PlannedRoute[];
  depots: readonly PlanDepot[];
  zones: readonly PlanZone[];
  commodities: readonly PlanCommodity[];
  vehicles: ReadonlyMap<string, PlanVehicle>;
  distanceM: (depot: number, zone: number) => number;
  nearestDepots: number;
}): { allocation: AllocationResult; depots: PlanDepot[] } {
  const { routes, zones, commodities, vehicles } = args;
  const depotIndex = new Map(args.depots.map((d, i) => [d.id, i]));
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const haul = new Map<string, Haul>(args.depots.map((d) => [d.id, { kg: 0, coldKg: 0 }]));
  const visits = new Set<number>();
  const n = zones.length;
  for (const route of routes) {
    const van = vehicles.get(route.vehicleId);
    if (!van) continue;
    for (const trip of route.trips) {
      const d = depotIndex.get(trip.depotId);
      if (d === undefined) continue;
      const h = haul.get(trip.depotId)!;
      h.kg += van.capacityKg;
      h.coldKg += van.coldChainKg;
      for (const stop of trip.stops) {
        const z = zoneIndex.get(stop.zoneId);
        if (z === undefined) continue;
        if (van.capacityKg > 0) visits.add((d * n + z) * 2);
        if (van.coldChainKg > 0 && van.capacityKg > 0) visits.add((d * n + z) * 2 + 1);
      }
    }
  }
  const { depots } = capToHaul(args.depots, haul, commodities, totalDemandKg(zones));
  const allocation = allocateByClass({
    commodities, depots, zones, distanceM: args.distanceM, nearestDepots: args.nearestDepots,
    // No trip of the depot stops at the zone with room for this class: it cannot serve it.
    allowed: (d, z, cold) => visits.has((d * n + z) * 2 + (cold ? 1 : 0)),
  });
  return { allocation, depots };
}

/**
 * The fair allocation, ambient and cold-chain commodities apart so that each class can have its own
 * depot–zone arcs (`allowed`): a depot whose vans cannot bring a zone one class may still bring it the other.
 */
export function allocateByClass(args: {
  commodities: readonly PlanCommodity[];
  depots: readonly PlanDepot[];
  zones: readonly PlanZone[];
  distanceM: (depot: number, zone: number) => number;
  allowed: (depot: number, zone: number, cold: boolean) => boolean;
  nearestDepots: number;
}): AllocationResult {
  const results: AllocationResult[] = [];
  const zones = args.zones.map((z) => ({ id: z.id, location: z.location, weight: z.weight, demandKg: z.demandKg }));
  for (const cold of [false, true]) {
    const classCommodities = args.commodities.filter((c) => c.coldChain === cold);
    if (classCommodities.length === 0) continue;
    results.push(allocate(
      {
        commodities: classCommodities,
        depots: args.depots,
        zones,
        distanceM: (d, z) => (args.allowed(d, z, cold) ? args.distanceM(d, z) : Number.POSITIVE_INFINITY),
      },
      { nearestDepots: args.nearestDepots },
    ));
  }
  return mergeAllocations(results);
}

/** Commodities are independent in the allocation, so two runs over disjoint commodity sets just add up. */
export function mergeAllocations(results: readonly AllocationResult[]): AllocationResult {
  const out: AllocationResult = { flows: [], fills: [], parts: [], limits: [], minLevel: 1, minFillRate: 1, deliveredKg: 0, demandKg: 0, tonneKm: 0 };
  for (const r of results) {
    out.flows.push(...r.flows);
    out.fills.push(...r.fills);
    out.parts.push(...r.parts);
    out.limits.push(...r.limits);
    out.minLevel = Math.min(out.minLevel, r.minLevel);
    out.minFillRate = Math.min(out.minFillRate, r.minFillRate);
    out.deliveredKg += r.deliveredKg;
    out.demandKg += r.demandKg;
    out.tonneKm += r.tonneKm;
  }
  return out;
}
