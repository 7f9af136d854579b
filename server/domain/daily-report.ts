import type { AlertLevel } from '../contract/requests';
import type { DailyReport } from '../contract/playbook';
import { csvText } from '../contract/csv';
import { dayBounds } from './local-time';

export { csvCell } from '../contract/csv';
// Kept for the report's callers: the local day's bounds are local-time.ts's.
export { dayBounds };

// The daily summary (每日报表) per district or for the province: pure aggregation over records the
// service reads, and its CSV form. Instants are compared as milliseconds; the day is a local day.


export interface ReportZone {
  id: string;
  tier: string;
  status: 'active' | 'lifted';
  population: number;
  sealedAt: string | null;
  liftedAt: string | null;
}

export interface ReportInput {
  date: string;
  districtId: string | null;
  bounds: [number, number];
  zones: readonly ReportZone[];
  /** Zones counted as sealed (封控): those in a tier that starts their city's playbook. */
  isSealed: (zone: ReportZone) => boolean;
  /** zoneId → commodityId → kg delivered that day. */
  deliveredKg: ReadonlyMap<string, Record<string, number>>;
  /** The day's newest published plan's zones (null: none published). */
  planCover: ReadonlyArray<{ zoneId: string; daysOfCover: Record<string, number | null> }> | null;
  requests: ReadonlyArray<{ createdAt: string; updatedAt: string; status: string }>;
  alerts: ReadonlyArray<{ raisedAt: string; level: AlertLevel }>;
}

const inDay = (iso: string, [s, e]: [number, number]) => {
  const t = Date.parse(iso);
  return t >= s && t < e;
};

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** A zone is in effect on a day if it was sealed before the day ended and not lifted before it began. */
function inEffect(z: ReportZone, [s, e]: [number, number]): boolean {
  if (z.sealedAt && Date.parse(z.sealedAt) >= e) return false;
  if (z.liftedAt && Date.parse(z.liftedAt) < s) return false;
  return z.status === 'active' || z.liftedAt !== null;
}

export function buildDailyReport(input: ReportInput): DailyReport {
  const zones = input.zones.filter((z) => inEffect(z, input.bounds));
  const ids = new Set(input.zones.map((z) => z.id));
  const zonesByTier: Record<string, number> = {};
  for (const z of zones) zonesByTier[z.tier] = (zonesByTier[z.tier] ?? 0) + 1;

  const kg: Record<string, number> = {};
  for (const [zoneId, byCommodity] of input.deliveredKg) {
    if (!ids.has(zoneId)) continue;
    for (const [c, q] of Object.entries(byCommodity)) kg[c] = (kg[c] ?? 0) + q;
  }
  const tonnesDelivered = Object.fromEntries(Object.entries(kg).sort(([a], [b]) => a.localeCompare(b)).map(([c, q]) => [c, Math.round(q) / 1000]));

  let minDaysOfCover: Record<string, number> | null = null;
  if (input.planCover) {
    minDaysOfCover = {};
    for (const z of input.planCover) {
      if (!ids.has(z.zoneId)) continue;
      for (const [c, d] of Object.entries(z.daysOfCover)) if (d !== null) minDaysOfCover[c] = Math.min(minDaysOfCover[c] ?? Infinity, d);
    }
  }

  const resolved = input.requests.filter((r) => r.status === 'resolved' && inDay(r.updatedAt, input.bounds));
  const alertsByColour = { yellow: 0, orange: 0, red: 0 };
  for (const a of input.alerts) if (inDay(a.raisedAt, input.bounds)) alertsByColour[a.level] += 1;

  return {
    date: input.date,
    districtId: input.districtId,
    zonesSealed: zones.filter(input.isSealed).length,
    zonesByTier,
    peopleCovered: zones.reduce((n, z) => n + z.population, 0),
    tonnesDelivered,
    minDaysOfCover,
    requestsReceived: input.requests.filter((r) => inDay(r.createdAt, input.bounds)).length,
    requestsResolved: resolved.length,
    medianResolveS: median(resolved.map((r) => (Date.parse(r.updatedAt) - Date.parse(r.createdAt)) / 1000)),
    alertsByColour,
  };
}

/** The report as CSV: UTF-8 with a BOM so Excel reads the Chinese, CRLF line ends, one metric a row. */
export function reportCsv(r: DailyReport, names: ReadonlyMap<string, string> = new Map()): string {
  const name = (id: string) => names.get(id) ?? id;
  const rows: Array<[string, string, string | number | null]> = [
    ['日期 date', '', r.date],
    ['范围 scope', '', r.districtId === null ? '全省 province' : name(r.districtId)],
    ['启动保供预案的小区 zones_sealed', '', r.zonesSealed],
    ...Object.entries(r.zonesByTier).map(([t, n]): [string, string, number] => ['分级小区 zones_by_tier', name(t), n]),
    ['覆盖人口 people_covered', '', r.peopleCovered],
    ...Object.entries(r.tonnesDelivered).map(([c, t]): [string, string, number] => ['配送吨数 tonnes_delivered', name(c), t]),
    ...Object.entries(r.minDaysOfCover ?? {}).map(([c, d]): [string, string, number] => ['最低保障天数 min_days_of_cover', name(c), Math.round(d * 10) / 10]),
    ['收到诉求 requests_received', '', r.requestsReceived],
    ['办结诉求 requests_resolved', '', r.requestsResolved],
    ['办结用时中位数(小时) median_resolve_h', '', r.medianResolveS === null ? null : Math.round(r.medianResolveS / 360) / 10],
    ['预警 alerts', '黄 yellow', r.alertsByColour.yellow],
    ['预警 alerts', '橙 orange', r.alertsByColour.orange],
    ['预警 alerts', '红 red', r.alertsByColour.red],
  ];
  return csvText([['指标 metric', '项目 item', '数值 value'], ...rows]);
}
