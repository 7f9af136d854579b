import type { ExcludedVehicle, LngLat, PlanResult } from '../../contract';
import { haversineModel } from '../distance';
import { DEFAULT_PLAN_OPTIONS, type PlanInput, type PlanOptions, type PlanVehicle } from '../plan-input';
import { explain } from '../explain';
import { excludedVehicle, type Names } from '../reasons';
import { assembleRoutes } from './assemble-routes';
import { timedVan } from './depot-hours';
import { capToHaul, estimatedHaul, totalDemandKg, type Haul } from './fleet-capacity';
import { kpisOf } from './kpis';
import { fairRepair } from './fair-repair';
import { zoneOutcomes } from './outcomes';
import { parseJobId, routeDepot, type DepotRouting } from './route-depot';
import { allocateByClass } from './route-allocation';
import { shipmentsOf } from './shipments';

/**
 * The whole plan: clear the fleet, allocate stock fairly (LP), route each depot's shipments,
 * put goods on the routes, and explain every shortfall. Pure: same input and seed, same plan.
 */
export function plan(input: PlanInput, partial: Partial<PlanOptions> = {}): PlanResult {
  const options = { ...DEFAULT_PLAN_OPTIONS, ...partial };
  const now = options.now ?? (() => 0);
  const startedMs = now();
  const progress = options.onProgress ?? (() => {});
  const names = namesOf(input);
  const model = haversineModel({ detourFactor: options.detourFactor, speedKmh: options.speedKmh });

  const excluded: ExcludedVehicle[] = [];
  const cleared: PlanVehicle[] = [];
  const depotById = new Map(input.depots.map((d) => [d.id, d]));
  for (const v of input.vehicles) {
    if (!v.driverId) excluded.push(excludedVehicle(v.id, 'no_driver', names));
    else if (!v.driverCleared) excluded.push(excludedVehicle(v.id, 'driver_not_cleared', names));
    else cleared.push(timedVan(v, depotById.get(v.homeDepotId), input.nowS));
  }
  const depotsWithVans = new Set(cleared.map((v) => v.homeDepotId));
  const vanDepots = input.depots.filter((d) => depotsWithVans.has(d.id));
  const zonesById = new Map(input.zones.map((z) => [z.id, z]));
  // Routing gets most of the budget; the rest is kept for the repair and the reasons after it.
  const routingDeadline = options.deadlineMs === undefined ? undefined : startedMs + (options.deadlineMs - startedMs) * ROUTING_SHARE;
  const deadlineOf = (fraction: number) => (routingDeadline === undefined ? undefined : now() + Math.max(0, routingDeadline - now()) * fraction);

  // 1. Fair allocation of what the vans can haul; 2. routes per depot. When the vans carried less
  // than estimated, a second round shares what they really carried fairly and routes it again.
  const demandKg = totalDemandKg(input.zones);
  const round = (haul: ReadonlyMap<string, Haul>, deadlineMs: number | undefined, progressSpan: [number, number]) => {
    const { depots, capped } = capToHaul(vanDepots, haul, input.commodities, demandKg);
    // A depot whose routing left a zone's goods of a class behind no longer serves it that class:
    // the next round gives that zone to its next nearest holders (whose vans may have time), and
    // no depot keeps a claim on a zone it cannot reach in time.
    const allocation = allocateByClass({
      commodities: input.commodities, depots, zones: input.zones, nearestDepots: options.nearestDepots,
      distanceM: (d, z) => depotZoneM(d, z),
      allowed: (d, z, cold) => !dropped.has(`${depots[d]!.id}|${input.zones[z]!.id}|${cold ? 'cold' : 'ambient'}`),
    });
    const shipments = shipmentsOf(allocation.flows);
    const totalZones = [...shipments.values()].reduce((s, m) => s + m.size, 0);
    const routings: DepotRouting[] = [];
    let done = 0;
    for (const depot of depots) {
      const depotShipments = shipments.get(depot.id);
      if (!depotShipments) continue;
      const share = depotShipments.size / Math.max(1, totalZones - done);
      const deadline = deadlineMs === undefined ? undefined : now() + Math.max(0, deadlineMs - now()) * share;
      const vans = cleared.filter((v) => v.homeDepotId === depot.id);
      routings.push(routeDepot(depot, depotShipments, zonesById, vans, input.commodities, model, options, deadline));
      done += depotShipments.size;
      progress(progressSpan[0] + (progressSpan[1] - progressSpan[0]) * (done / Math.max(1, totalZones)));
    }
    return { allocation, shipments, routings, capped, depots };
  };
  const dropped = new Set<string>();
  // Depot–zone distances once: every round and the repair allocate over the same pairs (vanDepots order).
  const depotZone = new Float64Array(vanDepots.length * input.zones.length).fill(-1);
  const depotZoneM = (d: number, z: number) => {
    const k = d * input.zones.length + z;
    if (depotZone[k]! < 0) depotZone[k] = model.distanceM(vanDepots[d]!.location, input.zones[z]!.location);
    return depotZone[k]!;
  };
  let haul = estimatedHaul(vanDepots, cleared, options);
  let outcome = round(haul, deadlineOf(1 / ROUNDS), [0.05, 0.3]);
  const earlierRoutings: DepotRouting[] = [];
  for (let r = 2; r <= ROUNDS && outcome.routings.some((x) => x.solution.unassigned.length > 0); r++) {
    haul = routedHaul(outcome.routings, haul);
    for (const { depot, solution } of outcome.routings) for (const u of solution.unassigned) {
      const job = parseJobId(u.parentJobId);
      dropped.add(`${depot.id}|${job.zoneId}|${job.goods}`);
    }
    earlierRoutings.push(...outcome.routings);
    outcome = round(haul, deadlineOf(1 / (ROUNDS - r + 1)), [0.3 * (r - 1), 0.3 * r]);
  }
  const { routings } = outcome;

  // 3. Goods on routes: re-allocate on what the routes really reach and carry, add stops where
  // zones fall short of t* while stock and van time are left (fair-repair.ts), then load.
  const vehiclesById = new Map(input.vehicles.map((v) => [v.id, v]));
  const assembled = assembleRoutes(routings, outcome.shipments, zonesById, vehiclesById, input.commodities);
  const depotsById = new Map(input.depots.map((d) => [d.id, d]));
  const { routes, allocation, allocationDepots } = fairRepair({
    routes: assembled, cleared, depots: vanDepots.map((d) => depotsById.get(d.id)!), zones: input.zones, commodities: input.commodities,
    vehicles: vehiclesById, model, distanceM: depotZoneM, nearestDepots: options.nearestDepots, reloadS: options.reloadS,
    deadlineMs: options.deadlineMs === undefined ? undefined : startedMs + (options.deadlineMs - startedMs) * REPAIR_SHARE, now,
  });
  // Reasons and what-if read from the final model (its min cut, duals) and the last routing round.
  const explained = explain({
    input, allocationDepots, allocation, routings, earlierRoutings, cleared,
    distanceM: memoDistance(model), nearestDepots: options.nearestDepots, names,
  });
  const zones = zoneOutcomes(input.zones, input.commodities, routes, explained.reasonsFor);
  const { supplyLimits, fleetLimits } = explained;
  progress(1);

  return { routes, zones, excludedVehicles: excluded, supplyLimits, fleetLimits, kpis: kpisOf(routes, zones, new Map(input.vehicles.map((v) => [v.id, v.capacityKg])), allocation.minFillRate, now() - startedMs) };
}

