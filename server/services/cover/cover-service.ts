import type { CoverProjection, CoverQuery, PlanResult, User, ZoneCommodityCover } from '../../contract';
import { coverForJson } from '../../domain/cover';
import { daysBetween, projectCover, type ProjectionZone } from '../../domain/cover-projection';
import { addDays, dayBounds, localDate } from '../../domain/local-time';
import { zoneDailyDemandKg } from '../../domain/demand';
import { DEFAULT_HOUSEHOLD_STOCK_DAYS } from '../../domain/household-stock';
import type { TierRule } from '../../domain/tiers';
import type { Store } from '../ports';
import { listDistrict } from '../scope';

/**
 * The stock is rolled forward from the zones' sealing, but from no earlier than this many days before the date.
 * Long enough for a whole lockdown (Liwan 2021: 26 days): a shorter window restarted long-sealed streets from a
 * full pantry, so the vans' gap (van-gaps.ts) missed streets the channels had left empty (full replay, 18–19 June).
 */
export const COVER_LOOKBACK_DAYS = 60;

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
  const localDay = (iso: string): string => localDate(iso, utcOffset);
  const { districtId } = query;
  const horizon = daysBetween(query.date, addDays(query.date, query.horizonDays - 1));
  const [dateStart] = dayBounds(query.date, utcOffset);
  const [all, commodities, channels, stored] = await Promise.all([
    store.zones.list({ districtId }), store.commodities.list(), store.supplyChannels.list({ districtId }), store.householdStock.get(),
  ]);
  // Zones lifted before the date are not followed; a zone never sealed is followed from the date.
  const zones = all.filter((z) => z.status === 'active' || (z.liftedAt !== null && Date.parse(z.liftedAt) > dateStart));
  const earliest = addDays(query.date, -COVER_LOOKBACK_DAYS);
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

/**
 * Per day, what the vans bring each zone, by one rule for past, running and future days: what drivers recorded as
 * handed off that day, plus the goods still due on the stops of the plan in force for the zone (the latest
 * published for the day; a district's plan replaces the city's for its zones) that are neither done, delivered
 * nor failed. A day whose vans have all come back counts exactly what was handed off (as the replay does); a
 * published plan nobody has driven yet counts as planned (the demo).
 */
async function vanDeliveries(store: Store, days: readonly string[], districtId: string | undefined): Promise<Map<string, ByZone>> {
  const plans = (await Promise.all([store.plans.list({ status: 'published' }), store.plans.list({ status: 'superseded' })])).flat()
    .filter((p) => p.publishedAt && days.includes(p.date) && (districtId === undefined || p.districtId === null || p.districtId === districtId))
    .sort((a, b) => (a.publishedAt! < b.publishedAt! ? -1 : 1));
  const out = new Map<string, ByZone>();
  for (const day of new Set(plans.map((p) => p.date))) {
    const inForce = new Map<string, string>();
    const results = new Map<string, PlanResult>();
    for (const summary of plans.filter((p) => p.date === day)) {
      const result = (await store.plans.get(summary.id))?.result;
      if (!result) continue;
      results.set(summary.id, result);
      for (const z of result.zones) inForce.set(z.zoneId, summary.id);
      for (const r of result.routes) for (const t of r.trips) for (const stop of t.stops) inForce.set(stop.zoneId, summary.id);
    }
    const byZone: ByZone = new Map();
    const add = (zoneId: string, kg: Readonly<Record<string, number>>) => {
      const into = byZone.get(zoneId) ?? {};
      for (const [c, q] of Object.entries(kg)) into[c] = (into[c] ?? 0) + q;
      byZone.set(zoneId, into);
    };
    for (const [zoneId, kg] of await store.deliveries.zoneDelivered(day)) add(zoneId, kg);
    for (const planId of new Set(inForce.values())) {
      const settled = new Set((await store.deliveries.stopProgress(planId)).filter((p) => p.status === 'delivered' || p.status === 'failed')
        .map((p) => `${p.vehicleId}/${p.tripIndex}/${p.stopIndex}`));
      for (const route of results.get(planId)!.routes) {
        route.trips.forEach((trip, t) => trip.stops.forEach((stop, i) => {
          if (inForce.get(stop.zoneId) !== planId || stop.done || settled.has(`${route.vehicleId}/${t}/${i}`)) return;
          add(stop.zoneId, stop.quantitiesKg);
        }));
      }
    }
    out.set(day, byZone);
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
