import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../allocation';
import type { AllocationInput } from '../allocation';
import { PROBE_KG, stockGains } from './stock-gain';

// levelGainPerKg against a finite difference: add PROBE_KG (1 kg) at the depot, re-solve the
// allocation, and read how far the lowest level of the limit's zones rose.

const K = 2;

function finiteDifference(input: AllocationInput, commodityId: string, depotId: string, zoneIds: string[], level: number): number {
  const more = { ...input, depots: input.depots.map((d) => (d.id === depotId ? { ...d, stockKg: { ...d.stockKg, [commodityId]: (d.stockKg[commodityId] ?? 0) + PROBE_KG } } : d)) };
  const after = allocate(more, { nearestDepots: K });
  const lowest = Math.min(...after.fills.filter((f) => f.commodityId === commodityId && zoneIds.includes(f.zoneId)).map((f) => f.level));
  return (lowest - level) / PROBE_KG;
}

function checkAll(input: AllocationInput): number {
  const result = allocate(input, { nearestDepots: K });
  const gains = stockGains(input, result.limits, K);
  let checked = 0;
  result.limits.forEach((l, i) => {
    if (l.kind !== 'depot-stock') return;
    for (const d of l.depotIds) {
      expect(gains.get(`${i}|${d}`)!, `${d} ${l.commodityId}`).toBeCloseTo(finiteDifference(input, l.commodityId, d, l.zoneIds, l.level), 7);
      checked++;
    }
  });
  return checked;
}

describe('levelGainPerKg matches a finite difference', () => {
  it('a depot outside a tight subgroup\'s reach buys nothing; the one inside buys the group dual', () => {
    // z1 reaches only d1; z2 reaches both. Both sit at 0.5; one kg at d2 cannot lift z1.
    const input: AllocationInput = {
      commodities: [{ id: 'rice' }],
      depots: [{ id: 'd1', location: [0, 0], stockKg: { rice: 100 } }, { id: 'd2', location: [1, 0], stockKg: { rice: 100 } }],
      zones: [{ id: 'z1', location: [0, 0], weight: 1, demandKg: { rice: 200 } }, { id: 'z2', location: [1, 0], weight: 1, demandKg: { rice: 200 } }],
      distanceM: (d, z) => (d === 1 && z === 0 ? Number.POSITIVE_INFINITY : 1000 * (1 + d + z)),
    };
    const result = allocate(input, { nearestDepots: K });
    const gains = stockGains(input, result.limits, K);
    expect(gains.get('0|d1')).toBeCloseTo(1 / 400, 12);
    // Zero up to the feasibility tolerance (1e-6 kg over 200 kg of need).
    expect(gains.get('0|d2')).toBeCloseTo(0, 7);
    expect(checkAll(input)).toBe(2);
  });

  it('on random scarce instances (fast-check)', () => {
    const instance = fc.record({
      stocks: fc.array(fc.integer({ min: 50, max: 2000 }), { minLength: 1, maxLength: 4 }),
      zones: fc.array(fc.record({ demand: fc.integer({ min: 100, max: 3000 }), x: fc.integer({ min: 0, max: 20 }), weight: fc.constantFrom(1, 1, 2) }), { minLength: 1, maxLength: 6 }),
    });
    let checked = 0;
    fc.assert(fc.property(instance, ({ stocks, zones }) => {
      const input: AllocationInput = {
        commodities: [{ id: 'rice' }],
        depots: stocks.map((s, i) => ({ id: `d${i}`, location: [i * 5, 0] as const, stockKg: { rice: s } })),
        zones: zones.map((z, i) => ({ id: `z${i}`, location: [z.x, 1] as const, weight: z.weight, demandKg: { rice: z.demand } })),
        distanceM: (d, z) => 1000 * Math.abs(d * 5 - zones[z]!.x) + 1,
      };
      checked += checkAll(input);
    }), { seed: 16, numRuns: 60 });
    expect(checked).toBeGreaterThan(30);
  });
});