/** The explain step asks depot–zone distances many times over (holders, what-if): each pair once. */
function memoDistance(model: { distanceM: (a: LngLat, b: LngLat) => number }): (a: LngLat, b: LngLat) => number {
  const memo = new Map<string, number>();
  return (a, b) => {
    const key = `${a[0]},${a[1]},${b[0]},${b[1]}`;
    let m = memo.get(key);
    if (m === undefined) memo.set(key, (m = model.distanceM(a, b)));
    return m;
  };
}

function namesOf(input: PlanInput): Names {
  const commodities = new Map(input.commodities.map((c) => [c.id, { zh: c.name, en: c.nameEn }]));
  const depots = new Map(input.depots.map((d) => [d.id, { zh: d.name, en: d.nameEn }]));
  const vehicles = new Map(input.vehicles.map((v) => [v.id, v.name]));
  return {
    commodity: (id) => commodities.get(id) ?? { zh: id, en: id },
    depot: (id) => depots.get(id) ?? { zh: id, en: id },
    vehicle: (id) => vehicles.get(id) ?? id,
  };
}

/** Allocation-and-routing rounds at most: each caps the haul at what the vans really carried and moves the goods routing left behind to the zone's next-nearest holder. */
const ROUNDS = 5;
/** Share of the deadline the routing rounds may use. */
const ROUTING_SHARE = 0.65;
/** Share of the deadline after which the fairness repair starts no new round (the reasons need the rest). */
const REPAIR_SHARE = 0.85;

/** What each depot's vans really carried in a routing round (never more than the estimate). */
function routedHaul(routings: readonly DepotRouting[], estimate: ReadonlyMap<string, Haul>): Map<string, Haul> {
  const haul = new Map(estimate);
  for (const { depot, solution } of routings) {
    if (solution.unassigned.length === 0) continue;
    let kg = 0;
    let coldKg = 0;
    for (const r of solution.routes) for (const t of r.trips) for (const s of t.stops) {
      kg += s.amount[0]!;
      coldKg += s.amount[1]!;
    }
    const before = estimate.get(depot.id)!;
    // Only a dimension that left goods behind limits: when every cold piece was carried, the cold
    // vans were not the limit, and shrinking their haul to what this round happened to ship would
    // starve the zones that only cold stock at this depot can reach (a ratchet to zero over rounds).
    const coldLeft = solution.unassigned.some((u) => u.amount[1]! > 0);
    haul.set(depot.id, { kg: Math.min(before.kg, kg), coldKg: coldLeft ? Math.min(before.coldKg, coldKg) : before.coldKg });
  }
  return haul;
}
