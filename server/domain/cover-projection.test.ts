import { describe, expect, it } from 'vitest';
import type { SupplyChannel } from '../contract';
import { projectCover, waterFill, type ProjectionInput, type ProjectionZone } from './cover-projection';

// Hand-computed cases. Local time = UTC (utcOffset +00:00) so instants read as local times; one commodity,
// vegetables, 100 kg a day per zone.
const D1 = '2021-06-01';
const D2 = '2021-06-02';
const D3 = '2021-06-03';
const zone = (id: string, tier: string, extra: Partial<ProjectionZone> = {}): ProjectionZone => ({
  id, tier, dailyNeedKg: { vegetables: 100 }, sealedAt: `${D1}T00:00:00Z`, liftedAt: null, ...extra,
});
const channel = (id: string, kind: SupplyChannel['kind'], kgPerDay: number, zoneIds: string[], extra: Partial<SupplyChannel> = {}): SupplyChannel => ({
  id, districtId: 'd', name: id, nameEn: id, kind, zoneIds, capacity: { vegetables: { kgPerDay } },
  opensAt: '00:00', closesAt: '24:00', tiers: [], activeFrom: D1, activeUntil: null, note: '', ...extra,
});
const run = (over: Partial<ProjectionInput>) => projectCover({
  from: D1, horizon: [D1, D2, D3], zones: [], commodityIds: ['vegetables'], channels: [], vanKg: new Map(),
  householdStockDays: { vegetables: 1 }, utcOffset: '+00:00', ...over,
});
const round = (xs: number[]): number[] => xs.map((x) => Math.round(x * 1e4) / 1e4);

