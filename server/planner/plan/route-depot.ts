import type { LngLat } from '../../contract';
import { buildMatrices, type DistanceModel } from '../distance';
import type { PlanCommodity, PlanDepot, PlanOptions, PlanVehicle, PlanZone } from '../plan-input';
import { solveRouting, type Job, type RoutingSolution } from '../routing';
import { withinDepotHours } from './depot-hours';

/** What one depot must send to one zone, per commodity (from the allocation). */
export type DepotShipments = Map<string, Record<string, number>>;

export interface DepotRouting {
  depot: PlanDepot;
  zoneIds: string[];
  solution: RoutingSolution;
}

/**
 * Routes one depot's shipments with the cleared vans based there. A zone gets up to two jobs, its
 * ambient goods [kg, 0] and its cold-chain goods [kg, kg], so a van without a cold box can still
 * carry the vegetables. The solver splits jobs larger than a van into pieces.
 */
export function routeDepot(
  depot: PlanDepot,
  shipments: DepotShipments,
  zones: ReadonlyMap<string, PlanZone>,
  vehicles: readonly PlanVehicle[],
  commodities: readonly PlanCommodity[],
  model: DistanceModel,
  options: PlanOptions,
  deadlineMs: number | undefined,
): DepotRouting {
  const cold = new Set(commodities.filter((c) => c.coldChain).map((c) => c.id));
  const zoneIds = [...shipments.keys()].sort();
  const points: LngLat[] = [depot.location, ...zoneIds.map((id) => zones.get(id)!.location)];
  const { distancesM, durationsS } = buildMatrices(points, model);
  // Pieces that fit the smallest van (of each kind), so every van can take part in a big delivery.
  const smallestKg = Math.min(...vehicles.map((v) => v.capacityKg).filter((c) => c > 0), Infinity);
  const smallestColdKg = Math.min(...vehicles.map((v) => v.coldChainKg).filter((c) => c > 0), Infinity);
  const jobs: Job[] = zoneIds.flatMap((zoneId, i) => {
    const kg = shipments.get(zoneId)!;
    let ambientKg = 0;
    let coldKg = 0;
    for (const [c, q] of Object.entries(kg)) {
      if (cold.has(c)) coldKg += q;
      else ambientKg += q;
    }
    const serviceS = zones.get(zoneId)!.serviceS;
    const window = zones.get(zoneId)!.windowS;
    const timeWindow = window ? { timeWindow: { startS: window.startS, endS: window.endS } } : {};
    return [
      ...pieces(roundUp(ambientKg), smallestKg).map((amount, k) => ({
        id: jobId(zoneId, 'ambient', k), location: i + 1, amount: [amount, 0], serviceS: k === 0 ? serviceS : REPEAT_HANDOFF_S, ...timeWindow,
      })),
      // Cold goods change hands at the same gate, usually right after the ambient ones: a short stop.
      ...pieces(roundUp(coldKg), smallestColdKg).map((amount, k) => ({
        id: jobId(zoneId, 'cold', k), location: i + 1, amount: [amount, amount], serviceS: Math.min(serviceS, REPEAT_HANDOFF_S), ...timeWindow,
      })),
    ];
  });
  // No trip can be shorter than the round trip to the nearest zone with its handoff, so this many
  // trip slots is all a shift can use: the bound never binds, it only sizes the solver's arrays.
  let shortestTripS = Infinity;
  for (const job of jobs) {
    const there = durationsS.values[job.location]!;
    const back = durationsS.values[job.location * durationsS.size]!;
    shortestTripS = Math.min(shortestTripS, there + back + job.serviceS);
  }
  const maxTrips = (v: PlanVehicle) => {
    const shiftS = Math.max(0, v.shiftEndS - v.shiftStartS);
    const fit = Math.floor((shiftS + options.reloadS) / (options.reloadS + Math.max(MIN_TRIP_S, shortestTripS)));
    return Math.max(1, Math.min(options.maxTripsPerVehicle ?? Infinity, fit));
  };
  const vehicleOf = (v: PlanVehicle) => ({
    id: v.id, depot: 0, capacity: [v.capacityKg, v.coldChainKg], shift: { startS: v.shiftStartS, endS: v.shiftEndS },
    maxTrips: maxTrips(v), reloadS: options.reloadS,
  });
  const solve = (js: Job[], vs: PlanVehicle[], deadline: number | undefined) => solveRouting(
    { distancesM, durationsS, jobs: js, vehicles: vs.map(vehicleOf) },
    { seed: options.seed, maxIterations: options.maxIterations, deadlineMs: deadline, now: options.now },
  );
  // Cold goods first, on the cold vans alone: only they can carry them, so when van time is short
  // it goes to the zones' cold goods before ambient goods that any van can take. The cold vans' time
  // left after their cold trips then joins the ambient routing, with the other vans.
  const coldJobs = jobs.filter((j) => j.amount[1]! > 0);
  const coldVans = vehicles.filter((v) => v.coldChainKg > 0 && v.capacityKg > 0);
  if (coldJobs.length === 0 || coldVans.length === 0 || coldJobs.length === jobs.length) {
    return { depot, zoneIds, solution: withinDepotHours(solve(jobs, [...vehicles], deadlineMs), depot) };
  }
  const now = options.now ?? (() => 0);
  const coldDeadline = deadlineMs === undefined ? undefined : now() + Math.max(0, deadlineMs - now()) * (coldJobs.length / jobs.length);
  const first = solve(coldJobs, coldVans, coldDeadline);
  const busyUntil = new Map(first.routes.filter((r) => r.trips.length > 0).map((r) => [r.vehicleId, r.trips[r.trips.length - 1]!.returnS + options.reloadS]));
  const rest = vehicles.map((v) => {
    const from = busyUntil.get(v.id);
    return from === undefined ? v : { ...v, shiftStartS: Math.min(v.shiftEndS, Math.max(v.shiftStartS, from)) };
  });
  const second = solve(jobs.filter((j) => !(j.amount[1]! > 0)), rest, deadlineMs);
  return { depot, zoneIds, solution: withinDepotHours(mergeSolutions(first, second), depot) };
}

