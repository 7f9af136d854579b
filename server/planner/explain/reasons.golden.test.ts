import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../../contract';
import type { PlanDepot, PlanInput, PlanVehicle, PlanZone } from '../plan-input';
import { plan } from '../plan/plan';

// One small hand-built scenario per reason code: each asserts the code, the binding depots, and
// that the what-if names only the side that binds.

const commodities = [
  { id: 'vegetables', name: '蔬菜', nameEn: 'Vegetables', coldChain: false },
  { id: 'eggs', name: '鸡蛋', nameEn: 'Eggs', coldChain: false },
  { id: 'meat', name: '肉类', nameEn: 'Meat', coldChain: true },
];
const zone = (id: string, location: [number, number], demandKg: Record<string, number>): PlanZone => ({
  id, name: id, nameEn: id, handoffPointId: null, location, demandKg, dailyNeedKg: demandKg, onHandKg: {}, weight: 1, serviceS: 600,
});
const depot = (id: string, location: [number, number], stockKg: Record<string, number>, hours: Partial<PlanDepot> = {}): PlanDepot => ({
  id, name: `${id}仓`, nameEn: `Depot ${id}`, location, stockKg, ...hours,
});
const van = (id: string, home: string, capacityKg: number, coldChainKg: number, shiftH: [number, number] = [6, 18], cleared = true): PlanVehicle => ({
  id, name: id, homeDepotId: home, capacityKg, coldChainKg, shiftStartS: shiftH[0] * 3600, shiftEndS: shiftH[1] * 3600,
  driverId: `drv-${id}`, driverCleared: cleared,
});
const NEAR: [number, number] = [113.24, 23.09];
const DEPOT: [number, number] = [113.23, 23.08];

function reasons(result: PlanResult, zoneId: string, commodityId: string) {
  return result.zones.find((z) => z.zoneId === zoneId)!.shortfalls.filter((s) => s.commodityId === commodityId);
}
const codes = (result: PlanResult, zoneId: string, c: string) => reasons(result, zoneId, c).map((s) => s.code).sort();
const run = (input: PlanInput) => plan(input, { maxIterations: 300 });

