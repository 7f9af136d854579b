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
    expect(routeDay(r, MIDNIGHT - 1, '+08:00')).toBe('future');
    expect(routeDay(r, MIDNIGHT, '+08:00')).toBe('today');
    expect(routeDay(r, MIDNIGHT + 23.9 * H, '+08:00')).toBe('today');
    expect(routeDay(r, MIDNIGHT + 24 * H, '+08:00')).toBe('past');
    expect(routeDay(r, Date.parse('2026-12-07T03:00:00Z'), '+08:00')).toBe('past');
  });

  it('reads the day in the offset it is given', () => {
    const r = route('2021-06-03', [8 * 3600]);
    // 2021-06-03 01:00 in UTC+8 is still 2 June in UTC-5: the route there has not begun.
    expect(routeDay(r, MIDNIGHT + H, '-05:00')).toBe('future');
  });

  it('a night shift past midnight runs until its last planned stop', () => {
    const r = route('2021-06-03', [22 * 3600, 25 * 3600]);
    expect(routeDay(r, MIDNIGHT + 24.5 * H, '+08:00')).toBe('today');
    expect(routeDay(r, MIDNIGHT + 25 * H, '+08:00')).toBe('past');
  });
});
