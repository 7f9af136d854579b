import type { Tier, Zone } from '../../../server/contract';
import { getLang, tOr } from '../i18n';
import { configuredTierName } from './tier-names';

/**
 * The default tiers, strictest first (mirrors DEFAULT_TIERS in server/contract/base.ts, which the web may only
 * import types from). A deployment's own tiers show up as they appear in the zones.
 */
export const DEFAULT_TIER_ORDER: readonly Tier[] = ['sealed', 'controlled', 'precaution'];

export function tierRank(tier: Tier): number {
  const i = DEFAULT_TIER_ORDER.indexOf(tier);
  return i >= 0 ? i : DEFAULT_TIER_ORDER.length;
}

export function tierLabel(tier: Tier): string {
  return configuredTierName(tier, getLang()) ?? tOr(`tier.${tier}`, tier);
}

/** Every tier worth offering in a select: the defaults, then any others the zones use. */
export function tierChoices(zones: readonly Zone[]): Tier[] {
  const extra = [...new Set(zones.map((z) => z.tier))].filter((tier) => !DEFAULT_TIER_ORDER.includes(tier)).sort();
  return [...DEFAULT_TIER_ORDER, ...extra];
}
