import { describe, expect, it } from 'vitest';
import { alertSeverity, LARGE_ZONE_POPULATION } from './alert-severity';

const small = { population: 800, specialNeeds: 0 };

describe('alertSeverity', () => {
  it('reads days of cover for a shortage', () => {
    expect(alertSeverity('low_cover', small, 0.2)).toBe('critical');
    expect(alertSeverity('low_cover', small, 0.7)).toBe('high');
    expect(alertSeverity('low_cover', small, 1.5)).toBe('medium');
  });

  it('raises supply alerts one step where more, or more vulnerable, people are at stake', () => {
    expect(alertSeverity('low_cover', { population: 800, specialNeeds: 3 }, 1.5)).toBe('high');
    expect(alertSeverity('missed_eta', { population: LARGE_ZONE_POPULATION, specialNeeds: 0 })).toBe('high');
    // Both at once still raise by one step only: severity is an order, not a score.
    expect(alertSeverity('missed_eta', { population: LARGE_ZONE_POPULATION, specialNeeds: 5 })).toBe('high');
    expect(alertSeverity('failed_handoff', { population: 800, specialNeeds: 1 })).toBe('critical');
  });

  it('leaves non-supply signals at their base', () => {
    expect(alertSeverity('playbook_overdue', { population: 20000, specialNeeds: 40 })).toBe('low');
    expect(alertSeverity('request_spike', { population: 20000, specialNeeds: 40 })).toBe('medium');
  });
});
