import { LocalSearch } from './local-search';
import { buildSolution } from './output';
import { compile } from './problem';
import { Rng } from './rng';
import { annealing, DEFAULT_PARAMS, recreate } from './search';
import { RouteState } from './state';
import type { RoutingProblem, RoutingSolution, SearchParams, SolveOptions } from './types';

const LOCAL_SEARCH_NEIGHBOURS = 20;

/**
 * Solves a rich VRP: cheapest-insertion construction, local search, then SISR ruin-and-recreate
 * under simulated annealing until maxIterations or the deadline, whichever comes first.
 * With the same seed and an iteration cap that is reached before the deadline, the result is identical.
 */
export function solveRouting(problem: RoutingProblem, options: SolveOptions = {}): RoutingSolution {
  if (options.deadlineMs !== undefined && !options.now) throw new Error('a deadline needs a clock: pass options.now');
  const params: SearchParams = { ...DEFAULT_PARAMS, ...options.params };
  const c = compile(problem, options.splitDeliveries ?? true, params.neighbours);
  const rng = new Rng(options.seed ?? 1);
  const state = new RouteState(c);

  // Hardest jobs first: big ones, then far ones, so the easy ones fill the gaps.
  const order = Int32Array.from({ length: c.jobCount }, (_, j) => j)
    .sort((a, b) => c.jobSize[b]! - c.jobSize[a]! || c.jobDepotDist[b]! - c.jobDepotDist[a]! || a - b);
  recreate(state, rng, 0, order, order.length, { slot: -1, pos: -1, delta: 0, untilBlink: Infinity });
  const initialDistanceM = state.distance;

  const now = options.now ?? (() => 0);
  const deadlineMs = options.deadlineMs ?? Infinity;
  const ls = new LocalSearch(c, LOCAL_SEARCH_NEIGHBOURS, () => now() >= deadlineMs);
  ls.run(state, rng);
  const outcome = c.jobCount === 0 ? { iterations: 0, improvements: 0 } : annealing(state, rng, params, {
    maxIterations: options.maxIterations ?? (options.deadlineMs === undefined ? 1000 * c.jobCount : Infinity),
    deadlineMs,
    now,
  }, (s, focus, count) => ls.run(s, rng, focus, count));
  ls.run(state, rng);
  return buildSolution(state, problem.vehicles.map((v) => v.id), {
    iterations: outcome.iterations,
    improvements: outcome.improvements,
    initialDistanceM,
  });
}
