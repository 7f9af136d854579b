import type { User } from '../../contract';
import type { DailyReport, DailyReportQuery } from '../../contract/playbook';
import { alertLevel } from '../../domain/alerts';
import { buildDailyReport, dayBounds, reportCsv } from '../../domain/daily-report';
import { DEFAULT_PLAYBOOK } from '../../domain/playbook';
import type { TierRule } from '../../domain/tiers';
import type { AlertThresholds } from '../../ops-config';
import { forbidden } from '../errors';
import type { Store } from '../ports';
import { listDistrict } from '../scope';

export interface ReportServiceDeps {
  store: Store;
  now: () => Date;
  utcOffset: string;
  thresholds: AlertThresholds;
  tierRules: readonly TierRule[];
}

/** Daily reports: officials get their district; the province-wide report is for coordinators. */
export function createReportService({ store, now, utcOffset, thresholds, tierRules }: ReportServiceDeps) {
  async function daily(actor: User, query: DailyReportQuery): Promise<DailyReport> {
    const districtId = listDistrict(actor, query.districtId) ?? null;
    if (districtId === null && actor.role !== 'coordinator') throw forbidden('only coordinators may read the province report');
    const bounds = dayBounds(query.date, utcOffset);
    const scope = districtId ? { districtId } : {};
    const [zones, delivered, requests, alerts, plans] = await Promise.all([
      store.zones.list(scope), store.deliveries.zoneDelivered(query.date), store.requests.list(scope), store.alerts.list(scope),
      store.plans.list({ status: 'published', date: query.date }),
    ]);
    // The plan residents lived by that day: the newest published one covering the scope (its district's or city-wide).
    const usable = plans.filter((p) => !districtId || p.districtId === null || p.districtId === districtId)
      .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
    const planCover = [] as Array<{ zoneId: string; daysOfCover: Record<string, number | null> }>;
    const seen = new Set<string>();
    for (const p of usable) {
      for (const z of (await store.plans.get(p.id))?.result?.zones ?? []) if (!seen.has(z.zoneId)) { seen.add(z.zoneId); planCover.push(z); }
    }
    // Sealed means a tier that starts the playbook of the zone's city (its template, or the defaults).
    const startTiers = new Map<string, readonly string[]>();
    for (const d of await store.districts.list()) {
      startTiers.set(d.id, (await store.playbook.getTemplate(d.city))?.startTiers ?? DEFAULT_PLAYBOOK.startTiers);
    }
    const districtOf = new Map(zones.map((z) => [z.id, z.districtId]));
    // An alert's colour: what it had reached by the end of the day, or when someone took it on.
    const cutoff = Math.min(bounds[1], now().getTime());
    return buildDailyReport({
      date: query.date, districtId, bounds, zones, isSealed: (z) => (startTiers.get(districtOf.get(z.id) ?? '') ?? DEFAULT_PLAYBOOK.startTiers).includes(z.tier), deliveredKg: delivered,
      planCover: usable.length ? planCover : null, requests,
      alerts: alerts.map((a) => {
        const until = Math.min(cutoff, ...[a.acknowledgedAt, a.closedAt].filter((x): x is string => !!x).map(Date.parse));
        return { raisedAt: a.raisedAt, level: alertLevel(Math.max(0, until - Date.parse(a.raisedAt)) / 1000, thresholds) };
      }),
    });
  }

  return {
    daily,
    async dailyCsv(actor: User, query: DailyReportQuery): Promise<string> {
      const report = await daily(actor, query);
      const [districts, commodities] = await Promise.all([store.districts.list(), store.commodities.list()]);
      const names = new Map([
        ...districts.map((d) => [d.id, d.name] as const), ...commodities.map((c) => [c.id, c.name] as const),
        ...tierRules.map((t) => [t.tier, t.nameZh] as const),
      ]);
      return reportCsv(report, names);
    },
  };
}
