import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import { euclideanMatrices } from './matrix';
import { solveRouting } from './solver';
import type { RoutingProblem } from './types';

const base = euclideanMatrices([[0, 0], [1000, 0], [5, 0], [1005, 0], [0, 5]]);

describe('edge cases', () => {
  it('handles no jobs and no vehicles', () => {
    const empty = solveRouting({ ...base, jobs: [], vehicles: [] }, { seed: 1 });
    expect(empty).toMatchObject({ routes: [], unassigned: [], totalDistanceM: 0 });
    const p: RoutingProblem = { ...base, jobs: [{ id: 'a', location: 2, amount: [1], serviceS: 0 }], vehicles: [] };
    const sol = solveRouting(p, { seed: 1, maxIterations: 10 });
    expect(sol.unassigned).toEqual([{ jobId: 'a', parentJobId: 'a', amount: [1], reason: 'no_vehicle' }]);
    expect(checkSolution(p, sol)).toEqual([]);
  });

  it('refuses a deadline without a clock, and stops at the deadline of an injected clock', () => {
    const p: RoutingProblem = {
      ...base,
      jobs: [2, 3, 4].map((loc) => ({ id: `j${loc}`, location: loc, amount: [1], serviceS: 0 })),
      vehicles: [{ id: 'v', depot: 0, capacity: [5], shift: { startS: 0, endS: 1e9 } }],
    };
    expect(() => solveRouting(p, { deadlineMs: 10 })).toThrow(/clock/);
    let t = 0;
    const sol = solveRouting(p, { seed: 1, now: () => t++, deadlineMs: 20 });
    expect(sol.stats.iterations).toBeGreaterThan(0);
    expect(sol.stats.iterations).toBeLessThanOrEqual(20);
    // A deadline already past still yields the constructed, valid solution.
    const late = solveRouting(p, { seed: 1, now: () => 100, deadlineMs: 50 });
    expect(late.stats.iterations).toBe(0);
    expect(late.unassigned).toEqual([]);
    expect(checkSolution(p, late)).toEqual([]);
  });

  it('gives the same result under any clock when the iteration cap comes before the deadline', () => {
    const p: RoutingProblem = {
      ...base,
      jobs: [2, 3, 4, 1].map((loc) => ({ id: `j${loc}`, location: loc, amount: [2], serviceS: 0 })),
      vehicles: [{ id: 'v', depot: 0, capacity: [5], shift: { startS: 0, endS: 1e9 }, maxTrips: 3 }],
    };
    let slow = 0;
    let fast = 0;
    const a = solveRouting(p, { seed: 4, maxIterations: 300, now: () => (slow += 7), deadlineMs: 1e9 });
    const b = solveRouting(p, { seed: 4, maxIterations: 300, now: () => (fast += 1000), deadlineMs: 1e9 });
    expect(b).toEqual(a);
    expect(a.stats.iterations).toBe(300);
  });

  it('serves each neighbourhood from its own depot', () => {
    const p: RoutingProblem = {
      ...base,
      jobs: [
        { id: 'west', location: 2, amount: [1], serviceS: 0 },
        { id: 'east', location: 3, amount: [1], serviceS: 0 },
      ],
      vehicles: [
        { id: 'w', depot: 0, capacity: [5], shift: { startS: 0, endS: 1e9 } },
        { id: 'e', depot: 1, capacity: [5], shift: { startS: 0, endS: 1e9 } },
      ],
    };
    const sol = solveRouting(p, { seed: 1, maxIterations: 50 });
    expect(checkSolution(p, sol)).toEqual([]);
    expect(sol.totalDistanceM).toBeCloseTo(20);
    const byVan = Object.fromEntries(sol.routes.map((r) => [r.vehicleId, r.trips[0]!.stops[0]!.jobId]));
    expect(byVan).toEqual({ w: 'west', e: 'east' });
  });

  it('gives the cold-chain load to the van that has a cold compartment', () => {
    const p: RoutingProblem = {
      ...base,
      jobs: [
        { id: 'frozen', location: 2, amount: [2, 2], serviceS: 0 },
        { id: 'dry', location: 4, amount: [2, 0], serviceS: 0 },
      ],
      vehicles: [
        { id: 'dryvan', depot: 0, capacity: [10, 0], shift: { startS: 0, endS: 1e9 } },
        { id: 'coldvan', depot: 0, capacity: [3, 3], shift: { startS: 0, endS: 1e9 } },
      ],
    };
    const sol = solveRouting(p, { seed: 1, maxIterations: 50 });
    expect(checkSolution(p, sol)).toEqual([]);
    const cold = sol.routes.find((r) => r.vehicleId === 'coldvan')!;
    expect(cold.trips.flatMap((t) => t.stops.map((s) => s.jobId))).toContain('frozen');
  });
});
