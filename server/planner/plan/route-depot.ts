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
  const solution = solveRouting(
    {
      distancesM, durationsS, jobs,
      vehicles: vehicles.map((v) => ({
        id: v.id, depot: 0, capacity: [v.capacityKg, v.coldChainKg], shift: { startS: v.shiftStartS, endS: v.shiftEndS },
        maxTrips: maxTrips(v), reloadS: options.reloadS,
      })),
    },
    { seed: options.seed, maxIterations: options.maxIterations, deadlineMs, now: options.now },
  );
  return { depot, zoneIds, solution: withinDepotHours(solution, depot) };
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
