import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_RULES, isKnownTier, tierRuleFor, type TierRule } from './tiers';

describe('tierRuleFor', () => {
  it('maps each default tier to its handoff mode and service time', () => {
    expect(tierRuleFor('sealed')).toMatchObject({ handoffMode: 'door', serviceS: 1800 });
    expect(tierRuleFor('controlled')).toMatchObject({ handoffMode: 'building_gate', serviceS: 1200 });
    expect(tierRuleFor('precaution')).toMatchObject({ handoffMode: 'compound_gate', serviceS: 600 });
  });

  it('ranks stricter tiers higher in the allocation', () => {
    const w = (t: string): number => tierRuleFor(t).priorityWeight;
    expect(w('sealed')).toBeGreaterThan(w('controlled'));
    expect(w('controlled')).toBeGreaterThan(w('precaution'));
  });

  it('names the unknown tier and the known ones in its error', () => {
    expect(() => tierRuleFor('lockdown')).toThrow(/unknown tier "lockdown"; known: sealed, controlled, precaution/);
  });

  it('uses a configured rule set instead of the defaults', () => {
    const rules: TierRule[] = [
      { tier: 'high_risk', nameZh: '高风险区', nameEn: 'High risk', handoffMode: 'door', serviceS: 2400, priorityWeight: 2 },
    ];
    expect(tierRuleFor('high_risk', rules).serviceS).toBe(2400);
    expect(() => tierRuleFor('sealed', rules)).toThrow(/unknown tier/);
    expect(isKnownTier('high_risk', rules)).toBe(true);
    expect(isKnownTier('sealed', rules)).toBe(false);
  });

  it('knows every default tier and has unique tier names', () => {
    for (const r of DEFAULT_TIER_RULES) expect(isKnownTier(r.tier)).toBe(true);
    expect(new Set(DEFAULT_TIER_RULES.map((r) => r.tier)).size).toBe(DEFAULT_TIER_RULES.length);
  });
});
