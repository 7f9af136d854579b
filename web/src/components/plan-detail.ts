import type { Plan, PlannedRoute } from '../../../server/contract';
import { h } from '../dom';
import { t, tOr } from '../i18n';
import { downloadText } from '../plans/download';
import { manifestCsv, manifestRows } from '../plans/manifest';
import { formatKpi, KPI_KEYS, planLabel, routeColour } from '../plans/plan-format';
import { planGeoJson } from '../plans/plan-geojson';
import type { PlanRefs } from '../plans/plan-refs';
import { openManifestSheet } from './manifest-print';
import { planIssues } from './plan-issues';

export interface PlanDetailOptions {
  onPublish(plan: Plan): void;
}

function kpiGrid(plan: Plan): HTMLElement {
  const kpis = plan.kpis;
  return h('dl', { class: 'kpi-grid', 'data-testid': 'plan-kpis' }, KPI_KEYS.slice(0, 6).map((key) =>
    h('div', { class: 'kpi', 'data-testid': `kpi-${key}` },
      h('dt', null, tOr(`kpi.${key}`, key)), h('dd', null, formatKpi(key, kpis ? kpis[key] : null)))));
}

function routesTable(plan: Plan, refs: PlanRefs): HTMLElement {
  const routes = plan.result?.routes ?? [];
  const file = (route: PlannedRoute): string => `manifest-${plan.date}-${route.vehicleId}.csv`;
  return h('div', { class: 'table-wrap' },
    h('h4', null, t('plans.routes', { n: routes.length })),
    h('table', { class: 'zone-table', 'data-testid': 'route-table' },
      h('thead', null, h('tr', null, h('th', null, t('plans.vehicle')), h('th', { class: 'num' }, t('plans.stops')),
        h('th', { class: 'num' }, t('plans.distance')), h('th', null, t('plans.export')))),
      h('tbody', null, routes.map((route, i) => h('tr', { 'data-testid': 'route-row', 'data-vehicle-id': route.vehicleId },
        h('td', null, h('span', { class: 'tier-badge', style: `background:${routeColour(i)}` }), refs.vehicles.get(route.vehicleId)?.name ?? route.vehicleId),
        h('td', { class: 'num' }, route.trips.reduce((n, trip) => n + trip.stops.length, 0)),
        h('td', { class: 'num' }, `${(route.distanceM / 1000).toFixed(1)} km`),
        h('td', { class: 'row-actions' },
          h('button', {
            type: 'button', 'data-testid': 'manifest-csv',
            onclick: () => downloadText(file(route), manifestCsv(manifestRows(route, refs), refs), 'text/csv;charset=utf-8'),
          }, t('plans.csv')),
          h('button', { type: 'button', 'data-testid': 'manifest-open', onclick: () => openManifestSheet(plan, route, refs) }, t('plans.print'))))))));
}

/** One plan: status, publish, KPIs, routes with manifest exports, shortfalls and limits. */
export function planDetail(plan: Plan, refs: PlanRefs, options: PlanDetailOptions): HTMLElement {
  const head = h('div', { class: 'plan-head' },
    h('h3', null, planLabel(plan), ' ', h('span', { class: `plan-status status-${plan.status}`, 'data-testid': 'plan-status' }, tOr(`plan.status.${plan.status}`, plan.status))),
    h('div', { class: 'actions' },
      plan.status === 'draft' ? h('button', { type: 'button', class: 'primary', 'data-testid': 'plan-publish', onclick: () => options.onPublish(plan) }, t('plans.publish')) : null,
      plan.result ? h('button', {
        type: 'button', 'data-testid': 'plan-geojson',
        onclick: () => downloadText(`plan-${plan.date}-${plan.id.slice(0, 8)}.geojson`, JSON.stringify(planGeoJson(plan, refs)), 'application/geo+json'),
      }, t('plans.geojson')) : null));
  if (plan.status === 'failed') return h('div', { class: 'plan-detail', 'data-testid': 'plan-detail', 'data-plan-id': plan.id }, head, h('p', { class: 'message message-error' }, t('plans.failed', { error: plan.error ?? '' })));
  return h('div', { class: 'plan-detail', 'data-testid': 'plan-detail', 'data-plan-id': plan.id, 'data-status': plan.status },
    head, kpiGrid(plan), plan.result ? routesTable(plan, refs) : null, plan.result ? planIssues(plan.result, refs) : null);
}
