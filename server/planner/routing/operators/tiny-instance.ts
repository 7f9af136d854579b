import { LocalSearch } from '../local-search';
import { euclideanMatrices } from '../matrix';
import { buildSolution } from '../output';
import { compile } from '../problem';
import { Rng } from '../rng';
import { RouteState } from '../state';
import type { RoutingProblem, RoutingSolution } from '../types';
import type { Operator } from './operator';

/** A stop drawn on the plane: job id, x, y and kg. */
export type Stop = [id: string, x: number, y: number, kg: number];

export interface TinyInstance {
  problem: RoutingProblem;
  start: string[][];
}

/**
 * For the operators' tests: a small CVRP drawn as routes, one van each with the same capacity,
 * so a test reads as the picture it checks. Van v starts at depots[v], or at the first depot if
 * fewer are given. The start routes are kept as given.
 */
export function tinyInstance(routes: Stop[][], capacity: number, depots: [number, number][] = [[0, 0]]): TinyInstance {
  const stops = routes.flat();
  return {
    problem: {
      ...euclideanMatrices([...depots, ...stops.map(([, x, y]) => [x, y] as const)]),
      jobs: stops.map(([id, , , kg], i) => ({ id, location: depots.length + i, amount: [kg], serviceS: 0 })),
      vehicles: routes.map((_, v) => ({
        id: `van${v}`, depot: v < depots.length ? v : 0, capacity: [capacity], shift: { startS: 0, endS: 1e9 },
      })),
    },
    start: routes.map((r) => r.map(([id]) => id)),
  };
}

export interface OperatorRun {
  /** What the local search says it gained, and the distance before and after, recomputed by buildSolution. */
  gained: number;
  before: number;
  after: number;
  /** Job ids per van after the run. */
  routes: string[][];
  solution: RoutingSolution;
}

/** Runs the local search with only `operators` from the instance's start routes, over every neighbour. */
export function runOperators({ problem, start }: TinyInstance, operators: readonly Operator[]): OperatorRun {
  const c = compile(problem, false, problem.jobs.length);
  const s = new RouteState(c);
  const index = new Map(problem.jobs.map((j, i) => [j.id, i]));
  start.forEach((route, v) => route.forEach((id, pos) => s.insert(index.get(id)!, v * c.maxTrips, pos)));
  const ids = problem.vehicles.map((v) => v.id);
  const stats = { iterations: 0, improvements: 0, initialDistanceM: 0 };
  const before = buildSolution(s, ids, stats).totalDistanceM;
  const gained = new LocalSearch(c, c.neighbourCount, undefined, operators).run(s, new Rng(1));
  const solution = buildSolution(s, ids, stats);
  const routes = problem.vehicles.map((_, v) => s.tripsOf(v).flat().map((j) => problem.jobs[j]!.id));
  return { gained, before, after: solution.totalDistanceM, routes, solution };
}