/** Two solutions for disjoint jobs where the second's vans start after the first's trips: one day each. */
function mergeSolutions(a: RoutingSolution, b: RoutingSolution): RoutingSolution {
  const routes = new Map(a.routes.map((r) => [r.vehicleId, { ...r, trips: [...r.trips] }]));
  for (const r of b.routes) {
    const prior = routes.get(r.vehicleId);
    if (!prior) routes.set(r.vehicleId, { ...r, trips: [...r.trips] });
    else {
      prior.trips.push(...r.trips);
      prior.distanceM += r.distanceM;
    }
  }
  const all = [...routes.values()];
  return {
    routes: all,
    totalDistanceM: all.reduce((s, r) => s + r.distanceM, 0),
    unassigned: [...a.unassigned, ...b.unassigned],
    stats: {
      iterations: a.stats.iterations + b.stats.iterations,
      improvements: a.stats.improvements + b.stats.improvements,
      initialDistanceM: a.stats.initialDistanceM + b.stats.initialDistanceM,
    },
  };
}


// Routing works in whole kg so capacity checks are exact; the goods LP later fills the real amounts.
/** Floor on a trip's length for sizing trip slots: more slots than this would only slow the search. */
const MIN_TRIP_S = 1800;
/** A further drop at a gate already served: the handoff team is there, only unloading remains. */
const REPEAT_HANDOFF_S = 600;
const roundUp = (kg: number) => Math.ceil(kg - 1e-9);

export type GoodsClass = 'ambient' | 'cold';
export const jobId = (zoneId: string, goods: GoodsClass, piece: number) => `${zoneId}|${goods}|${piece}`;
export function parseJobId(id: string): { zoneId: string; goods: GoodsClass } {
  const [zoneId, goods] = id.split('|') as [string, GoodsClass];
  return { zoneId, goods };
}

/** Equal whole-kg pieces of at most maxKg each (one piece when no van limits the size). */
function pieces(totalKg: number, maxKg: number): number[] {
  if (totalKg <= 0) return [];
  const n = Number.isFinite(maxKg) ? Math.max(1, Math.ceil(totalKg / maxKg)) : 1;
  const base = Math.floor(totalKg / n);
  return Array.from({ length: n }, (_, k) => base + (k < totalKg - base * n ? 1 : 0));
}
