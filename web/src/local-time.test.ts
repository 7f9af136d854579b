import { describe, expect, it } from 'vitest';
import { dateTimeText, dayOf, pageUtcOffset, secondsOfDay, timeOf, today } from './local-time';
import { planLabel } from './plans/plan-format';
import { formatInstant } from './requests/age';
import { projectionDate } from './zones/projected-cover';

/** Just enough of a page for pageUtcOffset: its meta tags by name. */
const pageWith = (meta: Record<string, string>): Document => ({
  querySelector: (selector: string) => {
    const name = /meta\[name="([^"]+)"\]/.exec(selector)?.[1];
    return name && name in meta ? { content: meta[name] } : null;
  },
}) as unknown as Document;

describe('local time on the pages', () => {
  it('takes the offset the server wrote into the page, and refuses a page without one or a malformed one', () => {
    expect(pageUtcOffset(pageWith({ 'bg-utc-offset': '-05:30' }))).toBe('-05:30');
    expect(() => pageUtcOffset(pageWith({}))).toThrow(/bg-utc-offset/);
    expect(() => pageUtcOffset(pageWith({ 'bg-utc-offset': 'UTC+8' }))).toThrow(RangeError);
  });

  it('puts instants on the local day and clock of the offset given, whatever the browser is set to', () => {
    const at = Date.parse('2021-06-02T17:30:00Z');
    expect(dayOf(at, '+08:00')).toBe('2021-06-03');
    expect(dayOf('2021-06-02T17:30:00Z', '-05:00')).toBe('2021-06-02');
    expect(today(at, '+08:00')).toBe('2021-06-03');
    expect(timeOf(at, '+08:00')).toBe('01:30');
    expect(timeOf(at, '-05:00')).toBe('12:30');
    expect(dateTimeText(at, 'en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }, '+08:00')).toBe('01:30');
    expect(dateTimeText(at, 'en-GB', { day: '2-digit', month: '2-digit' }, '-05:00')).toBe('02/06');
  });

  it('counts seconds into the plan day; on another day, the local time of day', () => {
    const at = Date.parse('2021-06-03T03:05:00Z');
    expect(secondsOfDay('2021-06-03', at, '+08:00')).toBe(11 * 3600 + 300);
    expect(secondsOfDay('2021-06-02', at, '-05:00')).toBe(22 * 3600 + 300);
    expect(secondsOfDay('2021-06-03', Date.parse('2026-12-05T03:05:00Z'), '+08:00')).toBe(11 * 3600 + 300);
    expect(secondsOfDay('2021-06-03', Date.parse('2026-12-05T03:05:00Z'), '-05:00')).toBe(22 * 3600 + 300);
  });

  it('names plans, deadlines and the projection day in the configured local time', () => {
    const replan = { id: 'p', version: null, date: '2021-06-03', createdAt: '2021-06-03T03:05:00Z', basePlanId: 'p0' };
    expect(planLabel(replan, '+08:00')).toContain('11:05');
    expect(planLabel(replan, '-05:00')).toContain('22:05');
    // The browser's locale orders the fields (and may add AM/PM): the day of the month tells the offset.
    expect(formatInstant('2021-06-02T23:00:00Z', '+08:00')).toMatch(/^(?!.*\b02\b).*\b03\b/);
    expect(formatInstant('2021-06-02T23:00:00Z', '-05:00')).toMatch(/^(?!.*\b03\b).*\b02\b/);
    const zones = [{ updatedAt: '2021-06-02T17:00:00.000Z' }, { updatedAt: '2021-06-01T00:00:00.000Z' }];
    expect(projectionDate(null, zones, '+08:00')).toBe('2021-06-03');
    expect(projectionDate(null, zones, '-05:00')).toBe('2021-06-02');
    expect(projectionDate({ date: '2021-06-05' }, zones, '-05:00')).toBe('2021-06-05');
    expect(projectionDate(null, [], '+08:00')).toBeNull();
  });
});
