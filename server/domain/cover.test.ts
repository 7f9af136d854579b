import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverForJson, daysOfCover, zoneCover } from './cover';

describe('daysOfCover', () => {
  it('divides stock by daily need', () => {
    expect(daysOfCover(300, 100)).toBe(3);
    expect(daysOfCover(0, 100)).toBe(0);
  });

  it('is Infinity when nothing is needed, whatever the stock', () => {
    expect(daysOfCover(0, 0)).toBe(Infinity);
    expect(daysOfCover(50, 0)).toBe(Infinity);
  });

  it('rejects negative or non-finite inputs', () => {
    expect(() => daysOfCover(-1, 10)).toThrow(/stockKg/);
    expect(() => daysOfCover(1, -10)).toThrow(/dailyNeedKg/);
    expect(() => daysOfCover(1, Infinity)).toThrow(/dailyNeedKg/);
  });

  it('gives back the stock when multiplied by the daily need', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      (stock, need) => { expect(daysOfCover(stock, need) * need).toBeCloseTo(stock, 4); },
    ));
  });
});

describe('zoneCover', () => {
  it('reports the commodity that runs out first, counting missing stock as zero', () => {
    const c = zoneCover({ vegetables: 800, eggs: 50 }, { vegetables: 400, eggs: 100, meat: 10 });
    expect(c.byCommodityDays).toEqual({ vegetables: 2, eggs: 0.5, meat: 0 });
    expect(c.worst).toEqual({ commodityId: 'meat', days: 0 });
  });

  it('ignores zero-need commodities for the worst and returns null when nothing is needed', () => {
    expect(zoneCover({ oil: 5 }, { oil: 0, eggs: 10 }).worst).toEqual({ commodityId: 'eggs', days: 0 });
    expect(zoneCover({ oil: 5 }, { oil: 0 }).worst).toBeNull();
  });

  it('breaks ties by the order of the need map', () => {
    expect(zoneCover({ a: 10, b: 10 }, { a: 5, b: 5 }).worst?.commodityId).toBe('a');
  });
});

describe('coverForJson', () => {
  it('turns Infinity into null and keeps finite numbers', () => {
    expect(coverForJson(Infinity)).toBeNull();
    expect(coverForJson(2.5)).toBe(2.5);
    expect(JSON.parse(JSON.stringify({ d: coverForJson(Infinity) }))).toEqual({ d: null });
  });
});
