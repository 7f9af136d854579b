import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import { leximinByLp } from './allocation-lp';
import type { AllocationInput, AllocationOptions, AllocationResult } from './types';

const COMMODITIES = ['veg', 'eggs'] as const;

interface Case {
  input: AllocationInput;
  options: AllocationOptions;
}

const point = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }));
const amounts = (max: number) => fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }));

const smallCase: fc.Arbitrary<Case> = fc
  .record({
    depots: fc.array(fc.record({ at: point, stock: amounts(120) }), { minLength: 1, maxLength: 3 }),
    zones: fc.array(
      fc.record({ at: point, demand: amounts(80), weight: fc.constantFrom(1, 1.2, 1.5, 1.68, 2.5) }),
      { minLength: 1, maxLength: 5 },
    ),
    k: fc.integer({ min: 1, max: 3 }),
    maxDistanceM: fc.constantFrom(Number.POSITIVE_INFINITY, 12_000),
  })
  .map(({ depots, zones, k, maxDistanceM }) => ({
    input: {
      commodities: COMMODITIES.map((id) => ({ id })),
      depots: depots.map((d, i) => ({ id: `d${i}`, location: d.at, stockKg: { veg: d.stock[0], eggs: d.stock[1] } })),
      zones: zones.map((z, i) => ({ id: `z${i}`, location: z.at, weight: z.weight, demandKg: { veg: z.demand[0], eggs: z.demand[1] } })),
      distanceM: (d: number, z: number) => {
        const [dx, dy] = depots[d]!.at;
        const [zx, zy] = zones[z]!.at;
        return Math.hypot(dx - zx, dy - zy) * 1000;
      },
    },
    options: { nearestDepots: k, maxDistanceM },
  }));

const RUNS = { numRuns: 120, seed: 20_211_030 };
const TOL = 1e-6;

const fillOf = (r: AllocationResult, zoneId: string, c: string) => r.fills.find((f) => f.zoneId === zoneId && f.commodityId === c);
const requiredKg = (demandKg: number, weight: number, t: number) => Math.max(0, demandKg * (1 - (1 - t) / weight));

describe('allocate: properties on random small cities', () => {
  it('never ships more than a depot holds or a zone needs, and flows add up to fills', () => {
    fc.assert(
      fc.property(smallCase, ({ input, options }) => {
        const r = allocate(input, options);
        for (const c of COMMODITIES) {
          for (const d of input.depots) {
            const shipped = r.flows.filter((f) => f.depotId === d.id && f.commodityId === c).reduce((s, f) => s + f.kg, 0);
            expect(shipped).toBeLessThanOrEqual((d.stockKg[c] ?? 0) + 1e-9);
          }
          for (const z of input.zones) {
            const got = r.flows.filter((f) => f.zoneId === z.id && f.commodityId === c).reduce((s, f) => s + f.kg, 0);
            expect(got).toBeLessThanOrEqual((z.demandKg[c] ?? 0) + 1e-9);
            const fill = fillOf(r, z.id, c);
            if (fill) expect(fill.deliveredKg).toBeCloseTo(got, 9);
            else expect(z.demandKg[c] ?? 0).toBe(0);
          }
        }
        expect(r.flows.every((f) => f.kg > 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('gives every zone-commodity at least its share at t*, and t*, the leximin and the cost equal the full LP', () => {
    fc.assert(
      fc.property(smallCase, ({ input, options }) => {
        const r = allocate(input, options);
        const lp = leximinByLp(input, options);
        expect(Math.abs(r.minLevel - lp.minLevel)).toBeLessThanOrEqual(TOL);
        for (const z of input.zones) {
          for (const c of COMMODITIES) {
            const q = z.demandKg[c] ?? 0;
            if (q === 0) continue;
            const fill = fillOf(r, z.id, c)!;
            expect(fill.deliveredKg).toBeGreaterThanOrEqual(requiredKg(q, z.weight, r.minLevel) - 1e-9 * q);
            expect(Math.abs(fill.deliveredKg - lp.deliveredKg.get(`${z.id}|${c}`)!)).toBeLessThanOrEqual(TOL * (1 + q));
          }
        }
        expect(Math.abs(r.tonneKm - lp.tonneKm)).toBeLessThanOrEqual(TOL * Math.max(1, lp.tonneKm));
      }),
      { ...RUNS, numRuns: 80 },
    );
  });

  it('reports as binding only exhausted depots whose extra stock reaches the short zones', () => {
    fc.assert(
      fc.property(smallCase, ({ input, options }) => {
        const r = allocate(input, options);
        for (const limit of r.limits) {
          if (limit.kind === 'no-reachable-stock') {
            for (const zoneId of limit.zoneIds) expect(fillOf(r, zoneId, limit.commodityId)!.deliveredKg).toBe(0);
            continue;
          }
          const c = limit.commodityId;
          const total = (res: AllocationResult) => limit.zoneIds.reduce((s, id) => s + fillOf(res, id, c)!.deliveredKg, 0);
          for (const zoneId of limit.zoneIds) {
            // At the limit's level, or left at zero because their weight ranks them below it.
            const fill = fillOf(r, zoneId, c)!;
            if (fill.deliveredKg > 0) expect(fill.level).toBeCloseTo(limit.level, 9);
            else expect(fill.level).toBeGreaterThanOrEqual(limit.level - 1e-9);
          }
          for (const depotId of limit.depotIds) {
            const depot = input.depots.find((d) => d.id === depotId)!;
            const shipped = r.flows.filter((f) => f.depotId === depotId && f.commodityId === c).reduce((s, f) => s + f.kg, 0);
            expect(shipped).toBeCloseTo(depot.stockKg[c]!, 9);
            const extraKg = 1;
            const richer = allocate(
              { ...input, depots: input.depots.map((d) => (d === depot ? { ...d, stockKg: { ...d.stockKg, [c]: d.stockKg[c]! + extraKg } } : d)) },
              options,
            );
            expect(total(richer)).toBeGreaterThan(total(r) + 1e-6);
          }
        }
      }),
      RUNS,
    );
  });
});
