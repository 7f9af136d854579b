import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  cvrpRoutes, cvrpToProblem, parseCvrp, solveRouting, tsplibDistance, type CvrpInstance, type SearchParams,
} from '../server/planner/routing';

export function readCvrp(file: string): CvrpInstance {
  return parseCvrp(readFileSync(file, 'utf8'));
}

export interface CvrpRun {
  /** Routes as 0-based node indices, depot excluded. */
  routes: number[][];
  cost: number;
  seconds: number;
  iterations: number;
}

export function solveCvrp(
  inst: CvrpInstance, timeLimitS: number, seed: number, maxIterations?: number, params?: Partial<SearchParams>,
): CvrpRun {
  const t0 = performance.now();
  // Building the problem counts against the limit too.
  const problem = cvrpToProblem(inst);
  const sol = solveRouting(problem, {
    seed,
    now: () => performance.now(),
    deadlineMs: t0 + timeLimitS * 1000,
    ...(maxIterations === undefined ? {} : { maxIterations }),
    ...(params ? { params } : {}),
  });
  return {
    routes: cvrpRoutes(sol),
    cost: sol.totalDistanceM,
    seconds: (performance.now() - t0) / 1000,
    iterations: sol.stats.iterations,
  };
}

export interface CvrpCheck {
  feasible: boolean;
  cost: number;
  errors: string[];
}

/** Deliberately tiny and separate from the planner's checker: each customer once, capacity, nint cost. */
export function checkCvrp(inst: CvrpInstance, routes: number[][]): CvrpCheck {
  const errors: string[] = [];
  const seen = new Set<number>();
  let cost = 0;
  routes.forEach((route, r) => {
    let load = 0;
    let prev = inst.depot;
    for (const node of route) {
      if (node === inst.depot || node < 0 || node >= inst.dimension || !Number.isInteger(node)) {
        errors.push(`route ${r + 1}: bad node ${node}`);
        continue;
      }
      if (seen.has(node)) errors.push(`node ${node} visited twice`);
      seen.add(node);
      load += inst.demands[node]!;
      cost += tsplibDistance(inst.coords[prev]!, inst.coords[node]!);
      prev = node;
    }
    cost += tsplibDistance(inst.coords[prev]!, inst.coords[inst.depot]!);
    if (load > inst.capacity) errors.push(`route ${r + 1}: load ${load} > ${inst.capacity}`);
  });
  for (let i = 0; i < inst.dimension; i++) {
    if (i !== inst.depot && !seen.has(i)) errors.push(`node ${i} not visited`);
  }
  return { feasible: errors.length === 0, cost, errors };
}
