import type { PlanComparison } from '../../../server/contract';
import { formatNumber, h } from '../dom';
import { localName, t, tOr } from '../i18n';
import { formatKpi, KPI_KEYS, planLabel } from '../plans/plan-format';
import type { PlanRefs } from '../plans/plan-refs';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(0)}%`);

/** Two plans side by side: KPI deltas, stops added/removed per van, delivered per zone before/after. */
export function planCompare(cmp: PlanComparison, refs: PlanRefs, onClose: () => void): HTMLElement {
  const zoneName = (id: string): string => { const z = refs.zones.get(id); return z ? localName(z) : id; };
  const names = (ids: readonly string[]): string => (ids.length ? ids.map(zoneName).join('、') : '—');
  const kpiRows = KPI_KEYS.map((key) => {
    const d = cmp.kpis[key];
    const cls = d.delta === null || d.delta === 0 ? '' : d.delta > 0 ? 'up' : 'down';
    return h('tr', { 'data-testid': 'compare-kpi', 'data-kpi': key },
      h('td', null, tOr(`kpi.${key}`, key)), h('td', { class: 'num' }, formatKpi(key, d.before)),
      h('td', { class: 'num' }, formatKpi(key, d.after)), h('td', { class: `num delta ${cls}` }, formatKpi(key, d.delta, true)));
  });
  const vehicleRows = cmp.vehicles.map((v) => h('tr', { 'data-testid': 'compare-vehicle', 'data-vehicle-id': v.vehicleId },
    h('td', null, refs.vehicles.get(v.vehicleId)?.name ?? v.vehicleId),
    h('td', { class: 'added' }, names(v.added)), h('td', { class: 'removed' }, names(v.removed)),
    h('td', null, v.reordered ? '✓' : '')));
  const zoneRows = cmp.zones.map((z) => h('tr', { 'data-testid': 'compare-zone', 'data-zone-id': z.zoneId },
    h('td', null, zoneName(z.zoneId)),
    h('td', { class: 'num' }, formatNumber(Math.round(z.deliveredBeforeKg))), h('td', { class: 'num' }, formatNumber(Math.round(z.deliveredAfterKg))),
    h('td', { class: 'num' }, `${pct(z.fillRateBefore)} → ${pct(z.fillRateAfter)}`)));
  const table = (head: string[], rows: HTMLElement[], testId: string): HTMLElement => (rows.length === 0
    ? h('p', { class: 'muted', 'data-testid': `${testId}-none` }, t('compare.none'))
    : h('div', { class: 'table-wrap' }, h('table', { class: 'zone-table', 'data-testid': testId },
      h('thead', null, h('tr', null, head.map((x) => h('th', null, x)))), h('tbody', null, rows))));
  return h('div', { class: 'plan-compare', 'data-testid': 'plan-compare' },
    h('div', { class: 'plan-head' },
      h('h3', null, t('compare.title', { a: planLabel(cmp.before), b: planLabel(cmp.after) })),
      h('button', { type: 'button', 'data-testid': 'compare-close', onclick: onClose }, t('compare.close'))),
    h('h4', null, t('plans.kpis')),
    table(['', t('compare.before'), t('compare.after'), t('compare.delta')], kpiRows, 'compare-kpis'),
    h('h4', null, t('compare.vehicles')),
    table([t('plans.vehicle'), t('compare.added'), t('compare.removed'), t('compare.reordered')], vehicleRows, 'compare-vehicles'),
    h('h4', null, t('compare.zones')),
    table([t('plans.zone'), t('compare.before'), t('compare.after'), t('kpi.minFillRate')], zoneRows, 'compare-zones'));
}
