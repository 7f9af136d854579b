import { describe, expect, it } from 'vitest';
import type { PlanResult, ZoneOutcome } from '../../contract';
import type { PlanInput, PlanVehicle } from '../../planner/plan-input';
import { mergePlanParts, splitShared } from './plan-parts';

const van = (id: string, capacityKg: number): PlanVehicle => ({
  id, name: id, homeDepotId: 'shared', capacityKg, coldChainKg: 0, shiftStartS: 0, shiftEndS: 86_400, driverId: null, driverCleared: true,
});

function part(zoneDemand: Array<Record<string, number>>, vehicles: PlanVehicle[]): PlanInput {
  return {
    commodities: [{ id: 'oil', name: '油', nameEn: 'oil', coldChain: false }, { id: 'eggs', name: '蛋', nameEn: 'eggs', coldChain: false }],
    zones: zoneDemand.map((demandKg, i) => ({
      id: `z${i}`, name: '', nameEn: '', handoffPointId: null, location: [113, 23], demandKg, dailyNeedKg: demandKg, onHandKg: {}, weight: 1, serviceS: 600,
    })),
    depots: [
      { id: 'shared', name: '', nameEn: '', location: [113, 23], stockKg: { oil: 1000, eggs: 600 } },
      { id: 'own', name: '', nameEn: '', location: [113, 23], stockKg: { oil: 50 } },
    ],
    vehicles,
  };
}

describe('splitShared', () => {
  it('shares a common depot out per commodity by each part demand, and leaves a district depot whole', () => {
    const parts = new Map([
      ['a', part([{ oil: 300, eggs: 100 }, { oil: 100 }], [])],
      ['b', part([{ oil: 400, eggs: 300 }], [])],
    ]);
    const split = splitShared(parts, new Set(['shared']), new Set());
    const stock = (d: string, depot: string) => split.get(d)!.depots.find((x) => x.id === depot)!.stockKg;
    expect(stock('a', 'shared')).toEqual({ oil: 500, eggs: 150 });
    expect(stock('b', 'shared')).toEqual({ oil: 500, eggs: 450 });
    expect(stock('a', 'own')).toEqual({ oil: 50 });
    // Never more than the depot holds, summed over the parts.
    expect(stock('a', 'shared').oil! + stock('b', 'shared').oil!).toBeCloseTo(1000);
  });

  it('gives no share of a commodity nobody needs, and each shared van to exactly one part, the needier first', () => {
    const shared = [van('s1', 1000), van('s2', 1000), van('s3', 1000)];
    const parts = new Map([
      ['a', part([{ oil: 3000 }], [van('a1', 500), ...shared])],
      ['b', part([{ oil: 1000 }], [van('b1', 500), ...shared])],
    ]);
    const split = splitShared(parts, new Set(['shared']), new Set(shared.map((v) => v.id)));
    expect(split.get('a')!.depots[0]!.stockKg.eggs).toBe(0);
    const a = split.get('a')!.vehicles.map((v) => v.id);
    const b = split.get('b')!.vehicles.map((v) => v.id);
    for (const s of ['s1', 's2', 's3']) expect(Number(a.includes(s)) + Number(b.includes(s))).toBe(1);
    // 3,000 kg of need against 1,000: district a gets the first shared van and two of the three.
    expect(a).toEqual(['a1', 's1', 's3']);
    expect(b).toEqual(['b1', 's2']);
  });
});

describe('mergePlanParts', () => {
  const zone = (zoneId: string, demand: number, delivered: number): ZoneOutcome => ({
    zoneId, demandKg: { oil: demand }, deliveredKg: { oil: delivered }, fillRate: { oil: delivered / demand }, daysOfCover: { oil: delivered / demand },
    shortfalls: delivered < demand ? [{ commodityId: 'oil', kg: demand - delivered, reason: 'stock_short', zh: '', en: '' }] : [],
  } as unknown as ZoneOutcome);
  const result = (vehicleId: string, z: ZoneOutcome, fill: number, runtimeMs: number): PlanResult => ({
    routes: [{ vehicleId, trips: [{ depotId: 'shared', loadKg: 400, stops: [], returnS: 0 }], distanceM: 2000 } as never],
    zones: [z],
    kpis: { allocationFillRate: fill, runtimeMs } as never,
    excludedVehicles: [{ vehicleId: 'broken', reason: 'broken down' } as never],
    supplyLimits: [{ depotId: 'shared', commodityId: 'oil', zh: '', en: '' }],
  });

  it('puts the parts side by side and recomputes the figures over the whole city', () => {
    const merged = mergePlanParts(
      [result('a1', zone('za', 100, 100), 1, 900), result('b1', zone('zb', 200, 100), 0.5, 1200)],
      new Map([['a1', 800], ['b1', 400]]),
    );
    expect(merged.routes.map((r) => r.vehicleId)).toEqual(['a1', 'b1']);
    expect(merged.zones.map((z) => z.zoneId)).toEqual(['za', 'zb']);
    expect(merged.kpis.deliveredKg).toBe(200);
    expect(merged.kpis.demandKg).toBe(300);
    expect(merged.kpis.minFillRate).toBe(0.5);
    expect(merged.kpis.allocationFillRate).toBe(0.5);
    expect(merged.kpis.distanceKm).toBe(4);
    expect(merged.kpis.vanUtilisation).toBeCloseTo((0.5 + 1) / 2);
    expect(merged.kpis.zonesShort).toBe(1);
    expect(merged.kpis.runtimeMs).toBe(1200);
    // A van or a depot limit both parts report is listed once.
    expect(merged.excludedVehicles).toHaveLength(1);
    expect(merged.supplyLimits).toHaveLength(1);
  });
});
