import type { ChannelCapacity, ChannelKind, SupplyChannel } from '../contract';
import { channelKindsFor, type TierRule } from './tiers';

// Rules about supply channels that do not need the projection: a day's capacity, open days and hours,
// and which zones may draw on a channel.

/** kg a channel offers of one commodity in a day: kgPerDay, else ordersPerDay × kgPerOrder, else 0. */
export function channelDailyKg(capacity: ChannelCapacity | undefined): number {
  if (!capacity) return 0;
  if (capacity.kgPerDay !== undefined) return capacity.kgPerDay;
  return (capacity.ordersPerDay ?? 0) * (capacity.kgPerOrder ?? 0);
}

/** Whether the channel trades on the local day (YYYY-MM-DD compare as strings). */
export function channelActiveOn(channel: Pick<SupplyChannel, 'activeFrom' | 'activeUntil'>, day: string): boolean {
  return channel.activeFrom <= day && (channel.activeUntil === null || day <= channel.activeUntil);
}

/** Minutes after local midnight of 'HH:MM'. */
export function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) throw new RangeError(`time must be HH:MM, got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The first problem with a channel's numbers, as [field, message], or null. Zod checks types; this checks sense. */
export function channelProblem(input: Pick<SupplyChannel, 'opensAt' | 'closesAt' | 'capacity' | 'activeFrom' | 'activeUntil'>): [string, string] | null {
  if (minutesOf(input.closesAt) <= minutesOf(input.opensAt)) {
    return ['body.closesAt', `closesAt ${input.closesAt} must be after opensAt ${input.opensAt}`];
  }
  for (const [c, cap] of Object.entries(input.capacity)) {
    for (const key of ['kgPerDay', 'ordersPerDay', 'kgPerOrder'] as const) {
      const v = cap[key];
      if (v !== undefined && !(Number.isFinite(v) && v >= 0)) return [`body.capacity.${c}.${key}`, `${key} of ${c} must be a number ≥ 0, got ${v}`];
    }
  }
  if (input.activeUntil !== null && input.activeUntil < input.activeFrom) {
    return ['body.activeUntil', `activeUntil ${input.activeUntil} is before activeFrom ${input.activeFrom}`];
  }
  return null;
}

/** Whether residents of a zone of this tier may use the channel: the tier rules and the channel's own tier list. */
export function channelServesTier(channel: Pick<SupplyChannel, 'kind' | 'tiers'>, tier: string, rules?: readonly TierRule[]): boolean {
  if (channel.tiers.length > 0 && !channel.tiers.includes(tier)) return false;
  return channelKindsFor(tier, rules).includes(channel.kind);
}

/**
 * The order channels fill a zone's gap once the planned vans' goods are counted: goods brought to the gate
 * first (platforms, donations, other mobile shops), then what residents walk to. The order only decides which
 * channel is credited when together they offer more than residents buy.
 */
export const CHANNEL_FILL_ORDER: readonly ChannelKind[] = ['mobile_van', 'platform', 'donation', 'supply_point', 'store'];
