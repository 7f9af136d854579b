import type { ChannelKind, SupplyChannel } from '../contract';
import { addDays, dayBounds } from './local-time';
import { DEFAULT_HOUSEHOLD_STOCK_DAYS } from './household-stock';
import { CHANNEL_FILL_ORDER, channelActiveOn, channelDailyKg, channelServesTier, minutesOf } from './supply-channels';
import type { TierRule } from './tiers';

// Days of cover projected day by day: per zone × commodity, the food in the zone's homes at the end of each
// local day = max(0, stock at the start + what every channel brings − the day's need), and cover = that stock ÷
// the zone's daily need. Pure: the caller reads zones, channels and the plans' van deliveries.
//
// Rules (each a modelling choice, documented because the numbers depend on them):
// - A zone is followed from its sealing (sealedAt; a zone never sealed, or sealed before `from`, from the start of
//   `from`) to its lifting. At the sealing instant its homes hold the household stock (household-stock.ts).
// - On a day the zone is only partly under control (sealed or lifted that day) its need is the part of the day it
//   is; a lifted zone stops consuming, draws nothing more from any channel and its stock stays as it was.
// - Vans: the published plan's deliveries for the day come first, in full.
// - The other channels sell what residents buy: at most what brings the homes back to their usual stock
//   (household stock) by the end of the day. A channel's day capacity is shared among the zones it may serve
//   (zone listed, tier allowed by the channel and the tier rules, zone under control during its hours)
//   in proportion to each zone's need over those hours, water-filled: what a zone does not buy goes to the others.
// - Channels fill in CHANNEL_FILL_ORDER, then by id (deterministic).
// - Which channels a zone's residents may use on a day follows the tier in force at the end of that day
//   (tierHistory: a street eased from 封控区 to 防范区 at 00:00 shops that day, not on the days before).

export interface ProjectionZone {
  id: string;
  /** The tier now (and on every day the history does not cover). */
  tier: string;
  /** The zone's tiers over time, oldest first (instant each took effect); without it, `tier` counts for every day. */
  tierHistory?: readonly { tier: string; since: string }[];
  dailyNeedKg: Readonly<Record<string, number>>;
  sealedAt: string | null;
  liftedAt: string | null;
}

export interface ProjectionInput {
  /** First local day simulated (stock rolls forward from here). */
  from: string;
  /** Local days reported (consecutive, the last days of the simulation). */
  horizon: readonly string[];
  zones: readonly ProjectionZone[];
  commodityIds: readonly string[];
  channels: readonly SupplyChannel[];
  /** day → zoneId → commodityId → kg the vans bring (the plan in force that day). */
  vanKg: ReadonlyMap<string, ReadonlyMap<string, Readonly<Record<string, number>>>>;
  householdStockDays?: Readonly<Record<string, number>>;
  /** zoneId → commodityId → kg the homes hold at the start of `from` (a run carried on from an earlier one); else household stock at sealing. */
  startStockKg?: ReadonlyMap<string, Readonly<Record<string, number>>>;
  tierRules?: readonly TierRule[];
  utcOffset: string;
}

export interface ZoneCommodityProjection {
  /** End-of-day cover per horizon day; Infinity when the zone needs none of the commodity. */
  coverDays: number[];
  stockKg: number[];
  /** Need of each horizon day that nothing met (the homes were empty): what the residents went without. */
  unmetKg: number[];
  suppliedKgByChannel: Partial<Record<ChannelKind, number[]>>;
}

export type CoverProjectionResult = Map<string, Record<string, ZoneCommodityProjection>>;

const DAY_MS = 86_400_000;

/** Consecutive local days from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

/** Share `kg` among claims in proportion to weight, none above its cap; what a capped claim leaves goes to the others. */
export function waterFill(kg: number, claims: readonly { weight: number; cap: number }[]): number[] {
  const out = claims.map(() => 0);
  let left = kg;
  let open = claims.map((_, i) => i).filter((i) => claims[i]!.weight > 0 && claims[i]!.cap > 0);
  while (left > 1e-9 && open.length > 0) {
    const total = open.reduce((s, i) => s + claims[i]!.weight, 0);
    const full = open.filter((i) => (left * claims[i]!.weight) / total >= claims[i]!.cap - out[i]!);
    if (full.length === 0) {
      for (const i of open) out[i]! += (left * claims[i]!.weight) / total;
      break;
    }
    for (const i of full) { left -= claims[i]!.cap - out[i]!; out[i] = claims[i]!.cap; }
    open = open.filter((i) => !full.includes(i));
  }
  return out;
}

