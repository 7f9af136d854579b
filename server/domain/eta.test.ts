import { describe, expect, it } from 'vitest';
import { estimateEtas } from './eta';
import { instantOf, localDate } from './local-time';
import type { LoadedRoute, StopState } from './route-model';

// 1 km ≈ 0.009° of latitude; durations at 36 km/h (10 m/s) with no detour, to keep the sums readable.
const durationS = (a: [number, number], b: [number, number]) => (Math.hypot(a[0] - b[0], a[1] - b[1]) / 0.009) * 100;
const options = { utcOffset: '+08:00', durationS };
const depot: [number, number] = [113.2, 23.1];
const stop = (tripIndex: number, stopIndex: number, lat: number, arrivalS: number) => ({
  tripIndex, stopIndex, zoneId: `z${tripIndex}${stopIndex}`, location: [113.2, lat] as [number, number], arrivalS, departureS: arrivalS + 300, plannedKg: {},
});
const route: LoadedRoute = {
  planId: 'p', planVersion: 1, date: '2021-06-03', vehicleId: 'v',
  trips: [
    { depotId: 'd', depotLocation: depot, departS: 8 * 3600, returnS: 10 * 3600, stops: [stop(0, 0, 23.109, 8 * 3600 + 100), stop(0, 1, 23.118, 8 * 3600 + 500)] },
    { depotId: 'd', depotLocation: depot, departS: 11 * 3600, returnS: 13 * 3600, stops: [stop(1, 0, 23.109, 11 * 3600 + 100)] },
  ],
};
const at = (s: number) => instantOf('2021-06-03', s, '+08:00');

describe('ETAs', () => {
  it('chains legs, service times and the depot reload, never leaving before a trip is due', () => {
    const r = estimateEtas(route, new Map(), { at: at(8 * 3600), location: depot }, options);
    expect(r.etaMs.get('0/0')).toBeCloseTo(at(8 * 3600 + 100), -1);
    expect(r.etaMs.get('0/1')).toBeCloseTo(at(8 * 3600 + 100 + 300 + 100), -1);
    expect(r.etaMs.get('1/0')).toBeCloseTo(at(11 * 3600 + 100), -1);
    expect(r.delayS).toBe(0);
    expect(r.offRouteM).toBeCloseTo(0, 3);
  });

  it('skips finished stops, waits out an arrived stop and reports delay and distance off the route', () => {
    const states = new Map<string, StopState>([
      ['0/0', { status: 'arrived', arrivedAtMs: at(8 * 3600 + 1000), deliveredKg: {}, lastEventId: 1 }],
    ]);
    const r = estimateEtas(route, states, { at: at(8 * 3600 + 1000), location: [113.2, 23.109] }, options);
    expect(r.etaMs.has('0/0')).toBe(false);
    expect(r.etaMs.get('0/1')).toBeCloseTo(at(8 * 3600 + 1000 + 300 + 100), -1);
    expect(r.delayS).toBeCloseTo(900, -1);
    const done = new Map<string, StopState>([
      ['0/0', { status: 'delivered', arrivedAtMs: null, deliveredKg: {}, lastEventId: 1 }],
      ['0/1', { status: 'failed', arrivedAtMs: null, deliveredKg: {}, lastEventId: 2 }],
    ]);
    const off = estimateEtas(route, done, { at: at(9 * 3600), location: [113.21, 23.118] }, options);
    expect(off.etaMs.get('1/0')).toBeCloseTo(at(11 * 3600 + 100), -1);
    expect(off.offRouteM).toBeGreaterThan(900);
  });

  it('counts local days in the configured offset', () => {
    expect(localDate('2021-06-02T16:30:00Z', '+08:00')).toBe('2021-06-03');
    expect(instantOf('2021-06-03', 0, '+08:00')).toBe(Date.parse('2021-06-02T16:00:00Z'));
  });
});
