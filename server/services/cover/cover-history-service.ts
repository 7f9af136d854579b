import type { CoverHistory, User } from '../../contract';
import { coverHistory, dayWindow } from '../../domain/cover-history';
import { zoneDailyDemandKg } from '../../domain/demand';
import { localDate } from '../../domain/local-time';
import { notFound } from '../errors';
import type { Store } from '../ports';
import { canReadDistrict } from '../scope';

const DEFAULT_DAYS = 7;
type ByZone = Map<string, Record<string, number>>;

/** Cover over the last days for one district (see server/domain/cover-history.ts for what the numbers mean). */
export function createCoverHistoryService(store: Store, now: () => Date, utcOffset: string) {
  const today = (): string => localDate(now(), utcOffset);

  return {
    async get(actor: User, districtId: string, query: { days?: number; until?: string }): Promise<CoverHistory> {
      const district = await store.districts.get(districtId);
      if (!district || !canReadDistrict(actor, districtId)) throw notFound('district', districtId);
      const [zones, commodities] = await Promise.all([store.zones.list({ districtId, status: 'active' }), store.commodities.list()]);
      // Plans in force: published (or published then superseded) for this district or the whole city.
      const plans = (await Promise.all([store.plans.list({ status: 'published' }), store.plans.list({ status: 'superseded' })])).flat()
        .filter((p) => p.publishedAt && (p.districtId === null || p.districtId === districtId));
      // Without `until`, end at the latest day with a plan (the demo scenarios are in 2021), else today.
      const until = query.until ?? plans.map((p) => p.date).sort().at(-1) ?? today();
      const days = dayWindow(until, query.days ?? DEFAULT_DAYS);
      const planned = new Map<string, ByZone>();
      const delivered = new Map<string, ByZone>();
      for (const day of days) {
        const inForce = plans.filter((p) => p.date === day).sort((a, b) => (a.publishedAt! < b.publishedAt! ? 1 : -1))[0];
        const result = inForce ? (await store.plans.get(inForce.id))?.result : null;
        if (result) planned.set(day, new Map(result.zones.map((z) => [z.zoneId, z.deliveredKg])));
        const handed = await store.deliveries.zoneDelivered(day);
        if (handed.size > 0) delivered.set(day, handed);
      }
      const series = coverHistory({
        days, commodityIds: commodities.map((c) => c.id), planned, delivered,
        dailyNeedKg: new Map(zones.map((z) => [z.id, zoneDailyDemandKg(z, commodities)])),
      });
      return { districtId, days, commodities: series };
    },
  };
}
