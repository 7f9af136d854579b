import { describe, expect, it } from 'vitest';
import type { LiveStop, LiveVehicle } from '../../../server/contract';
import { changeCounts, situationFrom } from './publish-counts';

describe('publish counts', () => {
  it('counts a zone moved from one van to another once, and each driver once', () => {
    const counts = changeCounts({
      vehicles: [
        { vehicleId: 'a', added: [], removed: ['z1'], reordered: false },
        { vehicleId: 'b', added: ['z1', 'z2'], removed: [], reordered: false },
        { vehicleId: 'c', added: [], removed: [], reordered: true },
      ],
      zones: [{ zoneId: 'z2', deliveredBeforeKg: 0, deliveredAfterKg: 5, fillRateBefore: 0, fillRateAfter: 1 }],
    }, (id) => (id === 'c' ? null : `d-${id === 'b' ? 'a' : id}`));
    expect(counts).toEqual({ vans: 3, drivers: 1, stops: 2, zones: 1 });
  });
});

describe('replan situation', () => {
  const stop = (tripIndex: number, stopIndex: number, status: LiveStop['status'], planId = 'p1'): LiveStop => ({
    planId, vehicleId: 'v', tripIndex, stopIndex, zoneId: 'z', location: [0, 0], status, plannedAt: '', etaAt: null, deliveredKg: {}, plannedKg: {},
  });
  const van = (vehicleId: string, stops: LiveStop[]): LiveVehicle => ({
    vehicleId, districtId: null, planId: 'p1', position: null, offRouteM: null, offRoute: false, delayS: null, late: false, stops,
  });

  it('marks delivered stops done and a van part-way through a trip as loaded', () => {
    const s = situationFrom('p1', [
      van('mid', [stop(0, 0, 'delivered'), stop(0, 1, 'pending')]),
      van('between', [stop(0, 0, 'delivered'), stop(1, 0, 'pending')]),
      van('waiting', [stop(0, 0, 'pending')]),
      van('old', [stop(0, 0, 'delivered', 'p0')]),
    ], 40_000);
    expect(s.completedStops).toEqual([{ vehicleId: 'mid', tripIndex: 0, stopIndex: 0 }, { vehicleId: 'between', tripIndex: 0, stopIndex: 0 }]);
    expect(s.loadedVehicles).toEqual(['mid']);
    expect(s.nowS).toBe(40_000);
  });
});