export function projectCover(input: ProjectionInput): CoverProjectionResult {
  const offset = input.utcOffset;
  const stockDays = input.householdStockDays ?? DEFAULT_HOUSEHOLD_STOCK_DAYS;
  const days = daysBetween(input.from, input.horizon[input.horizon.length - 1] ?? input.from);
  const [fromMs] = dayBounds(input.from, offset);
  const span = (z: ProjectionZone): [number, number] => [
    Math.max(fromMs, z.sealedAt ? Date.parse(z.sealedAt) : fromMs),
    z.liftedAt ? Date.parse(z.liftedAt) : Infinity,
  ];
  const overlap = (a0: number, a1: number, [b0, b1]: [number, number]): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  const channels = [...input.channels].sort((a, b) =>
    CHANNEL_FILL_ORDER.indexOf(a.kind) - CHANNEL_FILL_ORDER.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const result: CoverProjectionResult = new Map();
  const stock = new Map<string, Record<string, number>>();
  for (const z of input.zones) {
    const rec: Record<string, ZoneCommodityProjection> = {};
    for (const c of input.commodityIds) rec[c] = { coverDays: [], stockKg: [], unmetKg: [], suppliedKgByChannel: { mobile_van: input.horizon.map(() => 0) } };
    result.set(z.id, rec);
  }
  const horizonIndex = new Map(input.horizon.map((d, i) => [d, i]));

  for (const day of days) {
    const [d0, d1] = dayBounds(day, offset);
    const shown = horizonIndex.get(day);
    const part = new Map(input.zones.map((z) => [z.id, overlap(d0, d1, span(z)) / DAY_MS]));
    for (const z of input.zones) {
      // The sealing instant falls in this day: the homes hold their usual stock from then on.
      if (!stock.has(z.id) && span(z)[0] < d1 && part.get(z.id)! > 0) {
        const carried = input.startStockKg?.get(z.id);
        stock.set(z.id, Object.fromEntries(input.commodityIds.map((c) => [c, carried ? carried[c] ?? 0 : (z.dailyNeedKg[c] ?? 0) * (stockDays[c] ?? 0)])));
      }
    }
    for (const c of input.commodityIds) {
      const supplied = new Map<string, Partial<Record<ChannelKind, number>>>(input.zones.map((z) => [z.id, {}]));
      const level = new Map<string, number>();
      const want = new Map<string, number>();
      for (const z of input.zones) {
        const held = stock.get(z.id);
        if (!held || part.get(z.id)! <= 0) continue;
        const van = input.vanKg.get(day)?.get(z.id)?.[c] ?? 0;
        supplied.get(z.id)!.mobile_van = van;
        level.set(z.id, held[c]! + van);
        const need = (z.dailyNeedKg[c] ?? 0) * part.get(z.id)!;
        const usual = (z.dailyNeedKg[c] ?? 0) * (stockDays[c] ?? 0);
        want.set(z.id, Math.max(0, usual + need - held[c]! - van));
      }
      for (const ch of channels) {
        if (!channelActiveOn(ch, day)) continue;
        const kg = channelDailyKg(ch.capacity[c]);
        if (!(kg > 0)) continue;
        const open: [number, number] = [d0 + minutesOf(ch.opensAt) * 60_000, d0 + minutesOf(ch.closesAt) * 60_000];
        const hoursMs = open[1] - open[0];
        const served = input.zones.filter((z) => ch.zoneIds.includes(z.id) && want.has(z.id) && channelServesTier(ch, tierOn(z, d1), input.tierRules));
        // Each zone can buy only during the part of the opening hours it is under control.
        const within = served.map((z) => overlap(open[0], open[1], span(z)) / hoursMs);
        const usable = kg * Math.max(0, ...within);
        const got = waterFill(usable, served.map((z, i) => ({ weight: (z.dailyNeedKg[c] ?? 0) * within[i]!, cap: want.get(z.id)! })));
        served.forEach((z, i) => {
          const s = supplied.get(z.id)!;
          s[ch.kind] = (s[ch.kind] ?? 0) + got[i]!;
          want.set(z.id, want.get(z.id)! - got[i]!);
          level.set(z.id, level.get(z.id)! + got[i]!);
        });
      }
      for (const z of input.zones) {
        const held = stock.get(z.id);
        const daily = z.dailyNeedKg[c] ?? 0;
        let unmet = 0;
        if (held && level.has(z.id)) {
          const after = level.get(z.id)! - daily * part.get(z.id)!;
          held[c] = Math.max(0, after);
          unmet = Math.max(0, -after);
        }
        if (shown === undefined) continue;
        const out = result.get(z.id)![c]!;
        out.unmetKg.push(unmet);
        // Not yet sealed in the horizon: the homes hold their usual stock.
        const kg = held ? held[c]! : daily * (stockDays[c] ?? 0);
        out.stockKg.push(kg);
        out.coverDays.push(daily > 0 ? kg / daily : Infinity);
        const s = supplied.get(z.id)!;
        for (const kind of new Set<ChannelKind>(['mobile_van', ...(Object.keys(s) as ChannelKind[])])) {
          const series = (out.suppliedKgByChannel[kind] ??= input.horizon.map(() => 0));
          series[shown] = s[kind] ?? 0;
        }
      }
    }
  }
  return result;
}

/** The zone's tier in force at `atMs` (its latest change before then; its current tier without a history). */
export function tierOn(zone: Pick<ProjectionZone, 'tier' | 'tierHistory'>, atMs: number): string {
  let tier: string | undefined;
  for (const h of zone.tierHistory ?? []) if (Date.parse(h.since) < atMs) tier = h.tier;
  return tier ?? zone.tierHistory?.[0]?.tier ?? zone.tier;
}
