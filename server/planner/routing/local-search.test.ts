import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalSearch } from './local-search';
import { euclideanMatrices } from './matrix';
import { compile } from './problem';
import { Rng } from './rng';
import { recreate } from './search';
import { RouteState } from './state';
import type { RoutingProblem } from './types';

const point = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }));

/** Distance of the state's routes recomputed from the trips, independent of its bookkeeping. */
function recomputed(s: RouteState): number {
  const c = s.c;
  let sum = 0;
  for (let v = 0; v < c.vehicleCount; v++) {
    for (const trip of s.tripsOf(v)) {
      let prev = c.vehDepot[v]!;
      for (const j of trip) {
        sum += c.dist[prev * c.size + c.jobLoc[j]!]!;
        prev = c.jobLoc[j]!;
      }
      sum += c.dist[prev * c.size + c.vehDepot[v]!]!;
    }
  }
  return sum;
}

describe('local search', () => {
  it('gains exactly what it predicts, across depots, trips and vans', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 2, maxLength: 3 }),
        fc.array(fc.tuple(point, fc.integer({ min: 1, max: 6 })), { minLength: 2, maxLength: 25 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        (depots, jobs, seed, oneWay) => {
          const m = euclideanMatrices([...depots, ...jobs.map(([pt]) => pt)]);
          const n = m.distancesM.size;
          // One-way streets: an asymmetric matrix exercises the reversal costs of 2-opt and or-opt.
          const values = Float64Array.from(m.distancesM.values, (d, i) => (oneWay ? d * (1 + ((i % n) * 7 + Math.floor(i / n) * 3) % 5 / 10) : d));
          const p: RoutingProblem = {
            distancesM: { size: n, values },
            jobs: jobs.map(([, kg], i) => ({ id: `j${i}`, location: depots.length + i, amount: [kg], serviceS: 0 })),
            vehicles: depots.flatMap((_, d) => [0, 1].map((k) => ({
              id: `v${d}-${k}`, depot: d, capacity: [10], shift: { startS: 0, endS: 1e9 }, maxTrips: 2,
            }))),
          };
          const c = compile(p, true, 10);
          const s = new RouteState(c);
          const rng = new Rng(seed);
          // A random insertion order gives a poor start, so there is plenty to improve.
          const order = Int32Array.from({ length: c.jobCount }, (_, j) => j);
          for (let i = order.length - 1; i > 0; i--) {
            const k = rng.int(i + 1);
            [order[i], order[k]] = [order[k]!, order[i]!];
          }
          recreate(s, rng, 0.5, order, order.length, { slot: -1, pos: -1, delta: 0, untilBlink: 0 });
          const before = recomputed(s);
          const gained = new LocalSearch(c, 10).run(s, rng);
          const after = recomputed(s);
          expect(after).toBeCloseTo(before - gained, 6);
          expect(s.distance).toBeCloseTo(after, 6);
        },
      ),
      { numRuns: 150, seed: 1 },
    );
  });
});
