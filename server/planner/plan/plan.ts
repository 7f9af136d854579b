import type { ExcludedVehicle, PlanKpis, PlanResult, SupplyLimit } from '../../contract';
import { allocate } from '../allocation';
import { haversineModel } from '../distance';
import { DEFAULT_PLAN_OPTIONS, type PlanInput, type PlanOptions, type PlanVehicle } from '../plan-input';
import { excludedVehicle, supplyLimit, type Names } from '../reasons';
import { assembleRoutes } from './assemble-routes';
import { zoneOutcomes } from './outcomes';
import { routeDepot, type DepotRouting, type DepotShipments } from './route-depot';

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
  for (const v of input.vehicles) {
    if (!v.driverId) excluded.push(excludedVehicle(v.id, 'no_driver', names));
    else if (!v.driverCleared) excluded.push(excludedVehicle(v.id, 'driver_not_cleared', names));
    else cleared.push(v);
  }
  const depotsWithVans = new Set(cleared.map((v) => v.homeDepotId));
  const idleVansByDepot = new Map<string, string[]>();
  for (const e of excluded) {
    const depotId = input.vehicles.find((v) => v.id === e.vehicleId)!.homeDepotId;
    idleVansByDepot.set(depotId, [...(idleVansByDepot.get(depotId) ?? []), e.vehicleId]);
  }
  const usableDepots = input.depots.filter((d) => depotsWithVans.has(d.id));
  const depotsWithoutVans = new Set(input.depots.filter((d) => !depotsWithVans.has(d.id) && hasStock(d.stockKg)).map((d) => d.id));

  // 1. Fair allocation of the stock that vans can actually move.
  const allocation = allocate(
    {
      commodities: input.commodities,
      depots: usableDepots,
      zones: input.zones.map((z) => ({ id: z.id, location: z.location, weight: z.weight, demandKg: z.demandKg })),
      distanceM: (d, z) => model.distanceM(usableDepots[d]!.location, input.zones[z]!.location),
    },
    { nearestDepots: options.nearestDepots },
  );
  progress(0.1);

  // 2. Routes per depot, sharing the search deadline in proportion to each depot's zones.
  const shipments = new Map<string, DepotShipments>();
  for (const f of allocation.flows) {
    if (f.kg <= 1e-9) continue;
    const byZone = shipments.get(f.depotId) ?? new Map<string, Record<string, number>>();
    const kg = byZone.get(f.zoneId) ?? {};
    kg[f.commodityId] = (kg[f.commodityId] ?? 0) + f.kg;
    byZone.set(f.zoneId, kg);
    shipments.set(f.depotId, byZone);
  }
  const zonesById = new Map(input.zones.map((z) => [z.id, z]));
  const totalZones = [...shipments.values()].reduce((s, m) => s + m.size, 0);
  const routings: DepotRouting[] = [];
  let done = 0;
  for (const depot of usableDepots) {
    const depotShipments = shipments.get(depot.id);
    if (!depotShipments) continue;
    const share = depotShipments.size / Math.max(1, totalZones);
    const deadline = options.deadlineMs === undefined ? undefined : now() + Math.max(0, options.deadlineMs - now()) * share;
    const vans = cleared.filter((v) => v.homeDepotId === depot.id);
    routings.push(routeDepot(depot, depotShipments, zonesById, vans, input.commodities, model, options, deadline));
    done += depotShipments.size;
    progress(0.1 + 0.8 * (done / Math.max(1, totalZones)));
  }

  // 3. Goods on routes, outcomes and reasons.
  const vehiclesById = new Map(input.vehicles.map((v) => [v.id, v]));
  const routes = assembleRoutes(routings, shipments, zonesById, vehiclesById, input.commodities);
  const zones = zoneOutcomes(input.zones, input.commodities, routes, {
    allocation, routings, idleVansByDepot, depotsWithoutVans, vehicles: input.vehicles,
  }, names);
  const supplyLimits: SupplyLimit[] = allocation.limits.flatMap((l) =>
    l.kind === 'depot-stock' ? l.depotIds.map((d) => supplyLimit(d, l.commodityId, names)) : []);
  progress(1);

  return { routes, zones, excludedVehicles: excluded, supplyLimits, kpis: kpisOf(routes, zones, input, allocation.minFillRate, now() - startedMs) };
}

function kpisOf(routes: PlanResult['routes'], zones: PlanResult['zones'], input: PlanInput, allocationFillRate: number, runtimeMs: number): PlanKpis {
  const capacity = new Map(input.vehicles.map((v) => [v.id, v.capacityKg]));
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
  const trips = routes.flatMap((r) => r.trips.map((t) => t.loadKg / (capacity.get(r.vehicleId) ?? Infinity)));
  return {
    minFillRate: minFill,
    allocationFillRate: allocationFillRate,
    deliveredKg, demandKg,
    distanceKm: routes.reduce((s, r) => s + r.distanceM, 0) / 1000,
    vehiclesUsed: routes.length,
    vanUtilisation: trips.length ? trips.reduce((a, b) => a + b, 0) / trips.length : 0,
    zonesShort: zones.filter((z) => z.shortfalls.length > 0).length,
    minDaysOfCover: minCover,
    runtimeMs,
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

const hasStock = (stock: Record<string, number>) => Object.values(stock).some((kg) => kg > 0);