describe('projectCover', () => {
  it('with nothing coming in, the household stock runs down by the need and stops at zero', () => {
    const p = run({ zones: [zone('z', 'sealed')], householdStockDays: { vegetables: 2 } }).get('z')!.vegetables!;
    // 200 kg at sealing: 100 left after day 1 (1 day of cover), then 0 and 0, never negative.
    expect(p.coverDays).toEqual([1, 0, 0]);
    expect(p.suppliedKgByChannel).toEqual({ mobile_van: [0, 0, 0] });
    // Day 2 eats the last 100 kg; day 3's 100 kg of need is met by nothing.
    expect(p.unmetKg).toEqual([0, 0, 100]);
  });

  it('counts the vans first and a channel that opens on day 2 from day 2; a sealed zone gets nothing from a supply point', () => {
    const vanKg = new Map([[D1, new Map([['z', { vegetables: 60 }]])]]);
    const p = run({
      zones: [zone('z', 'sealed')], householdStockDays: { vegetables: 2 }, vanKg,
      channels: [channel('gate', 'platform', 150, ['z'], { activeFrom: D2 }), channel('point', 'supply_point', 500, ['z'])],
    }).get('z')!.vegetables!;
    // Day 1: 200 + 60 van − 100 = 160. Day 2: residents buy back to their usual 200 + the day's 100: 140 of the 150.
    // → 200. Day 3: the same: 100 bought → 200.
    expect(p.coverDays).toEqual([1.6, 2, 2]);
    expect(p.suppliedKgByChannel).toEqual({ mobile_van: [60, 0, 0], platform: [0, 140, 100] });
  });

  it('follows the tier history: a street eased from controlled to precaution on day 2 shops from day 2, not before', () => {
    const shops = channel('shops', 'store', 1000, ['z'], { tiers: ['precaution'] });
    const eased = zone('z', 'precaution', { tierHistory: [{ tier: 'controlled', since: `${D1}T00:00:00Z` }, { tier: 'precaution', since: `${D2}T00:00:00Z` }] });
    const p = run({ zones: [eased], channels: [shops] }).get('z')!.vegetables!;
    // Day 1 (controlled): no shops, the 100 kg at sealing are eaten → 0. Day 2 and 3: residents buy back to
    // their usual 100 kg plus the day's 100: 200, then 100.
    expect(p.coverDays).toEqual([0, 1, 1]);
    expect(p.suppliedKgByChannel).toEqual({ mobile_van: [0, 0, 0], store: [0, 200, 100] });
    // Without the history the current tier would count for day 1 too: the shops would have kept it at 1.
    const noHistory = run({ zones: [zone('z', 'precaution')], channels: [shops] }).get('z')!.vegetables!;
    expect(noHistory.coverDays).toEqual([1, 1, 1]);
  });

  it('shares a channel by need over its hours; a zone lifted on day 2 stops consuming and its share goes to the other', () => {
    const p = run({
      zones: [zone('a', 'controlled', { liftedAt: `${D2}T12:00:00Z` }), zone('b', 'controlled')],
      channels: [channel('point', 'supply_point', 150, ['a', 'b'], { opensAt: '08:00', closesAt: '17:00' })],
    });
    const a = p.get('a')!.vegetables!;
    const b = p.get('b')!.vegetables!;
    // Day 1: 75 each → 100 + 75 − 100 = 75. Day 2: a is under control for 4 of the point's 9 hours and half the
    // day: weights 100·4/9 and 100, so a buys 150·(4/9)/(13/9) = 46.154 and ends at 75 + 46.154 − 50 = 71.154;
    // b buys 103.846 and ends at 78.846. Day 3: a is lifted (stock frozen), b may buy its whole want, 121.154 → 100.
    expect(round(a.coverDays)).toEqual([0.75, 0.7115, 0.7115]);
    expect(round(a.suppliedKgByChannel.supply_point!)).toEqual([75, 46.1538, 0]);
    expect(round(b.coverDays)).toEqual([0.75, 0.7885, 1]);
    expect(round(b.suppliedKgByChannel.supply_point!)).toEqual([75, 103.8462, 121.1538]);
  });

  it('a zone sealed mid-day starts with its household stock then and needs only the rest of the day', () => {
    const p = run({
      zones: [zone('z', 'controlled', { sealedAt: `${D1}T18:00:00Z` })],
      channels: [channel('gate', 'platform', 40, ['z']), channel('point', 'supply_point', 500, ['z'], { opensAt: '08:00', closesAt: '17:00' })],
    }).get('z')!.vegetables!;
    // Day 1 from 18:00: need 25; the point closed at 17:00; the platform's 40 kg over 24 h: 10 kg in the last 6 h.
    // 100 + 10 − 25 = 85. Day 2: want 115: platform 40, point 75 → 100. Day 3: want 100: platform 40, point 60 → 100.
    expect(round(p.coverDays)).toEqual([0.85, 1, 1]);
    expect(round(p.suppliedKgByChannel.platform!)).toEqual([10, 40, 40]);
    expect(round(p.suppliedKgByChannel.supply_point!)).toEqual([0, 75, 60]);
  });

  it('reports only the horizon but rolls the stock from the first day', () => {
    const p = run({ zones: [zone('z', 'sealed')], horizon: [D3], householdStockDays: { vegetables: 3.5 } }).get('z')!.vegetables!;
    expect(p.coverDays).toEqual([0.5]);
    expect(p.suppliedKgByChannel.mobile_van).toEqual([0]);
  });

  it('a zone sealed after the horizon starts shows its usual stock until then', () => {
    const p = run({ zones: [zone('z', 'sealed', { sealedAt: `${D2}T00:00:00Z` })] }).get('z')!.vegetables!;
    expect(p.coverDays).toEqual([1, 0, 0]);
  });
});

describe('waterFill', () => {
  it('shares by weight and hands a capped claim\'s rest to the others', () => {
    expect(waterFill(90, [{ weight: 1, cap: 100 }, { weight: 2, cap: 100 }])).toEqual([30, 60]);
    expect(waterFill(90, [{ weight: 1, cap: 100 }, { weight: 2, cap: 20 }])).toEqual([70, 20]);
    expect(waterFill(90, [{ weight: 0, cap: 100 }, { weight: 2, cap: 20 }])).toEqual([0, 20]);
  });
});
