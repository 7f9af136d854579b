import { describe, expect, it } from 'vitest';
import type { SupplyChannel } from '../contract';
import { projectCover, type ProjectionZone } from './cover-projection';
import { DEFAULT_TIER_RULES, targetCoverDaysFor } from './tiers';
import { commodityTargetDays, vanGapKg } from './van-gap';

// Hand-computed: local time = UTC, one commodity (vegetables, 100 kg a day per zone), sealed at the start of day 1.
const D1 = '2021-06-01';
const D2 = '2021-06-02';
const zone = (id: string, tier: string): ProjectionZone => ({ id, tier, dailyNeedKg: { vegetables: 100 }, sealedAt: `${D1}T00:00:00Z`, liftedAt: null });
const channel = (kind: SupplyChannel['kind'], kgPerDay: number, zoneIds: string[], extra: Partial<SupplyChannel> = {}): SupplyChannel => ({
  id: kind, districtId: 'd', name: kind, nameEn: kind, kind, zoneIds, capacity: { vegetables: { kgPerDay } },
  opensAt: '00:00', closesAt: '24:00', tiers: [], activeFrom: D1, activeUntil: null, note: '', ...extra,
});
const gapOf = (zones: ProjectionZone[], channels: SupplyChannel[], horizon: string[], stockDays: number, targetDays: number) => {
  const p = projectCover({
    from: D1, horizon, zones, commodityIds: ['vegetables'], channels, vanKg: new Map(),
    householdStockDays: { vegetables: stockDays }, utcOffset: '+00:00',
  });
  return new Map(zones.map((z) => [z.id, vanGapKg(p.get(z.id)!.vegetables!, 100, commodityTargetDays(targetDays, stockDays))]));
};

describe('vanGapKg: the vans fill what household stock and the other channels leave', () => {
  it('a sealed zone with nothing else: one day of stock, target 2 capped to the usual 1 day → the day\'s need', () => {
    // 100 at sealing − 100 need = 0 at the end of day 1; the target (min(2, 1) day = 100 kg) lacks 100.
    expect(gapOf([zone('z', 'sealed')], [], [D1], 1, 2).get('z')).toBeCloseTo(100, 9);
  });

  it('over two days until the next van: day 2\'s unmet need is added to the target', () => {
    // Day 1 ends at 0; day 2 goes without 100 and ends at 0: 100 unmet + 100 short of the target.
    expect(gapOf([zone('z', 'sealed')], [], [D1, D2], 1, 2).get('z')).toBeCloseTo(200, 9);
  });

  it('a controlled zone its supply point keeps at the usual stock draws no van; a sealed one beside it (no walking out) does', () => {
    const gaps = gapOf([zone('c', 'controlled'), zone('s', 'sealed')], [channel('supply_point', 1000, ['c', 's'])], [D1], 1, 2);
    // c buys 100 back: ends at its usual 100 = its target. s may not use a supply point (tier rules).
    expect(gaps.get('c')).toBeCloseTo(0, 9);
    expect(gaps.get('s')).toBeCloseTo(100, 9);
  });

  it('a platform that brings part of the need leaves the vans the rest', () => {
    // 100 + 40 − 100 = 40 at the end of day 1; the target 100 lacks 60.
    expect(gapOf([zone('s', 'sealed')], [channel('platform', 40, ['s'])], [D1], 1, 2).get('s')).toBeCloseTo(60, 9);
  });

  it('counts whole grams: float residue where stock meets the target exactly is no gap', () => {
    // 3 × 0.1 − 0.3 is 5.6e-17 in floats, not 0.
    expect(vanGapKg({ stockKg: [0.3], unmetKg: [0] }, 0.1, 3)).toBe(0);
    expect(vanGapKg({ stockKg: [0.3], unmetKg: [0.0004] }, 0.1, 3)).toBe(0);
    expect(vanGapKg({ stockKg: [0.3], unmetKg: [0.0123456] }, 0.1, 3)).toBe(0.012);
  });

  it('eggs kept for 5 days need no van on the first day even with a 2-day target', () => {
    // 500 − 100 = 400 ≥ 200.
    expect(gapOf([zone('s', 'sealed')], [], [D1], 5, 2).get('s')).toBe(0);
  });

  it('targets come from the tier rules, with defaults per tier', () => {
    expect(targetCoverDaysFor('sealed')).toBe(2);
    expect(targetCoverDaysFor('precaution')).toBe(1);
    const rules = DEFAULT_TIER_RULES.map((r) => (r.tier === 'sealed' ? { ...r, targetCoverDays: 3 } : r));
    expect(targetCoverDaysFor('sealed', rules)).toBe(3);
    expect(commodityTargetDays(3, 20)).toBe(3);
  });
});
