import { describe, expect, it } from 'vitest';
import type { Commodity, Vehicle, Zone } from '../../server/contract';
import { loadScenario } from '../../server/store/scenario-files';
import { scheduleFailures } from './failures';
import { streetDays, sufficiencyOf } from './street-days';
import { zoneDailyDemandKg } from '../../server/domain/demand';

const liwan = loadScenario('liwan-2021');
const commodities = liwan.commodities as Commodity[];
const zones = liwan.zones.map((z) => ({ ...z, updatedAt: '' })) as Zone[];
const vehicles = liwan.vehicles as Vehicle[];
const depots = liwan.depots.map((d) => ({ id: d.id, stockKg: d.stockKg }));

describe('sufficiencyOf', () => {
  it('says the demo fleet and stock cannot feed all nine Fangcun streets (~254 t/day)', () => {
    const s = sufficiencyOf(zones, commodities, depots, vehicles, new Set());
    const need = Object.values(s.needKg).reduce((a, b) => a + b, 0);
    expect(need).toBeGreaterThan(250_000);
    expect(need).toBeLessThan(260_000);
    expect(s.fleetKg).toBeLessThan(need);
    expect(s).toMatchObject({ sufficient: false, vansSufficient: false, stock: false });
  });

  it('counts meat only where the depot has cold-chain vans to carry it', () => {
    const two = zones.filter((z) => ['liwan-zhongnan', 'liwan-dongsha'].includes(z.id));
    const s = sufficiencyOf(two, commodities, depots, vehicles, new Set());
    expect(s.vansSufficient).toBe(true);
    // 荔塱's cold vans carry its 6,800 kg; the meat at 华润万家 and 岭南 has no cold van and does not count.
    expect(s.haulableKg.meat).toBeLessThan(s.stockKg.meat! - 3000);
    const noColdVans = vehicles.map((v) => ({ ...v, coldChainKg: 0 }));
    expect(sufficiencyOf(two, commodities, depots, noColdVans, new Set())).toMatchObject({ vansSufficient: false, stock: true, fleet: false });
  });

  it('over every channel: the homes\' stock and the other channels count, against the need and a day left at its end', () => {
    const vansOnly = sufficiencyOf(zones, commodities, depots, vehicles, new Set());
    // All nine streets, nothing at home and no other channel: the vans haul far less than twice the vegetables needed.
    expect(vansOnly.haulableKg.vegetables!).toBeLessThan(2 * vansOnly.needKg.vegetables!);
    expect(vansOnly.sufficient).toBe(false);
    expect(vansOnly.streetGapKg.vegetables).toBeCloseTo(2 * vansOnly.needKg.vegetables!, 6);
  });

  it('judges street by street: one street\'s full homes do not make up for another that starts the day empty', () => {
    const two = zones.filter((z) => ['liwan-zhongnan', 'liwan-dongsha'].includes(z.id));
    const [a, b] = two as [Zone, Zone];
    const needA = zoneDailyDemandKg(a, commodities);
    const needB = zoneDailyDemandKg(b, commodities);
    const days = (need: Record<string, number>, k: number, plus: Record<string, number> = {}) =>
      Object.fromEntries(Object.entries(need).map(([c, kg]) => [c, k * kg + (plus[c] ?? 0)]));
    const noVans = new Set(vehicles.map((v) => v.id));
    // A day in every home and the other channels bring the day's need: sufficient with no van at all.
    const even = new Map([[a.id, { homeStockKg: days(needA, 1), otherChannelsKg: days(needA, 1) }], [b.id, { homeStockKg: days(needB, 1), otherChannelsKg: days(needB, 1) }]]);
    expect(sufficiencyOf(two, commodities, depots, vehicles, noVans, even)).toMatchObject({ sufficient: true });
    // The same food, but 东沙's day of stock sits in 中南's homes: the district's totals are unchanged (the former
    // verdict said sufficient), yet 东沙 starts empty and no van can go.
    const moved = new Map([[a.id, { homeStockKg: days(needA, 1, needB), otherChannelsKg: days(needA, 1) }], [b.id, { homeStockKg: {}, otherChannelsKg: days(needB, 1) }]]);
    const s = sufficiencyOf(two, commodities, depots, vehicles, noVans, moved);
    expect(s.homeStockKg.vegetables).toBeCloseTo(needA.vegetables! + needB.vegetables!, 6);
    expect(s.sufficient).toBe(false);
    expect(s.streetGapKg.vegetables).toBeCloseTo(needB.vegetables!, 6);
    // With the fleet, whose haul covers 东沙's gap, it is sufficient again.
    expect(sufficiencyOf(two, commodities, depots, vehicles, new Set(), moved).sufficient).toBe(true);
  });

  it('leaves out vans the plan excluded (driver not cleared)', () => {
    const all = sufficiencyOf(zones, commodities, depots, vehicles, new Set());
    const fewer = sufficiencyOf(zones, commodities, depots, vehicles, new Set(['lw-bus-01', 'lw-van-01']));
    expect(all.fleetKg - fewer.fleetKg).toBe(3000 * 2 + 1500 * 3);
  });
});

describe('scheduleFailures', () => {
  it('is fixed by the seed, on distinct active days', () => {
    const days = ['2021-06-01', '2021-06-02', '2021-06-03', '2021-06-04'];
    const a = scheduleFailures(days, 5);
    expect(scheduleFailures(days, 5)).toEqual(a);
    expect(new Set([a.breakdown!.date, a.failedHandoff!.date, a.eggsShort!.date]).size).toBe(3);
    expect(scheduleFailures(days, 5, false)).toEqual({ breakdown: null, failedHandoff: null, eggsShort: null });
  });
});

describe('streetDays', () => {
  it('gives cover from what was handed off and the reasons a street was short', () => {
    const zone = zones.find((z) => z.id === 'liwan-zhongnan')!;
    const [day] = streetDays({ cover: new Map(),
      date: '2021-06-03', zones: [zone], commodities, brokenVehicle: null, unattended: new Set(),
      plans: [{ result: { zones: [{ zoneId: zone.id, deliveredKg: {}, shortfalls: [{ code: 'stock_short', commodityId: 'eggs' }] }], routes: [] } } as never],
      outcomes: [
        { vehicleId: 'v', planId: 'p', tripIndex: 0, stopIndex: 0, zoneId: zone.id, at: '', ok: true, kind: 'delivered', deliveredKg: { vegetables: 4000, eggs: 100, meat: 700, oil: 300 } },
        { vehicleId: 'v', planId: 'p', tripIndex: 0, stopIndex: 1, zoneId: zone.id, at: '', ok: true, kind: 'failed', deliveredKg: {}, reason: 'nobody_at_handoff' },
      ],
    });
    expect(day!.worstCommodity).toBe('eggs');
    expect(day!.minCover!).toBeCloseTo(100 / day!.needKg.eggs!, 6);
    expect(day!.reasons).toEqual(['stock_short:eggs', 'handoff_failed']);
    expect(day!.residentsWithoutDelivery).toBe(0);
  });
});
