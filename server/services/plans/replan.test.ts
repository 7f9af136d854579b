import { describe, expect, it } from 'vitest';
import type { PlannedStop, PlannedTrip, PlanResult, ZoneOutcome } from '../../contract';
import type { PlanInput } from '../../planner/plan-input';
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

describe('replanBasis with recorded deliveries (their stock is already drawn)', () => {
  const depotInput = (stockKg: Record<string, number>): PlanInput => ({
    commodities: [], zones: [], vehicles: [],
    depots: ['d1', 'd2'].map((id) => ({ id, name: '', nameEn: '', location: [113, 23] as [number, number], stockKg })),
  });
  const stockLeft = (basis: ReturnType<typeof replanBasis>) =>
    Object.fromEntries(remainingInput(depotInput({ veg: 1000, meat: 100 }), basis).depots.map((d) => [d.id, d.stockKg]));

  it('a done stop with a recorded delivery is not taken off the depot again; the zone holds what was handed over', () => {
    const basis = replanBasis(base, situation, [{ vehicleId: 'v1', tripIndex: 0, stopIndex: 0, deliveredKg: { veg: 90, meat: 9 } }]);
    // v1's done stop drew its own stock when recorded: only v2's loaded trip (undrawn) is off d2.
    expect(basis.takenKg.has('d1')).toBe(false);
    expect(stockLeft(basis)).toEqual({ d1: { veg: 1000, meat: 100 }, d2: { veg: 900, meat: 90 } });
    expect(basis.onHandKg.get('z1')).toEqual({ veg: 90, meat: 9 });
    expect(basis.done.has('v1#0#0')).toBe(true);
  });

  it('a stop completed only through the situation (no recorded delivery) is taken off at its planned quantity', () => {
    const basis = replanBasis(base, situation, []);
    expect(stockLeft(basis)).toEqual({ d1: { veg: 900, meat: 90 }, d2: { veg: 900, meat: 90 } });
    expect(basis.onHandKg.get('z1')).toEqual({ veg: 100, meat: 10 });
  });

  it("a kept loaded trip's undelivered stops are taken off, its recorded ones are not", () => {
    // v2 is loaded; its first stop (z3, 40 kg) was recorded, whether or not the situation lists it.
    for (const completedStops of [[], [{ vehicleId: 'v2', tripIndex: 0, stopIndex: 0 }]]) {
      const basis = replanBasis(base, { ...situation, completedStops }, [{ vehicleId: 'v2', tripIndex: 0, stopIndex: 0, deliveredKg: { veg: 40, meat: 4 } }]);
      expect(basis.kept.get('v2')).toBe(0);
      expect(basis.takenKg.get('d2')).toEqual({ veg: 60, meat: 6 });
      expect(basis.onHandKg.get('z3')).toEqual({ veg: 40, meat: 4 });
      expect(basis.onHandKg.get('z4')).toEqual({ veg: 60, meat: 6 });
    }
  });

  it('a delivery recorded after the situation was written is done, and its van carries the rest of that trip', () => {
    // Nothing in the situation: the coordinator wrote it before v1's driver recorded z1.
    const empty = { completedStops: [], loadedVehicles: [], brokenVehicles: [] };
    const basis = replanBasis(base, empty, [{ vehicleId: 'v1', tripIndex: 0, stopIndex: 0, deliveredKg: { veg: 90, meat: 9 } }]);
    expect(basis.done.has('v1#0#0')).toBe(true);
    expect(basis.kept.get('v1')).toBe(0);
    // z1's goods were drawn when recorded; z2's are on the van, not drawn yet.
    expect(basis.takenKg.get('d1')).toEqual({ veg: 50, meat: 5 });
    expect(basis.onHandKg.get('z1')).toEqual({ veg: 90, meat: 9 });
    expect(basis.onHandKg.get('z2')).toEqual({ veg: 50, meat: 5 });
    expect(basis.busyUntilS.get('v1')).toBe(28_800 + 3600);
    // The last stop of a trip recorded: nothing left on board, nothing kept.
    const finished = replanBasis(base, empty, [{ vehicleId: 'v1', tripIndex: 0, stopIndex: 0, deliveredKg: { veg: 90 } }, { vehicleId: 'v1', tripIndex: 0, stopIndex: 1, deliveredKg: { veg: 50 } }]);
    expect(finished.kept.has('v1')).toBe(false);
    expect(finished.takenKg.has('d1')).toBe(false);
    // A broken van's recorded stop is done, but its trip is not kept: its load is planned again.
    const broken = replanBasis(base, { ...empty, brokenVehicles: ['v2'] }, [{ vehicleId: 'v2', tripIndex: 0, stopIndex: 0, deliveredKg: { veg: 40 } }]);
    expect(broken.done.has('v2#0#0')).toBe(true);
    expect(broken.kept.has('v2')).toBe(false);
  });

  it('a merged replan keeps what the recorded deliveries handed over, so the next replan does not take them off either', () => {
    const completedStops = [{ vehicleId: 'v1', tripIndex: 0, stopIndex: 0 }, { vehicleId: 'v1', tripIndex: 0, stopIndex: 1 }];
    // v1's first stop was recorded live; its second was marked done by the coordinator only.
    const basis = replanBasis(base, { completedStops, loadedVehicles: [], brokenVehicles: [] }, [{ vehicleId: 'v1', tripIndex: 0, stopIndex: 0, deliveredKg: { veg: 95, meat: 10 } }]);
    const rest: PlanResult = { routes: [], zones: [], excludedVehicles: [], supplyLimits: [], kpis };
    const merged = mergeReplan(base, rest, basis, { coldChainCommodities: new Set(['meat']), capacityKg: new Map(), vehicleNames: new Map() });
    const v1 = merged.routes.find((r) => r.vehicleId === 'v1')!;
    expect(v1.trips[0]!.stops).toEqual([
      { ...stop('z1', 100), done: true, deliveredKg: { veg: 95, meat: 10 } },
      { ...stop('z2', 50), done: true },
    ]);
    // The next replan from the merged plan, with nothing recorded on it: only the unrecorded stop is off d1.
    const next = replanBasis(merged, { completedStops: [], loadedVehicles: [], brokenVehicles: [] });
    expect(next.takenKg.get('d1')).toEqual({ veg: 50, meat: 5 });
    expect(next.onHandKg.get('z1')).toEqual({ veg: 95, meat: 10 });
    expect(next.onHandKg.get('z2')).toEqual({ veg: 50, meat: 5 });
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
