import type { ChannelKind, HandoffMode, Tier } from '../contract';

/** What a zone's control tier means for delivery. */
export interface TierRule {
  tier: Tier;
  nameZh: string;
  nameEn: string;
  handoffMode: HandoffMode;
  /** Time a van spends at one handoff point of the zone. */
  serviceS: number;
  /** Priority in the fair allocation: a higher weight is filled first when supply is short. */
  priorityWeight: number;
  /** Supply channel kinds the tier's residents may use; absent: derived from the handoff mode (channelKindsFor). */
  channelKinds?: readonly ChannelKind[];
  /** Days of cover the planned vans keep the tier's zones at, after every other channel; absent: DEFAULT_TARGET_COVER_DAYS (van-gap.ts). */
  targetCoverDays?: number;
}

/**
 * Defaults follow the 2021 Guangzhou notices: sealed zones stay indoors and goods go to the door
 * through zone staff (long stops); controlled zones collect at building gates in turns.
 */
export const DEFAULT_TIER_RULES: readonly TierRule[] = [
  { tier: 'sealed', nameZh: '封闭区', nameEn: 'Sealed', handoffMode: 'door', serviceS: 1800, priorityWeight: 1.5 },
  { tier: 'controlled', nameZh: '封控区', nameEn: 'Controlled', handoffMode: 'building_gate', serviceS: 1200, priorityWeight: 1.2 },
  { tier: 'precaution', nameZh: '防范区', nameEn: 'Precaution', handoffMode: 'compound_gate', serviceS: 600, priorityWeight: 1 },
];

export function tierRuleFor(tier: Tier, rules: readonly TierRule[] = DEFAULT_TIER_RULES): TierRule {
  const rule = rules.find((r) => r.tier === tier);
  if (!rule) throw new Error(`unknown tier "${tier}"; known: ${rules.map((r) => r.tier).join(', ')}`);
  return rule;
}

export function isKnownTier(tier: string, rules: readonly TierRule[] = DEFAULT_TIER_RULES): boolean {
  return rules.some((r) => r.tier === tier);
}

/**
 * Days of cover the vans keep a zone at, per tier (the tier configuration may set its own: TierRule
 * targetCoverDays). ASSUMPTION: 2 days for zones whose residents cannot go out to buy (a missed van the
 * next day still leaves a day), 1 day for precaution zones whose shops trade.
 */
export const DEFAULT_TARGET_COVER_DAYS: Readonly<Record<string, number>> = { sealed: 2, controlled: 2, precaution: 1 };

/** The days of cover the vans keep a tier's zones at (tier configuration, else the default for the tier, else 1). */
export function targetCoverDaysFor(tier: Tier, rules: readonly TierRule[] = DEFAULT_TIER_RULES): number {
  return tierRuleFor(tier, rules).targetCoverDays ?? DEFAULT_TARGET_COVER_DAYS[tier] ?? 1;
}

/**
 * Which channel kinds a tier's residents may use. Guangzhou 2021 defaults, by handoff mode: door delivery
 * (封闭区, residents stay indoors): only what comes to the door: the vans' handoff, platform and group orders
 * at the gate, donations; building gates (封控区, residents stay inside the area): also supply points inside
 * the area; compound gates (防范区): shops trade as usual too.
 */
export function channelKindsFor(tier: Tier, rules: readonly TierRule[] = DEFAULT_TIER_RULES): readonly ChannelKind[] {
  const rule = tierRuleFor(tier, rules);
  if (rule.channelKinds) return rule.channelKinds;
  const door: ChannelKind[] = ['mobile_van', 'platform', 'donation'];
  if (rule.handoffMode === 'door') return door;
  if (rule.handoffMode === 'building_gate') return [...door, 'supply_point'];
  return [...door, 'supply_point', 'store'];
}
