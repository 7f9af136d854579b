import { describe, expect, it } from 'vitest';
import { isDriverCleared } from './clearance';

describe('isDriverCleared', () => {
  it('treats a date as valid through that whole day', () => {
    expect(isDriverCleared('2021-06-03', '2021-06-03', '2021-06-03T10:00:00Z')).toBe(true);
    expect(isDriverCleared('2021-06-02', '2021-06-03', '2021-06-03T10:00:00Z')).toBe(false);
    expect(isDriverCleared('2021-07-01', '2021-06-03', '2021-06-03T10:00:00Z')).toBe(true);
  });

  it('refuses a check that lapses during the shift', () => {
    expect(isDriverCleared('2021-06-03T08:00:00Z', '2021-06-03', '2021-06-03T10:00:00Z')).toBe(false);
    expect(isDriverCleared('2021-06-03T10:00:00Z', '2021-06-03', '2021-06-03T10:00:00Z')).toBe(true);
  });

  it('refuses an unreadable date rather than trusting it', () => {
    expect(isDriverCleared('soon', '2021-06-03', '2021-06-03T10:00:00Z')).toBe(false);
  });
});
