import type { LngLat } from '../../contract';
import { buildMatrices, type DistanceModel } from '../distance';
import type { PlanCommodity, PlanDepot, PlanOptions, PlanVehicle, PlanZone } from '../plan-input';
import { solveRouting, type Job, type RoutingSolution } from '../routing';

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
  const jobs: Job[] = zoneIds.flatMap((zoneId, i) => {
    const kg = shipments.get(zoneId)!;
    let ambientKg = 0;
    let coldKg = 0;
    for (const [c, q] of Object.entries(kg)) {
      if (cold.has(c)) coldKg += q;
      else ambientKg += q;
    }
    const serviceS = zones.get(zoneId)!.serviceS;
    const out: Job[] = [];
    if (roundUp(ambientKg) > 0) out.push({ id: jobId(zoneId, 'ambient'), location: i + 1, amount: [roundUp(ambientKg), 0], serviceS });
    // Cold goods change hands at the same gate: usually right after the ambient ones, so a short stop.
    if (roundUp(coldKg) > 0) out.push({ id: jobId(zoneId, 'cold'), location: i + 1, amount: [roundUp(coldKg), roundUp(coldKg)], serviceS: Math.min(serviceS, COLD_HANDOFF_S) });
    return out;
  });
  const solution = solveRouting(
    {
      distancesM, durationsS, jobs,
      vehicles: vehicles.map((v) => ({
        id: v.id, depot: 0, capacity: [v.capacityKg, v.coldChainKg], shift: { startS: v.shiftStartS, endS: v.shiftEndS },
        maxTrips: options.maxTripsPerVehicle, reloadS: options.reloadS,
      })),
    },
    { seed: options.seed, maxIterations: options.maxIterations, deadlineMs, now: options.now },
  );
  return { depot, zoneIds, solution };
}

// Routing works in whole kg so capacity checks are exact; the goods LP later fills the real amounts.
const COLD_HANDOFF_S = 300;
const roundUp = (kg: number) => Math.ceil(kg - 1e-9);

export type GoodsClass = 'ambient' | 'cold';
export const jobId = (zoneId: string, goods: GoodsClass) => `${zoneId}|${goods}`;
export function parseJobId(id: string): { zoneId: string; goods: GoodsClass } {
  const at = id.lastIndexOf('|');
  return { zoneId: id.slice(0, at), goods: id.slice(at + 1) as GoodsClass };
}
