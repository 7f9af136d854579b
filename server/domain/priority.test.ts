import { describe, expect, it } from 'vitest';
import { allocationWeight, specialNeedsShare } from './priority';
import type { TierRule } from './tiers';

const NONE = { elderlyAlone: 0, infants: 0, chronicPatients: 0 };

describe('allocationWeight', () => {
  it('is the tier weight when there are no special needs', () => {
    expect(allocationWeight({ tier: 'sealed', population: 1000, specialNeeds: NONE })).toBe(1.5);
    expect(allocationWeight({ tier: 'precaution', population: 1000, specialNeeds: NONE })).toBe(1);
  });

  it('rises with the special-needs share (documented: weight × (1 + boost × share))', () => {
    const zone = { tier: 'sealed', population: 1000, specialNeeds: { elderlyAlone: 30, infants: 10, chronicPatients: 80 } };
    expect(allocationWeight(zone)).toBeCloseTo(1.5 * 1.12);
    expect(allocationWeight(zone, undefined, { specialNeedsBoost: 2 })).toBeCloseTo(1.5 * 1.24);
  });

  it('caps the share at 1 and treats an empty zone as share 0', () => {
    expect(specialNeedsShare({ population: 10, specialNeeds: { elderlyAlone: 10, infants: 10, chronicPatients: 10 } })).toBe(1);
    expect(specialNeedsShare({ population: 0, specialNeeds: { ...NONE, infants: 3 } })).toBe(0);
  });

  it('uses configured tier rules and rejects unknown tiers', () => {
    const rules: TierRule[] = [{ tier: 'x', nameZh: 'x', nameEn: 'x', handoffMode: 'door', serviceS: 1, priorityWeight: 3 }];
    expect(allocationWeight({ tier: 'x', population: 1, specialNeeds: NONE }, rules)).toBe(3);
    expect(() => allocationWeight({ tier: 'nope', population: 1, specialNeeds: NONE })).toThrow(/unknown tier/);
  });
});
