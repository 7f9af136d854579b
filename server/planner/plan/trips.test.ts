import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../plan-input';
import { plan } from './plan';

describe('plan: trips per van', () => {
  it('one small van makes as many trips as its shift allows (no cap of 3), reloading at the depot', () => {
    // Ten zones 1–2 km from the depot each need a full van-load; the 12-hour shift fits ~14 trips.
    const input: PlanInput = {
      commodities: [{ id: 'vegetables', name: '蔬菜', nameEn: 'Vegetables', coldChain: false }],
      zones: Array.from({ length: 10 }, (_, i) => ({
        id: `z${i}`, name: `z${i}`, nameEn: `z${i}`, handoffPointId: null, location: [113.23 + 0.003 * (i % 5), 23.09 + 0.004 * Math.floor(i / 5)] as const,
        demandKg: { vegetables: 100 }, dailyNeedKg: { vegetables: 100 }, onHandKg: {}, weight: 1, serviceS: 600,
      })),
      depots: [{ id: 'd', name: '仓', nameEn: 'Depot', location: [113.23, 23.08], stockKg: { vegetables: 1000 } }],
      vehicles: [{ id: 'v', name: 'v', homeDepotId: 'd', capacityKg: 100, coldChainKg: 0, shiftStartS: 6 * 3600, shiftEndS: 18 * 3600, driverId: 'dv', driverCleared: true }],
    };
    const result = plan(input, { maxIterations: 300 });
    const trips = result.routes[0]!.trips;
    expect(trips.length).toBeGreaterThan(3);
    expect(result.kpis.minFillRate).toBeCloseTo(1, 6);
    expect(result.kpis.deliveredKg).toBeCloseTo(1000, 6);
    for (let k = 1; k < trips.length; k++) expect(trips[k]!.departS).toBeGreaterThanOrEqual(trips[k - 1]!.returnS + 1800 - 1e-6);
    expect(trips.at(-1)!.returnS).toBeLessThanOrEqual(18 * 3600);
  });
});
