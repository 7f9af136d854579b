import { describe, expect, it } from 'vitest';
import { addDays, dayBounds, instantOf, isoOf, localDate, localHhmm, offsetMs, secondsIntoDay } from './local-time';

describe('local time', () => {
  it('reads offsets either side of UTC and refuses others', () => {
    expect(offsetMs('+08:00')).toBe(8 * 3_600_000);
    expect(offsetMs('-05:30')).toBe(-5.5 * 3_600_000);
    expect(() => offsetMs('8')).toThrow(RangeError);
  });

  it('puts an instant on its local day and time', () => {
    expect(localDate('2021-06-02T23:30:00Z', '+08:00')).toBe('2021-06-03');
    expect(localDate(Date.parse('2021-06-03T03:00:00Z'), '-05:00')).toBe('2021-06-02');
    expect(localHhmm(Date.parse('2021-06-02T23:30:00Z'), '+08:00')).toBe('07:30');
  });

  it('names the instants of a local day', () => {
    expect(isoOf('2021-06-03', 18 * 3600, '+08:00')).toBe('2021-06-03T10:00:00.000Z');
    expect(isoOf('2021-06-10', 86_399, '+08:00')).toBe(new Date('2021-06-10T23:59:59+08:00').toISOString());
    const [start, end] = dayBounds('2021-06-03', '+08:00');
    expect(new Date(start).toISOString()).toBe('2021-06-02T16:00:00.000Z');
    expect(end - start).toBe(86_400_000);
    expect(secondsIntoDay(instantOf('2021-06-03', 3600, '+08:00'), '2021-06-03', '+08:00')).toBe(3600);
    expect(secondsIntoDay(Date.parse('2021-06-02T15:00:00Z'), '2021-06-03', '+08:00')).toBe(-3600);
  });

  it('counts calendar days across month and year ends, either way', () => {
    expect(addDays('2021-05-31', 1)).toBe('2021-06-01');
    expect(addDays('2021-01-01', -1)).toBe('2020-12-31');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-06-03', 0)).toBe('2021-06-03');
  });
});
