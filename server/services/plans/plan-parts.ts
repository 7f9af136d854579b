import type { ExcludedVehicle, FleetLimit, PlanResult, SupplyLimit } from '../../contract';
import { kpisOf } from '../../planner/plan/kpis';
import type { PlanInput } from '../../planner/plan-input';

// A city-wide plan in cluster mode runs as one job per district part, on as many workers as there
// are. Pure helpers: share what the districts hold in common, and merge the parts' results.
//
// The price of splitting: a van never crosses into another district's part, and a shared depot's
// stock is divided up front by each district's demand instead of by the single allocation the
// whole-city plan makes. The embedded server plans a city in one piece.

type Kg = Record<string, number>;

const sumDemand = (input: PlanInput): Kg => {
  const total: Kg = {};
  for (const z of input.zones) for (const [c, kg] of Object.entries(z.demandKg)) total[c] = (total[c] ?? 0) + kg;
  return total;
};

/**
 * Gives each district part its share of what the districts share: a shared depot's stock per
 * commodity in proportion to the part's demand for it, and each shared van to one part only (in id
 * order, to the part with the most demand per kg of van capacity given so far). Every worker
 * computes the same split from the same records.
 */
export function splitShared(parts: ReadonlyMap<string, PlanInput>, sharedDepotIds: ReadonlySet<string>, sharedVehicleIds: ReadonlySet<string>): Map<string, PlanInput> {
  const ids = [...parts.keys()].sort();
  const demand = new Map(ids.map((d) => [d, sumDemand(parts.get(d)!)]));
  const total: Kg = {};
  for (const kg of demand.values()) for (const [c, q] of Object.entries(kg)) total[c] = (total[c] ?? 0) + q;
  const demandKg = (d: string) => Object.values(demand.get(d)!).reduce((a, b) => a + b, 0);

  const owner = new Map<string, string>();
  const given = new Map(ids.map((d) => [d, 0]));
  const vans = new Map(ids.flatMap((d) => parts.get(d)!.vehicles).map((v) => [v.id, v]));
  for (const id of [...sharedVehicleIds].filter((v) => vans.has(v)).sort()) {
    const candidates = ids.filter((d) => parts.get(d)!.vehicles.some((v) => v.id === id));
    let best = candidates[0]!;
    for (const d of candidates) if (demandKg(d) / (1 + given.get(d)!) > demandKg(best) / (1 + given.get(best)!)) best = d;
    owner.set(id, best);
    given.set(best, given.get(best)! + vans.get(id)!.capacityKg);
  }

  return new Map(ids.map((d) => {
    const input = parts.get(d)!;
    const share = (c: string) => (total[c] ? (demand.get(d)![c] ?? 0) / total[c]! : 0);
    return [d, {
      ...input,
      depots: input.depots.map((depot) => (sharedDepotIds.has(depot.id)
        ? { ...depot, stockKg: Object.fromEntries(Object.entries(depot.stockKg).map(([c, kg]) => [c, kg * share(c)])) }
        : depot)),
      vehicles: input.vehicles.filter((v) => !sharedVehicleIds.has(v.id) || owner.get(v.id) === d),
    }];
  }));
}

/** One result from the parts': routes and zones side by side, headline figures recomputed over all. */
export function mergePlanParts(parts: readonly PlanResult[], capacityKg: ReadonlyMap<string, number>): PlanResult {
  const routes = parts.flatMap((p) => p.routes);
  const zones = parts.flatMap((p) => p.zones);
  const excluded = new Map<string, ExcludedVehicle>();
  for (const e of parts.flatMap((p) => p.excludedVehicles)) if (!excluded.has(e.vehicleId)) excluded.set(e.vehicleId, e);
  // A shared depot short in several parts is one limit.
  const limits = new Map<string, SupplyLimit>();
  for (const l of parts.flatMap((p) => p.supplyLimits)) if (!limits.has(`${l.depotId}#${l.commodityId}`)) limits.set(`${l.depotId}#${l.commodityId}`, l);
  const fleet = new Map<string, FleetLimit>();
  for (const l of parts.flatMap((p) => p.fleetLimits ?? [])) if (!fleet.has(`${l.depotId}#${l.commodityId}`)) fleet.set(`${l.depotId}#${l.commodityId}`, l);
  const allocationFillRate = parts.length ? Math.min(...parts.map((p) => p.kpis.allocationFillRate)) : 1;
  // Parts run side by side: the plan took as long as its slowest part.
  const runtimeMs = parts.length ? Math.max(...parts.map((p) => p.kpis.runtimeMs)) : 0;
  return {
    routes, zones,
    excludedVehicles: [...excluded.values()],
    supplyLimits: [...limits.values()],
    fleetLimits: [...fleet.values()],
    kpis: kpisOf(routes, zones, capacityKg, allocationFillRate, runtimeMs),
  };
}
