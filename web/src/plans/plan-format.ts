import type { PlanKpis, PlanSummary, Zone, ZoneOutcome } from '../../../server/contract';
import { t } from '../i18n';
import { dayOf, timeOf } from '../local-time';

/** The local day (YYYY-MM-DD) of the latest sealing among the zones: the default plan date. */
export function latestSealedDate(zones: readonly Pick<Zone, 'sealedAt' | 'districtId'>[], districtId?: string, utcOffset?: string): string | null {
  let latest = -Infinity;
  for (const zone of zones) {
    if (!zone.sealedAt || (districtId && zone.districtId !== districtId)) continue;
    const ms = Date.parse(zone.sealedAt);
    if (Number.isFinite(ms) && ms > latest) latest = ms;
  }
  return latest === -Infinity ? null : dayOf(latest, utcOffset);
}

/** Seconds since local midnight as HH:MM (hours past 24 keep counting, as on a night shift). */
export function hhmm(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The worst commodity's days of cover per zone (zones that need nothing are left out). */
export function coverByZone(outcomes: readonly ZoneOutcome[]): Map<string, number> {
  const cover = new Map<string, number>();
  for (const outcome of outcomes) {
    const days = Object.values(outcome.daysOfCover).filter((d): d is number => d !== null && Number.isFinite(d));
    if (days.length > 0) cover.set(outcome.zoneId, Math.min(...days));
  }
  return cover;
}

export type KpiKey = Exclude<keyof PlanKpis, 'runtimeMs'>;
export const KPI_KEYS: readonly KpiKey[] = [
  'minFillRate', 'minDaysOfCover', 'distanceKm', 'vehiclesUsed', 'vanUtilisation', 'zonesShort',
  'allocationFillRate', 'deliveredKg', 'demandKg',
];
const PERCENT: ReadonlySet<KpiKey> = new Set(['minFillRate', 'allocationFillRate', 'vanUtilisation']);

/** One KPI as text: rates as percentages, kg and km rounded, days to one decimal. */
export function formatKpi(key: KpiKey, value: number | null, signed = false): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const sign = signed && value > 0 ? '+' : '';
  if (PERCENT.has(key)) return `${sign}${(value * 100).toFixed(1)}%`;
  if (key === 'minDaysOfCover') return `${sign}${value.toFixed(1)}`;
  if (key === 'distanceKm') return `${sign}${value.toFixed(1)}`;
  return `${sign}${new Intl.NumberFormat('zh-CN').format(Math.round(value))}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A local day (YYYY-MM-DD) as words: 6月3日 / 3 Jun. */
export function dayLabel(date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return t('plan.name.date', { m, d, mon: MONTHS_EN[m - 1] ?? String(m) });
}

/**
 * A plan's readable name, never its id: day, version (or draft and when it was made), and for a
 * replan when it was made — e.g. 6月3日 第2版 · 11:05 重排 / 3 Jun v2 · replanned 11:05.
 */
export function planLabel(plan: Pick<PlanSummary, 'id' | 'version' | 'date'> & Partial<Pick<PlanSummary, 'createdAt' | 'basePlanId'>>, utcOffset?: string): string {
  const day = dayLabel(plan.date);
  const made = plan.createdAt ? timeOf(plan.createdAt, utcOffset) : '';
  // A replan's draft is named by its replan time once, not twice.
  const which = plan.version !== null ? t('plan.name.version', { n: plan.version }) : t('plan.name.draft', { time: plan.basePlanId ? '' : made }).trim();
  const replan = plan.basePlanId && made ? ` · ${t('plan.name.replan', { time: made })}` : '';
  return `${day} ${which}${replan}`;
}

/** Distinct route colours, reused in turn when there are more vans. */
export const ROUTE_COLOURS = ['#1565c0', '#6a1b9a', '#00838f', '#d81b60', '#5d4037', '#283593', '#2e7d32', '#ef6c00', '#455a64', '#8e24aa'];

export function routeColour(index: number): string {
  return ROUTE_COLOURS[index % ROUTE_COLOURS.length]!;
}
