import { describe, expect, it } from 'vitest';
import type { PlannedStop, PlannedTrip, PlanResult, ZoneOutcome } from '../contract';
import type { PlanInput } from '../planner/plan-input';
import { kpiDeltas, planChanges } from './plan-diff';
import { mergeReplan, remainingInput, replanBasis } from './replan';

const stop = (zoneId: string, kg: number, arrivalS = 0): PlannedStop => ({
  zoneId, handoffPointId: null, location: [113.2, 23.1], arrivalS, departureS: arrivalS + 600, quantitiesKg: { veg: kg, meat: kg / 10 },
});
const trip = (depotId: string, departS: number, stops: PlannedStop[]): PlannedTrip => ({
  depotId, departS, returnS: departS + 3600, distanceM: 10_000, loadKg: stops.reduce((s, x) => s + x.quantitiesKg.veg! + x.quantitiesKg.meat!, 0),
  coldChainLoadKg: stops.reduce((s, x) => s + x.quantitiesKg.meat!, 0), stops,
});
const outcome = (zoneId: string, demand: number, delivered: number): ZoneOutcome => ({
  zoneId, demandKg: { veg: demand }, deliveredKg: { veg: delivered }, fillRate: { veg: demand > 0 ? Math.min(1, delivered / demand) : 1 },
  daysOfCover: { veg: 1 }, shortfalls: delivered < demand ? [{ code: 'stock_short', commodityId: 'veg', depotIds: ['d1'], vehicleIds: [], zh: '', en: '' }] : [],
});
const kpis = { minFillRate: 1, allocationFillRate: 1, deliveredKg: 0, demandKg: 0, distanceKm: 0, vehiclesUsed: 0, vanUtilisation: 0, zonesShort: 0, minDaysOfCover: null, runtimeMs: 5 };

const base: PlanResult = {
  routes: [
    { vehicleId: 'v1', driverId: 's1', distanceM: 20_000, trips: [trip('d1', 28_800, [stop('z1', 100), stop('z2', 50)]), trip('d1', 36_000, [stop('z3', 80)])] },
    { vehicleId: 'v2', driverId: 's2', distanceM: 10_000, trips: [trip('d2', 28_800, [stop('z3', 40), stop('z4', 60)])] },
    { vehicleId: 'v3', driverId: 's3', distanceM: 10_000, trips: [trip('d1', 28_800, [stop('z4', 30)])] },
  ],
  zones: [outcome('z1', 100, 100), outcome('z2', 60, 50), outcome('z3', 120, 120), outcome('z4', 90, 90)],
  excludedVehicles: [], supplyLimits: [], kpis,
};
const situation = { completedStops: [{ vehicleId: 'v1', tripIndex: 0, stopIndex: 0 }], loadedVehicles: ['v2'], brokenVehicles: ['v3'] };

