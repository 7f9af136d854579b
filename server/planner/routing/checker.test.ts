import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import { euclideanMatrices } from './matrix';
import { solveRouting } from './solver';
import type { RoutingProblem, RoutingSolution } from './types';

const problem: RoutingProblem = {
  ...euclideanMatrices([[0, 0], [10, 0], [10, 10], [0, 10]]),
  jobs: [
    { id: 'a', location: 1, amount: [3], serviceS: 5 },
    { id: 'b', location: 2, amount: [3], serviceS: 5, timeWindow: { startS: 0, endS: 500 } },
    { id: 'c', location: 3, amount: [3], serviceS: 5 },
  ],
  vehicles: [{ id: 'v', depot: 0, capacity: [10], shift: { startS: 0, endS: 1000 } }],
};
const clone = (s: RoutingSolution): RoutingSolution => structuredClone(s);
const kinds = (s: RoutingSolution) => checkSolution(problem, s).map((v) => v.kind);

describe('checkSolution', () => {
  const good = solveRouting(problem, { seed: 1, maxIterations: 50 });

  it('accepts the solver output', () => {
    expect(checkSolution(problem, good)).toEqual([]);
    expect(good.routes[0]!.trips[0]!.stops).toHaveLength(3);
  });

  it('flags a job visited twice and a job left out', () => {
    const dup = clone(good);
    const stops = dup.routes[0]!.trips[0]!.stops;
    stops[1] = { ...stops[0]! };
    expect(kinds(dup)).toEqual(expect.arrayContaining(['duplicate', 'missing']));
  });

  it('flags an overloaded van', () => {
    const heavy = clone(good);
    heavy.routes[0]!.trips[0]!.stops[0]!.amount = [30];
    expect(kinds(heavy)).toEqual(expect.arrayContaining(['capacity', 'amount']));
  });

  it('flags a broken time window, a shift overrun and a misreported distance', () => {
    const late: RoutingProblem = {
      ...problem,
      jobs: problem.jobs.map((j) => (j.id === 'b' ? { ...j, timeWindow: { startS: 0, endS: 1 } } : j)),
      vehicles: [{ ...problem.vehicles[0]!, shift: { startS: 0, endS: 20 } }],
    };
    const found = checkSolution(late, good).map((v) => v.kind);
    expect(found).toEqual(expect.arrayContaining(['time_window', 'shift']));
    const off = clone(good);
    off.totalDistanceM += 1;
    expect(kinds(off)).toContain('distance');
  });

  it('flags more trips than the van may make', () => {
    const twice = clone(good);
    const trip = twice.routes[0]!.trips[0]!;
    twice.routes[0]!.trips = [
      { ...trip, stops: trip.stops.slice(0, 1) },
      { ...trip, stops: trip.stops.slice(1) },
    ];
    expect(kinds(twice)).toContain('trips');
  });
});
