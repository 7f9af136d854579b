import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../plan-input';
import { plan } from './plan';

const commodities = [
  { id: 'vegetables', name: '蔬菜', nameEn: 'Vegetables', coldChain: false },
  { id: 'meat', name: '肉类', nameEn: 'Meat', coldChain: true },
];
const H = 3600;

/** A small random city whose depots keep random hours and whose vans work random shifts. */
function cityOf(seed: number, withHours: boolean): PlanInput {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const depots = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => {
    const opensS = Math.round((3 + rnd() * 7) * H);
    return {
      id: `d${i}`, name: `仓${i}`, nameEn: `Depot ${i}`, location: [113.2 + rnd() * 0.1, 23.05 + rnd() * 0.1] as [number, number],
      stockKg: { vegetables: Math.round(rnd() * 3000), meat: Math.round(rnd() * 600) },
      ...(withHours ? { opensS, closesS: opensS + Math.round((2 + rnd() * 8) * H) } : {}),
    };
  });
  const zones = Array.from({ length: 3 + Math.floor(rnd() * 8) }, (_, i) => ({
    id: `z${i}`, name: `z${i}`, nameEn: `z${i}`, handoffPointId: null, location: [113.2 + rnd() * 0.1, 23.05 + rnd() * 0.1] as [number, number],
    demandKg: { vegetables: Math.round(rnd() * 800), meat: Math.round(rnd() * 150) }, dailyNeedKg: {}, onHandKg: {}, weight: 1 + rnd(), serviceS: 600,
  }));
  const vehicles = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => {
    const start = Math.round((5 + rnd() * 4) * H);
    return {
      id: `v${i}`, name: `v${i}`, homeDepotId: depots[Math.floor(rnd() * depots.length)]!.id, capacityKg: 300 + Math.round(rnd() * 1500),
      coldChainKg: rnd() < 0.5 ? 0 : 200, shiftStartS: start, shiftEndS: start + Math.round((4 + rnd() * 8) * H), driverId: `dr${i}`, driverCleared: true,
    };
  });
  return { commodities, zones, depots, vehicles };
}

describe('plan: time is real (fast-check)', () => {
  it('no trip loads outside its depot\'s opening hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const input = cityOf(seed, true);
        const depots = new Map(input.depots.map((d) => [d.id, d]));
        const result = plan(input, { seed, maxIterations: 150 });
        for (const r of result.routes) for (const t of r.trips) {
          const d = depots.get(t.depotId)!;
          expect(t.departS, `${r.vehicleId} loads at ${d.id} after it opens`).toBeGreaterThanOrEqual(d.opensS!);
          expect(t.departS, `${r.vehicleId} loads at ${d.id} before it closes`).toBeLessThanOrEqual(d.closesS! + 1e-6);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('with nowS (a replan), no trip leaves and no stop is scheduled before now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 5 * H, max: 15 * H }), (seed, nowS) => {
        const input = { ...cityOf(seed, false), nowS };
        const result = plan(input, { seed, maxIterations: 150 });
        for (const r of result.routes) for (const t of r.trips) {
          expect(t.departS).toBeGreaterThanOrEqual(nowS);
          for (const s of t.stops) expect(s.arrivalS).toBeGreaterThanOrEqual(nowS);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a zone\'s delivery window: its handoff starts inside it', () => {
    const input = cityOf(7, false);
    const windowS = { startS: 13 * H, endS: 15 * H };
    input.zones[0] = { ...input.zones[0]!, windowS };
    input.vehicles = input.vehicles.map((v) => ({ ...v, shiftStartS: 6 * H, shiftEndS: 20 * H }));
    const result = plan(input, { seed: 1, maxIterations: 200 });
    const stops = result.routes.flatMap((r) => r.trips.flatMap((t) => t.stops)).filter((s) => s.zoneId === input.zones[0]!.id);
    expect(stops.length).toBeGreaterThan(0);
    for (const s of stops) {
      expect(s.departureS).toBeGreaterThanOrEqual(windowS.startS);
      expect(s.departureS - input.zones[0]!.serviceS).toBeLessThanOrEqual(windowS.endS + 1e-6);
    }
  });
});