describe('replanBasis', () => {
  const basis = replanBasis(base, situation);
  it('counts done stops and loaded trips as on hand in the zones and gone from the depots', () => {
    expect(basis.onHandKg.get('z1')).toEqual({ veg: 100, meat: 10 });
    expect(basis.onHandKg.get('z3')).toEqual({ veg: 40, meat: 4 });
    expect(basis.onHandKg.has('z2')).toBe(false);
    expect(basis.takenKg.get('d1')).toEqual({ veg: 100, meat: 10 });
    expect(basis.takenKg.get('d2')).toEqual({ veg: 100, meat: 10 });
    expect(basis.kept.get('v2')).toBe(0);
    expect(basis.busyUntilS.get('v1')).toBe(28_800 + 3600);
  });

  it('leaves the planner the stock that is left, without broken vans, busy vans later', () => {
    const input: PlanInput = {
      commodities: [],
      zones: [],
      depots: [{ id: 'd1', name: '', nameEn: '', location: [113, 23], stockKg: { veg: 150, meat: 5 } }],
      vehicles: ['v1', 'v2', 'v3', 'v4'].map((id) => ({ id, name: id, homeDepotId: 'd1', capacityKg: 500, coldChainKg: 50, shiftStartS: 21_600, shiftEndS: 64_800, driverId: 's', driverCleared: true })),
    };
    const rest = remainingInput(input, basis);
    expect(rest.depots[0]!.stockKg).toEqual({ veg: 50, meat: 0 });
    expect(rest.vehicles.map((v) => [v.id, v.shiftStartS])).toEqual([['v1', 32_400], ['v2', 32_400], ['v4', 21_600]]);
  });

  it('merges the standing part with the new plan: done stops marked, the loaded trip whole, broken vans out', () => {
    const rest: PlanResult = {
      routes: [{ vehicleId: 'v1', driverId: 's1', distanceM: 5000, trips: [{ ...trip('d1', 40_000, [stop('z2', 10), stop('z4', 20)]), distanceM: 5000 }] }],
      zones: [outcome('z1', 0, 0), outcome('z2', 60, 10), outcome('z3', 80, 0), outcome('z4', 90, 20)],
      excludedVehicles: [], supplyLimits: [], kpis,
    };
    const merged = mergeReplan(base, rest, basis, { coldChainCommodities: new Set(['meat']), capacityKg: new Map([['v1', 500], ['v2', 500]]), vehicleNames: new Map([['v3', 'Van 3']]) });
    expect(merged.routes.map((r) => r.vehicleId)).toEqual(['v1', 'v2']);
    const v1 = merged.routes[0]!;
    expect(v1.trips.map((t) => t.stops.map((s) => [s.zoneId, s.done ?? false]))).toEqual([[['z1', true]], [['z2', false], ['z4', false]]]);
    expect(v1.trips[0]!.loadKg).toBeCloseTo(110);
    expect(v1.distanceM).toBe(15_000);
    expect(merged.routes[1]!.trips).toEqual([{ ...base.routes[1]!.trips[0]!, kept: true }]);
    expect(merged.excludedVehicles).toEqual([{ vehicleId: 'v3', reason: 'broken_down', zh: 'Van 3故障停驶', en: 'Van 3 is broken down' }]);
    const z1 = merged.zones.find((z) => z.zoneId === 'z1')!;
    expect([z1.demandKg.veg, z1.deliveredKg.veg, z1.fillRate.veg]).toEqual([100, 100, 1]);
    const z3 = merged.zones.find((z) => z.zoneId === 'z3')!;
    expect([z3.demandKg.veg, z3.deliveredKg.veg, z3.fillRate.veg]).toEqual([120, 40, 40 / 120]);
    expect(merged.kpis.vehiclesUsed).toBe(2);

    const changes = planChanges(base, merged);
    expect(changes.vehicles).toEqual([
      { vehicleId: 'v1', added: ['z4'], removed: ['z3'], reordered: false },
      { vehicleId: 'v3', added: [], removed: ['z4'], reordered: false },
    ]);
    expect(changes.zones.map((z) => z.zoneId)).toEqual(['z2', 'z3', 'z4']);
  });
});

describe('plan diff', () => {
  it('finds reordered stops and KPI deltas', () => {
    const swapped: PlanResult = { ...base, routes: [{ ...base.routes[1]!, trips: [trip('d2', 28_800, [stop('z4', 60), stop('z3', 40)])] }, base.routes[0]!, base.routes[2]!] };
    expect(planChanges(base, swapped)).toEqual({ vehicles: [{ vehicleId: 'v2', added: [], removed: [], reordered: true }], zones: [] });
    const d = kpiDeltas(kpis, { ...kpis, deliveredKg: 10, minDaysOfCover: 2 });
    expect(d.deliveredKg).toEqual({ before: 0, after: 10, delta: 10 });
    expect(d.minDaysOfCover).toEqual({ before: null, after: 2, delta: null });
  });
});
