import { describe, expect, it } from 'vitest';
import { DEFAULT_HOUSEHOLD_STOCK_DAYS, householdStockKg } from './household-stock';
import { channelActiveOn, channelDailyKg, channelProblem, channelServesTier } from './supply-channels';
import { channelKindsFor, type TierRule } from './tiers';

const ok = { opensAt: '08:00', closesAt: '17:00', capacity: { vegetables: { kgPerDay: 10 } }, activeFrom: '2021-06-01', activeUntil: null };

describe('supply channel rules', () => {
  it('a day\'s kg is kgPerDay, else orders × kg per order', () => {
    expect(channelDailyKg({ kgPerDay: 120, ordersPerDay: 5, kgPerOrder: 2 })).toBe(120);
    expect(channelDailyKg({ ordersPerDay: 750, kgPerOrder: 2.5 })).toBe(1875);
    expect(channelDailyKg(undefined)).toBe(0);
  });

  it('trades from activeFrom to activeUntil inclusive', () => {
    const ch = { activeFrom: '2021-06-09', activeUntil: '2021-06-17' };
    expect(['2021-06-08', '2021-06-09', '2021-06-17', '2021-06-18'].map((d) => channelActiveOn(ch, d))).toEqual([false, true, true, false]);
    expect(channelActiveOn({ activeFrom: '2021-06-09', activeUntil: null }, '2030-01-01')).toBe(true);
  });

  it('names the field of hours that end before they start, negative capacities and dates out of order', () => {
    expect(channelProblem(ok)).toBeNull();
    expect(channelProblem({ ...ok, closesAt: '07:00' })?.[0]).toBe('body.closesAt');
    expect(channelProblem({ ...ok, closesAt: '08:00' })?.[0]).toBe('body.closesAt');
    expect(channelProblem({ ...ok, capacity: { eggs: { ordersPerDay: 3, kgPerOrder: -1 } } })?.[0]).toBe('body.capacity.eggs.kgPerOrder');
    expect(channelProblem({ ...ok, activeUntil: '2021-05-31' })?.[0]).toBe('body.activeUntil');
  });

  it('Guangzhou 2021 defaults: sealed door delivery only, controlled also supply points, precaution also shops', () => {
    expect(channelKindsFor('sealed')).toEqual(['mobile_van', 'platform', 'donation']);
    expect(channelKindsFor('controlled')).toEqual(['mobile_van', 'platform', 'donation', 'supply_point']);
    expect(channelKindsFor('precaution')).toEqual(['mobile_van', 'platform', 'donation', 'supply_point', 'store']);
    const rules: TierRule[] = [{ tier: 'x', nameZh: 'x', nameEn: 'x', handoffMode: 'door', serviceS: 1, priorityWeight: 1, channelKinds: ['store'] }];
    expect(channelKindsFor('x', rules)).toEqual(['store']);
  });

  it('a channel serves a tier only when both the tier rules and its own tier list allow it', () => {
    expect(channelServesTier({ kind: 'supply_point', tiers: [] }, 'sealed')).toBe(false);
    expect(channelServesTier({ kind: 'supply_point', tiers: [] }, 'controlled')).toBe(true);
    expect(channelServesTier({ kind: 'supply_point', tiers: ['precaution'] }, 'controlled')).toBe(false);
    expect(channelServesTier({ kind: 'platform', tiers: [] }, 'sealed')).toBe(true);
  });

  it('household stock is days × daily need, 0 for a commodity without a figure', () => {
    expect(householdStockKg({ vegetables: 100, oil: 2, salt: 1 })).toEqual({ vegetables: 100 * DEFAULT_HOUSEHOLD_STOCK_DAYS.vegetables!, oil: 40, salt: 0 });
  });
});
