import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../contract';
import { conflict, ringEdges } from './ring-edges';
import { firstRingConflict } from './simple-rings';
import { closed, starRing } from '../testing/polygons';

/** The quadratic reference: every pair of edges through the same exact test the sweep uses. */
function anyConflictByPairs(rings: LngLat[][]): boolean {
  const edges = ringEdges(rings);
  for (let i = 0; i < edges.length; i += 1) {
    for (let j = i + 1; j < edges.length; j += 1) if (conflict(edges[i]!, edges[j]!)) return true;
  }
  return false;
}

describe('firstRingConflict', () => {
  it('finds nothing in a square, a star and a square with a hole', () => {
    expect(firstRingConflict([closed([[0, 0], [1, 0], [1, 1], [0, 1]])])).toBeNull();
    expect(firstRingConflict([starRing(999)])).toBeNull();
    expect(firstRingConflict([closed([[0, 0], [4, 0], [4, 4], [0, 4]]), closed([[1, 1], [2, 1], [2, 2]])])).toBeNull();
  });

  it('finds a bow-tie crossing, a pinched corner, a spike running back, and a hole touching the shell', () => {
    expect(firstRingConflict([closed([[0, 0], [1, 1], [1, 0], [0, 1]])])).toEqual([0.5, 0.5]);
    expect(firstRingConflict([closed([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1]])])).toEqual([1, 1]);
    expect(firstRingConflict([closed([[0, 0], [2, 0], [2, 2], [2, 1]])])).not.toBeNull();
    expect(firstRingConflict([closed([[0, 0], [4, 0], [4, 4], [0, 4]]), closed([[0, 2], [1, 1], [1, 3]])])).toEqual([0, 2]);
    // A repeated position is no edge: its neighbours are still consecutive.
    expect(firstRingConflict([closed([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1]])])).toBeNull();
  });

  it('agrees with the all-pairs reference on random small polygons (grid points force every degenerate case)', () => {
    const gridPoint = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })) as fc.Arbitrary<LngLat>;
    // Map-like coordinates with full float mantissas. (Subnormal ones such as 5e-324 are left out:
    // the exact predicates assume products do not underflow, which no [lng, lat] near a real place does.)
    const coordinate = (base: number) => fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => base + v / 7e5);
    const floatPoint = fc.tuple(coordinate(113.2), coordinate(23.1)) as fc.Arbitrary<LngLat>;
    const rings = (point: fc.Arbitrary<LngLat>) => fc.array(fc.array(point, { minLength: 3, maxLength: 9 }).map(closed), { minLength: 1, maxLength: 3 });
    let simple = 0;
    fc.assert(fc.property(fc.oneof(rings(gridPoint), rings(floatPoint)), (rs) => {
      const found = firstRingConflict(rs);
      expect(found !== null).toBe(anyConflictByPairs(rs));
      if (!found) simple += 1;
    }), { numRuns: 20_000 });
    // The generator must reach both answers, or the comparison proves little.
    expect(simple).toBeGreaterThan(500);
  });

  it('checks the largest accepted ring in well under the time the all-pairs test takes', () => {
    const ring = starRing(4_999);
    const started = performance.now();
    expect(firstRingConflict([ring])).toBeNull();
    const sweepMs = performance.now() - started;
    // Not a benchmark: a bound loose enough for a loaded machine, far below the quadratic time.
    expect(sweepMs).toBeLessThan(250);
  });
});
