// Days of cover of a replay day, over every channel: the homes' stock carried from the day before (a newly
// sealed street starts from its household stock), what each channel brought (the vans: what drivers handed
// off; the others: the server's channels as server/domain/cover-projection.ts shares them) minus the need.
// Pure: no I/O.
import type { ChannelKind, SupplyChannel, Zone } from '../../server/contract';
import { projectCover } from '../../server/domain/cover-projection';
import { instantOf } from '../../server/domain/local-time';

export interface StreetCover {
  /** End-of-day stock ÷ daily need per commodity (null: no need of it). */
  coverDays: Record<string, number | null>;
  /** kind → commodity → kg brought that day. */
  suppliedKgByChannel: Partial<Record<ChannelKind, Record<string, number>>>;
  /** End-of-day stock in the homes, per commodity. */
  stockKg: Record<string, number>;
  /** Commodities the street would have run out of that day had the vans not come (same start, no van). */
  outWithoutVans: string[];
}

export interface CoverDayInput {
  date: string;
  utcOffset: string;
  /** Streets under control that day (tier set), with their daily need. */
  zones: { zone: Zone; needKg: Record<string, number> }[];
  commodityIds: string[];
  channels: SupplyChannel[];
  /** zoneId → commodity → kg the drivers handed off that day. */
  vanKg: Map<string, Record<string, number>>;
  /** Stock carried from the end of the day before; a street missing here was not under control then. */
  carriedKg: Map<string, Record<string, number>>;
  householdStockDays: Record<string, number>;
}

function project(input: CoverDayInput, withVans: boolean) {
  const dayStart = new Date(instantOf(input.date, 0, input.utcOffset)).toISOString();
  return projectCover({
    from: input.date, horizon: [input.date], commodityIds: input.commodityIds, channels: input.channels,
    zones: input.zones.map(({ zone, needKg }) => ({ id: zone.id, tier: zone.tier, dailyNeedKg: needKg, sealedAt: dayStart, liftedAt: null })),
    vanKg: withVans ? new Map([[input.date, input.vanKg]]) : new Map(),
    startStockKg: input.carriedKg, householdStockDays: input.householdStockDays, utcOffset: input.utcOffset,
  });
}

export function coverOfDay(input: CoverDayInput): Map<string, StreetCover> {
  const withVans = project(input, true);
  const without = project(input, false);
  const out = new Map<string, StreetCover>();
  for (const { zone, needKg } of input.zones) {
    const cover: StreetCover = { coverDays: {}, suppliedKgByChannel: {}, stockKg: {}, outWithoutVans: [] };
    for (const c of input.commodityIds) {
      const p = withVans.get(zone.id)![c]!;
      const need = needKg[c] ?? 0;
      cover.stockKg[c] = p.stockKg[0]!;
      cover.coverDays[c] = need > 0 ? p.stockKg[0]! / need : null;
      for (const [kind, series] of Object.entries(p.suppliedKgByChannel)) {
        (cover.suppliedKgByChannel[kind as ChannelKind] ??= {})[c] = series[0] ?? 0;
      }
      if ((without.get(zone.id)![c]!.unmetKg[0] ?? 0) > 1e-6) cover.outWithoutVans.push(c);
    }
    out.set(zone.id, cover);
  }
  return out;
}

/** Per street, the kg the non-van channels brought per commodity when no van came (what they can do alone). */
export function otherChannelsByStreet(input: CoverDayInput): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const [zoneId, rec] of project(input, false)) {
    const kg: Record<string, number> = {};
    for (const [c, p] of Object.entries(rec)) {
      for (const [kind, series] of Object.entries(p.suppliedKgByChannel)) if (kind !== 'mobile_van') kg[c] = (kg[c] ?? 0) + (series[0] ?? 0);
    }
    out.set(zoneId, kg);
  }
  return out;
}
