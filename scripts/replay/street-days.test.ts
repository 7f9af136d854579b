import { describe, expect, it } from 'vitest';
import type { Commodity, Vehicle, Zone } from '../../server/contract';
import { loadScenario } from '../../server/store/scenario-files';
import { scheduleFailures } from './failures';
import { streetDays, sufficiencyOf } from './street-days';

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
    const two = zones;
    const vansOnly = sufficiencyOf(two, commodities, depots, vehicles, new Set());
    // All nine streets: the vans haul far less than twice the vegetables needed.
    expect(vansOnly.haulableKg.vegetables!).toBeLessThan(2 * vansOnly.needKg.vegetables!);
    expect(vansOnly.sufficient).toBe(false);
    const short = Object.fromEntries(Object.entries(vansOnly.needKg).map(([c, kg]) => [c, Math.max(0, 2 * kg - (vansOnly.haulableKg[c] ?? 0))]));
    expect(sufficiencyOf(two, commodities, depots, vehicles, new Set(), { otherChannelsKg: short, homeStockKg: {} }).sufficient).toBe(true);
    const almost = Object.fromEntries(Object.entries(short).map(([c, kg]) => [c, c === 'vegetables' ? kg - 10 : kg]));
    expect(sufficiencyOf(two, commodities, depots, vehicles, new Set(), { otherChannelsKg: {}, homeStockKg: almost }).sufficient).toBe(false);
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
