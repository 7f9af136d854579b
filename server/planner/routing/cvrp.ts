import { distanceMatrix, type CvrpInstance } from './cvrplib-parse';
import type { RoutingProblem, RoutingSolution } from './types';

/**
 * A CVRPLIB instance as a routing problem: one job per customer node, and as many identical
 * vans as customers since CVRP leaves the fleet size free (the k in the name is only a minimum).
 */
export function cvrpToProblem(inst: CvrpInstance): RoutingProblem {
  const n = inst.dimension;
  const jobs: RoutingProblem['jobs'] = [];
  for (let i = 0; i < n; i++) {
    if (i === inst.depot) continue;
    jobs.push({ id: String(i), location: i, amount: [inst.demands[i]!], serviceS: 0 });
  }
  const vehicles: RoutingProblem['vehicles'] = jobs.map((_, k) => ({
    id: `van-${k + 1}`,
    depot: inst.depot,
    capacity: [inst.capacity],
    shift: { startS: 0, endS: Infinity },
  }));
  return { distancesM: { size: n, values: distanceMatrix(inst) }, jobs, vehicles };
}

/** Routes of a solution as 0-based node indices (depot excluded), one list per trip. */
export function cvrpRoutes(solution: RoutingSolution): number[][] {
  const out: number[][] = [];
  for (const r of solution.routes) for (const t of r.trips) out.push(t.stops.map((s) => Number(s.jobId)));
  return out;
}
