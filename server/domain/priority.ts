import type { SpecialNeeds, Tier } from '../contract';
import { DEFAULT_TIER_RULES, tierRuleFor, type TierRule } from './tiers';

export interface PriorityParams {
  /** How much a zone made only of special-needs residents outranks an ordinary one (1 → ×2). */
  specialNeedsBoost: number;
}

export const DEFAULT_PRIORITY_PARAMS: PriorityParams = { specialNeedsBoost: 1 };

export interface PriorityZone {
  tier: Tier;
  population: number;
  specialNeeds: SpecialNeeds;
}

/**
 * Allocation weight = tier priorityWeight × (1 + specialNeedsBoost × specialShare), where
 * specialShare = (elderlyAlone + infants + chronicPatients) / population, capped at 1.
 * People may be in several groups; the cap keeps double counting from running away.
 * An empty zone has share 0. With defaults a sealed zone with 12 % special needs weighs 1.5 × 1.12.
 */
export function allocationWeight(
  zone: PriorityZone,
  rules: readonly TierRule[] = DEFAULT_TIER_RULES,
  params: PriorityParams = DEFAULT_PRIORITY_PARAMS,
): number {
  const rule = tierRuleFor(zone.tier, rules);
  return rule.priorityWeight * (1 + params.specialNeedsBoost * specialNeedsShare(zone));
}

export function specialNeedsShare(zone: Pick<PriorityZone, 'population' | 'specialNeeds'>): number {
  if (!(zone.population > 0)) return 0;
  const { elderlyAlone, infants, chronicPatients } = zone.specialNeeds;
  const share = (elderlyAlone + infants + chronicPatients) / zone.population;
  return Math.min(1, Math.max(0, share));
}
