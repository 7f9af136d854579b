import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import { euclideanMatrices } from './matrix';
import { solveRouting } from './solver';
import type { Job, RoutingProblem, Vehicle } from './types';

const van = (id: string, over: Partial<Vehicle> = {}): Vehicle => ({
  id, depot: 0, capacity: [2], shift: { startS: 0, endS: 1e9 }, ...over,
});
const job = (id: string, location: number, amount: number[], over: Partial<Job> = {}): Job => ({
  id, location, amount, serviceS: 0, ...over,
});
const solve = (p: RoutingProblem) => {
  const sol = solveRouting(p, { seed: 7, maxIterations: 300 });
  expect(checkSolution(p, sol)).toEqual([]);
  return sol;
};
const tripIds = (sol: ReturnType<typeof solveRouting>) =>
  sol.routes.flatMap((r) => r.trips.map((t) => t.stops.map((s) => s.jobId).join(','))).sort();

describe('golden cases solved by hand', () => {
  it('serves two customers on each side of the depot with one van per side', () => {
    // Depot at 0, customers at x = -2, -1, 1, 2; capacity 2: optimum is out-and-back per side, 8 m.
    const m = euclideanMatrices([[0, 0], [-2, 0], [-1, 0], [1, 0], [2, 0]]);
    const sol = solve({
      ...m, vehicles: [van('a'), van('b'), van('c')],
      jobs: [job('L2', 1, [1]), job('L1', 2, [1]), job('R1', 3, [1]), job('R2', 4, [1])],
    });
    expect(sol.totalDistanceM).toBeCloseTo(8);
    expect(sol.unassigned).toEqual([]);
    const sets = tripIds(sol).map((t) => t.split(',').sort().join(','));
    expect(sets.sort()).toEqual(['L1,L2', 'R1,R2']);
  });

  it('uses a second trip when one van cannot carry everything at once', () => {
    const m = euclideanMatrices([[0, 0], [10, 0], [0, 10]]);
    const sol = solve({
      ...m, vehicles: [van('only', { capacity: [1], maxTrips: 2, reloadS: 60 })],
      jobs: [job('a', 1, [1]), job('b', 2, [1])],
    });
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes[0]!.trips).toHaveLength(2);
    expect(sol.routes[0]!.trips[1]!.departS).toBeCloseTo(20 + 60);
    expect(sol.totalDistanceM).toBeCloseTo(40);
  });

  it('splits a load larger than any van into pieces that cover it exactly', () => {
    const m = euclideanMatrices([[0, 0], [5, 0]]);
    const sol = solve({
      ...m, vehicles: [van('a', { capacity: [10, 4], maxTrips: 2 }), van('b', { capacity: [10, 4] })],
      jobs: [job('big', 1, [25, 5], { serviceS: 30 })],
    });
    const stops = sol.routes.flatMap((r) => r.trips.flatMap((t) => t.stops));
    expect(sol.unassigned).toEqual([]);
    expect(stops).toHaveLength(3);
    expect(stops.every((s) => s.parentJobId === 'big')).toBe(true);
    expect(stops.map((s) => s.amount[0]).reduce((a, b) => a! + b!, 0)).toBe(25);
    expect(stops.map((s) => s.amount[1]).reduce((a, b) => a! + b!, 0)).toBe(5);
  });

  it('gives each unassigned job a machine-readable reason', () => {
    const m = euclideanMatrices([[0, 0], [10, 0], [1000, 0], [0, 10], [0, 12]]);
    const sol = solve({
      ...m,
      vehicles: [van('a', { capacity: [1, 0], shift: { startS: 0, endS: 100 } })],
      jobs: [
        job('cold', 1, [1, 1]),
        job('far', 2, [1, 0]),
        job('near', 3, [1, 0]),
        job('alsoNear', 4, [1, 0]),
      ],
    });
    const reasons = Object.fromEntries(sol.unassigned.map((u) => [u.jobId, u.reason]));
    expect(reasons.cold).toBe('capacity');
    expect(reasons.far).toBe('shift_too_short');
    expect(Object.values(reasons).filter((r) => r === 'no_vehicle')).toHaveLength(1);
    expect(sol.routes[0]!.trips[0]!.stops).toHaveLength(1);
  });

  it('orders stops by their time windows', () => {
    // Without windows the van would visit 1 then 2 (on the way); the windows force 2 first.
    const m = euclideanMatrices([[0, 0], [10, 0], [20, 0]]);
    const sol = solve({
      ...m, vehicles: [van('a', { capacity: [5] })],
      jobs: [
        job('near', 1, [1], { timeWindow: { startS: 100, endS: 200 } }),
        job('far', 2, [1], { timeWindow: { startS: 0, endS: 30 } }),
      ],
    });
    const stops = sol.routes[0]!.trips[0]!.stops;
    expect(stops.map((s) => s.jobId)).toEqual(['far', 'near']);
    expect(stops[1]!.startS).toBe(100);
  });
});
