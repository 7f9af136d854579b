import { describe, expect, it } from 'vitest';
import type { PlannedStop } from '../../../server/contract';
import { routeDay } from './route-day';

const stop = (arrivalS: number) => ({ arrivalS } as PlannedStop);
const route = (date: string, arrivals: number[]) => ({ date, trips: [{ stops: arrivals.map(stop) }] } as Parameters<typeof routeDay>[0]);
// 2021-06-03 00:00 in Guangzhou (UTC+8).
const MIDNIGHT = Date.parse('2021-06-02T16:00:00Z');
const H = 3_600_000;

describe("the driver's route day", () => {
  it('is today from local midnight to the next, before it to come, after it over', () => {
    const r = route('2021-06-03', [8 * 3600, 9 * 3600]);
    expect(routeDay(r, MIDNIGHT - 1)).toBe('future');
    expect(routeDay(r, MIDNIGHT)).toBe('today');
    expect(routeDay(r, MIDNIGHT + 23.9 * H)).toBe('today');
    expect(routeDay(r, MIDNIGHT + 24 * H)).toBe('past');
    expect(routeDay(r, Date.parse('2026-12-07T03:00:00Z'))).toBe('past');
  });

  it('a night shift past midnight runs until its last planned stop', () => {
    const r = route('2021-06-03', [22 * 3600, 25 * 3600]);
    expect(routeDay(r, MIDNIGHT + 24.5 * H)).toBe('today');
    expect(routeDay(r, MIDNIGHT + 25 * H)).toBe('past');
  });
});
