import type { CoverProjection, CoverQuery, User, ZoneCommodityCover } from '../../contract';
import { coverForJson } from '../../domain/cover';
import { daysBetween, projectCover, type ProjectionZone } from '../../domain/cover-projection';
import { dayBounds } from '../../domain/local-time';
import { zoneDailyDemandKg } from '../../domain/demand';
import { DEFAULT_HOUSEHOLD_STOCK_DAYS } from '../../domain/household-stock';
import type { TierRule } from '../../domain/tiers';
import type { Store } from '../ports';
import { listDistrict } from '../scope';

/** The stock is rolled forward from the zones' sealing, but from no earlier than this many days before the date. */
export const COVER_LOOKBACK_DAYS = 14;
const DAY_MS = 86_400_000;

export interface CoverServiceDeps {
  store: Store;
  tierRules: readonly TierRule[];
  utcOffset: string;
  horizonDays: number;
}

type ByZone = Map<string, Record<string, number>>;

export interface ProjectionQuery {
  date: string;
  horizonDays: number;
  districtId: string | undefined;
  /** Leave out the vans from this local day on (the plan being made fills the gap the rest leaves). */
  vansUntil?: string;
}

/** The zones followed on a date and their projection (server/domain/cover-projection.ts says how). */
export async function projectZones({ store, tierRules, utcOffset }: Omit<CoverServiceDeps, 'horizonDays'>, query: ProjectionQuery) {
  const shift = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
  const localDay = (iso: string): string => {
    const [start] = dayBounds('1970-01-01', utcOffset);
    return new Date(Date.parse(iso) - start).toISOString().slice(0, 10);
  };
  const { districtId } = query;
  const horizon = daysBetween(query.date, shift(query.date, query.horizonDays - 1));
  const [dateStart] = dayBounds(query.date, utcOffset);
  const [all, commodities, channels, stored] = await Promise.all([
    store.zones.list({ districtId }), store.commodities.list(), store.supplyChannels.list({ districtId }), store.householdStock.get(),
  ]);
  // Zones lifted before the date are not followed; a zone never sealed is followed from the date.
  const zones = all.filter((z) => z.status === 'active' || (z.liftedAt !== null && Date.parse(z.liftedAt) > dateStart));
  const earliest = shift(query.date, -COVER_LOOKBACK_DAYS);
  // An active zone whose recorded sealing is after the date (a replay or a backdated query) is followed from the date.
  const [, dateEnd] = dayBounds(query.date, utcOffset);
  const sealedAtOf = (z: (typeof zones)[number]): string =>
    (z.sealedAt && Date.parse(z.sealedAt) < dateEnd ? z.sealedAt : new Date(dateStart).toISOString());
  const from = zones.map((z) => localDay(sealedAtOf(z))).reduce((a, b) => (b < a ? b : a), query.date);
  const start = from < earliest ? earliest : from;
  const dailyNeedKg = new Map(zones.map((z) => [z.id, zoneDailyDemandKg(z, commodities)]));
  const tiers = await store.zones.tierHistory(zones.map((z) => z.id));
  const projectionZones: ProjectionZone[] = zones.map((z) => ({
    id: z.id, tier: z.tier, tierHistory: tiers.get(z.id), dailyNeedKg: dailyNeedKg.get(z.id)!,
    sealedAt: sealedAtOf(z), liftedAt: z.status === 'lifted' ? z.liftedAt : null,
  }));
  const commodityIds = commodities.map((c) => c.id);
  const vanDays = daysBetween(start, horizon.at(-1)!).filter((d) => query.vansUntil === undefined || d < query.vansUntil);
  const householdStockDays = { ...DEFAULT_HOUSEHOLD_STOCK_DAYS, ...stored };
  const projection = projectCover({
    from: start, horizon, zones: projectionZones, commodityIds, channels,
    vanKg: await vanDeliveries(store, vanDays, districtId),
    householdStockDays, tierRules, utcOffset,
  });
  return { zones, commodityIds, dailyNeedKg, householdStockDays, projection };
}

/** Per day, the van deliveries of the plan in force that day (the latest published, or published then superseded). */
async function vanDeliveries(store: Store, days: readonly string[], districtId: string | undefined): Promise<Map<string, ByZone>> {
  const plans = (await Promise.all([store.plans.list({ status: 'published' }), store.plans.list({ status: 'superseded' })])).flat()
    .filter((p) => p.publishedAt && days.includes(p.date) && (districtId === undefined || p.districtId === null || p.districtId === districtId))
    .sort((a, b) => (a.publishedAt! < b.publishedAt! ? -1 : 1));
  const out = new Map<string, ByZone>();
  // Later publishes overwrite earlier ones zone by zone (a district's plan replaces the city's for its zones).
  for (const summary of plans) {
    const result = (await store.plans.get(summary.id))?.result;
    if (!result) continue;
    const byZone = out.get(summary.date) ?? new Map<string, Record<string, number>>();
    for (const z of result.zones) byZone.set(z.zoneId, z.deliveredKg);
    out.set(summary.date, byZone);
  }
  return out;
}

/** Days of cover per zone × commodity × day over a horizon (server/domain/cover-projection.ts says how). */
export function createCoverService({ store, tierRules, utcOffset, horizonDays }: CoverServiceDeps) {
  return {
    async get(actor: User, query: CoverQuery): Promise<CoverProjection> {
      const districtId = listDistrict(actor, query.districtId);
      const { zones, commodityIds, projection } = await projectZones({ store, tierRules, utcOffset }, { date: query.date, horizonDays: query.horizonDays ?? horizonDays, districtId });
      return {
        zones: zones.map((z) => {
          const rec = projection.get(z.id)!;
          const out: Record<string, ZoneCommodityCover> = {};
          for (const c of commodityIds) {
            const p = rec[c]!;
            const kg: ZoneCommodityCover['suppliedKgByChannel'] = {};
            for (const [kind, series] of Object.entries(p.suppliedKgByChannel)) kg[kind as keyof typeof kg] = series.map((x) => Math.round(x * 10) / 10);
            out[c] = { coverDays: p.coverDays.map((d) => { const v = coverForJson(d); return v === null ? null : Math.round(v * 100) / 100; }), suppliedKgByChannel: kg };
          }
          return { zoneId: z.id, commodities: out };
        }),
      };
    },
  };
}