describe('reasons from the model, one scenario per code', () => {
  it('stock_short: the depot stock binds, with its marginal value and no fleet side', () => {
    const result = run({
      commodities, zones: [zone('a', NEAR, { vegetables: 500 }), zone('b', [113.25, 23.1], { vegetables: 300 })],
      depots: [depot('d', DEPOT, { vegetables: 400 })], vehicles: [van('v', 'd', 2000, 0)],
    });
    expect(codes(result, 'a', 'vegetables')).toEqual(['stock_short']);
    expect(reasons(result, 'a', 'vegetables')[0]!.depotIds).toEqual(['d']);
    expect(result.supplyLimits).toMatchObject([{ depotId: 'd', commodityId: 'vegetables', zoneIds: ['a', 'b'] }]);
    // Both zones at level 400 ÷ 800: one kg more spreads over 800 kg of need.
    expect(result.supplyLimits[0]!.level).toBeCloseTo(0.5, 9);
    expect(result.supplyLimits[0]!.levelGainPerKg).toBeCloseTo(1 / 800, 12);
    expect(result.fleetLimits).toEqual([]);
  });

  it('van_capacity: stock is left, the vans bind, and the what-if is on the fleet side only', () => {
    const result = run({
      commodities, zones: [zone('a', NEAR, { vegetables: 3000 })],
      depots: [depot('d', DEPOT, { vegetables: 5000 })], vehicles: [van('v', 'd', 400, 0, [6, 7])],
    });
    expect(codes(result, 'a', 'vegetables')).toContain('van_capacity');
    expect(codes(result, 'a', 'vegetables')).not.toContain('stock_short');
    expect(reasons(result, 'a', 'vegetables').find((s) => s.code === 'van_capacity')!.depotIds).toEqual(['d']);
    expect(result.supplyLimits).toEqual([]);
    const fleet = result.fleetLimits!;
    expect(fleet).toMatchObject([{ depotId: 'd', commodityId: 'vegetables', kind: 'van', vans: [{ vehicleId: 'v' }] }]);
    expect(fleet[0]!.levelGainPerKg).toBeCloseTo(1 / 3000, 12);
    expect(fleet[0]!.levelGainPerVanHour).toBeGreaterThan(0);
    expect(fleet[0]!.vans[0]!.levelGainPerVan).toBeGreaterThan(0);
  });

  it('cold_van_capacity names only the cold commodity; vegetables short of stock at the same depot say stock_short', () => {
    // The case: cold stock beyond the cold box used to mark the whole depot van-limited.
    const result = run({
      commodities, zones: [zone('a', NEAR, { vegetables: 500, meat: 1000 })],
      depots: [depot('d', DEPOT, { vegetables: 300, meat: 1000 })], vehicles: [van('v', 'd', 1500, 100, [6, 7])],
    });
    expect(codes(result, 'a', 'meat')).toEqual(['cold_van_capacity']);
    expect(codes(result, 'a', 'vegetables')).toEqual(['stock_short']);
    expect(result.supplyLimits.map((l) => [l.depotId, l.commodityId])).toEqual([['d', 'vegetables']]);
    expect(result.fleetLimits!.map((l) => [l.depotId, l.commodityId, l.kind])).toEqual([['d', 'meat', 'cold_van']]);
  });

  it('shift_time: a zone no van can reach and come back from within its shift', () => {
    const result = run({
      commodities, zones: [zone('far', [114.3, 23.9], { vegetables: 100 })],
      depots: [depot('d', DEPOT, { vegetables: 500 })], vehicles: [van('v', 'd', 1000, 0, [6, 8])],
    });
    expect(result.zones[0]!.deliveredKg.vegetables).toBe(0);
    expect(codes(result, 'far', 'vegetables')).toEqual(['shift_time']);
    expect(reasons(result, 'far', 'vegetables')[0]!.depotIds).toEqual(['d']);
  });

  it('depot_hours: the depot closes after the first load, so later trips cannot load', () => {
    const result = run({
      commodities, zones: [zone('a', NEAR, { vegetables: 2000 })],
      depots: [depot('d', DEPOT, { vegetables: 5000 }, { opensS: 6 * 3600, closesS: 6 * 3600 + 600 })],
      vehicles: [van('v', 'd', 500, 0)],
    });
    expect(result.zones[0]!.deliveredKg.vegetables).toBeGreaterThan(0);
    expect(result.zones[0]!.deliveredKg.vegetables).toBeLessThan(2000);
    expect(codes(result, 'a', 'vegetables')).toContain('depot_hours');
    expect(codes(result, 'a', 'vegetables')).not.toContain('stock_short');
  });

  it('no_cleared_driver: the nearest stock sits at a depot whose only van has no cleared driver', () => {
    const result = run({
      commodities, zones: [zone('a', NEAR, { vegetables: 500 })],
      depots: [depot('near', DEPOT, { vegetables: 1000 }), depot('far', [113.3, 23.15], { vegetables: 100 })],
      vehicles: [van('idle', 'near', 1500, 0, [6, 18], false), van('v', 'far', 1500, 0)],
    });
    const byCode = new Map(reasons(result, 'a', 'vegetables').map((s) => [s.code, s]));
    expect([...byCode.keys()].sort()).toEqual(['no_cleared_driver', 'stock_short']);
    expect(byCode.get('no_cleared_driver')).toMatchObject({ depotIds: ['near'], vehicleIds: ['idle'] });
    expect(byCode.get('stock_short')!.depotIds).toEqual(['far']);
  });

  it('unreachable: no depot holds the commodity', () => {
    const result = run({
      commodities, zones: [zone('a', NEAR, { eggs: 50, vegetables: 50 })],
      depots: [depot('d', DEPOT, { vegetables: 500 })], vehicles: [van('v', 'd', 1500, 0)],
    });
    expect(codes(result, 'a', 'eggs')).toEqual(['unreachable']);
    expect(codes(result, 'a', 'vegetables')).toEqual([]);
    expect(reasons(result, 'a', 'eggs')[0]!.zh).toContain('鸡蛋');
    expect(reasons(result, 'a', 'eggs')[0]!.en).toContain('Eggs');
  });
});
