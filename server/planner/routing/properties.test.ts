import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker';
import { euclideanMatrices } from './matrix';
import { solveRouting } from './solver';
import type { Job, RoutingProblem, Vehicle } from './types';

const point = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }));

const richProblem = fc
  .record({
    depots: fc.array(point, { minLength: 1, maxLength: 2 }),
    sites: fc.array(point, { minLength: 1, maxLength: 12 }),
    jobs: fc.array(
      fc.record({
        kg: fc.integer({ min: 0, max: 60 }),
        coldKg: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20 })),
        serviceS: fc.integer({ min: 0, max: 20 }),
        window: fc.option(fc.record({ startS: fc.integer({ min: 0, max: 300 }), widthS: fc.integer({ min: 0, max: 400 }) })),
        site: fc.nat(),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    vehicles: fc.array(
      fc.record({
        depot: fc.nat(),
        kg: fc.integer({ min: 5, max: 40 }),
        coldKg: fc.integer({ min: 0, max: 15 }),
        startS: fc.integer({ min: 0, max: 50 }),
        lengthS: fc.integer({ min: 50, max: 1500 }),
        maxTrips: fc.integer({ min: 1, max: 3 }),
        reloadS: fc.integer({ min: 0, max: 30 }),
        slow: fc.boolean(),
      }),
      { minLength: 0, maxLength: 4 },
    ),
  })
  .map(({ depots, sites, jobs, vehicles }): RoutingProblem => {
    const m = euclideanMatrices([...depots, ...sites]);
    return {
      ...m,
      jobs: jobs.map((j, i): Job => ({
        id: `j${i}`,
        location: depots.length + (j.site % sites.length),
        amount: [j.kg, j.coldKg],
        serviceS: j.serviceS,
        ...(j.window ? { timeWindow: { startS: j.window.startS, endS: j.window.startS + j.window.widthS } } : {}),
      })),
      vehicles: vehicles.map((v, i): Vehicle => ({
        id: `v${i}`,
        depot: v.depot % depots.length,
        capacity: [v.kg, v.coldKg],
        shift: { startS: v.startS, endS: v.startS + v.lengthS },
        maxTrips: v.maxTrips,
        reloadS: v.reloadS,
        durationFactor: v.slow ? 1.5 : 1,
      })),
    };
  });

/** Could this vehicle serve the piece alone, on an empty first trip? Recomputed independently of the solver. */
function servesAlone(p: RoutingProblem, v: Vehicle, location: number, amount: number[], serviceS: number, job: Job): boolean {
  if (amount.some((a, d) => a > (v.capacity[d] ?? 0))) return false;
  const n = p.distancesM.size;
  const dur = (a: number, b: number) => Number(p.durationsS!.values[a * n + b]) * (v.durationFactor ?? 1);
  const start = Math.max(v.shift.startS + dur(v.depot, location), job.timeWindow?.startS ?? -Infinity);
  if (start > (job.timeWindow?.endS ?? Infinity)) return false;
  return start + serviceS + dur(location, v.depot) <= v.shift.endS;
}

describe('solver on random rich instances', () => {
  it('returns only valid solutions, with a truthful reason for each unassigned piece', () => {
    fc.assert(
      fc.property(richProblem, fc.integer({ min: 1, max: 1000 }), (p, seed) => {
        const sol = solveRouting(p, { seed, maxIterations: 60 });
        expect(checkSolution(p, sol)).toEqual([]);
        for (const u of sol.unassigned) {
          const job = p.jobs.find((j) => j.id === u.parentJobId)!;
          const fits = p.vehicles.filter((v) => u.amount.every((a, d) => a <= (v.capacity[d] ?? 0)));
          const alone = fits.some((v) => servesAlone(p, v, job.location, u.amount, job.serviceS, job));
          if (u.reason === 'capacity') expect(fits).toHaveLength(0);
          if (u.reason === 'shift_too_short') expect(fits.length > 0 && !alone).toBe(true);
          if (u.reason === 'no_vehicle') expect(alone || p.vehicles.length === 0).toBe(true);
        }
      }),
      { numRuns: 80, seed: 42 },
    );
  });

  it('uses several trips when one van load cannot carry all jobs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(point, fc.integer({ min: 1, max: 10 })), { minLength: 2, maxLength: 10 }), (jobs) => {
        const total = jobs.reduce((s, [, kg]) => s + kg, 0);
        fc.pre(total > 10);
        const p: RoutingProblem = {
          ...euclideanMatrices([[50, 50], ...jobs.map(([pt]) => pt)]),
          jobs: jobs.map(([, kg], i) => ({ id: `j${i}`, location: i + 1, amount: [kg], serviceS: 5 })),
          vehicles: [{ id: 'v', depot: 0, capacity: [10], shift: { startS: 0, endS: 1e6 }, maxTrips: jobs.length, reloadS: 10 }],
        };
        const sol = solveRouting(p, { seed: 3, maxIterations: 40 });
        expect(checkSolution(p, sol)).toEqual([]);
        expect(sol.unassigned).toEqual([]);
        expect(sol.routes[0]!.trips.length).toBeGreaterThanOrEqual(Math.ceil(total / 10));
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('covers the full amount of a job larger than any van', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 200 }), fc.integer({ min: 0, max: 30 }), point, (kg, coldKg, site) => {
        const p: RoutingProblem = {
          ...euclideanMatrices([[0, 0], site]),
          jobs: [{ id: 'big', location: 1, amount: [kg, coldKg], serviceS: 10 }],
          vehicles: [
            { id: 'small', depot: 0, capacity: [10, 2], shift: { startS: 0, endS: 1e6 }, maxTrips: 30 },
            { id: 'cold', depot: 0, capacity: [8, 8], shift: { startS: 0, endS: 1e6 }, maxTrips: 30 },
          ],
        };
        const sol = solveRouting(p, { seed: 5, maxIterations: 30 });
        expect(checkSolution(p, sol)).toEqual([]);
        expect(sol.unassigned).toEqual([]);
        const stops = sol.routes.flatMap((r) => r.trips.flatMap((t) => t.stops));
        expect(stops.reduce((s, x) => s + x.amount[0]!, 0)).toBe(kg);
        expect(stops.reduce((s, x) => s + x.amount[1]!, 0)).toBe(coldKg);
      }),
      { numRuns: 40, seed: 9 },
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(richProblem, (p) => {
        const a = solveRouting(p, { seed: 11, maxIterations: 50 });
        const b = solveRouting(p, { seed: 11, maxIterations: 50 });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 20, seed: 3 },
    );
  });
});
