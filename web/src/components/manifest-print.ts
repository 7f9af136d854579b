import type { Plan, PlannedRoute } from '../../../server/contract';
import { formatNumber, h } from '../dom';
import { t } from '../i18n';
import { manifestCommodities, manifestRows } from '../plans/manifest';
import { planLabel } from '../plans/plan-format';
import type { PlanRefs } from '../plans/plan-refs';

/**
 * A van's manifest as a printable sheet over the page: print CSS hides everything else
 * (body.printing), Print calls window.print(), Close removes the sheet.
 */
export function openManifestSheet(plan: Plan, route: PlannedRoute, refs: PlanRefs): HTMLElement {
  document.querySelector('.print-sheet')?.remove();
  const rows = manifestRows(route, refs);
  const commodities = manifestCommodities(rows, refs);
  const vehicle = refs.vehicles.get(route.vehicleId);
  const close = (): void => { sheet.remove(); document.body.classList.remove('printing'); };
  const sheet = h('div', { class: 'print-sheet', 'data-testid': 'manifest-sheet', role: 'dialog' },
    h('div', { class: 'print-actions no-print' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'manifest-print', onclick: () => window.print() }, t('manifest.print')),
      h('button', { type: 'button', 'data-testid': 'manifest-close', onclick: close }, t('manifest.close'))),
    h('h1', null, t('manifest.title', { vehicle: vehicle?.name ?? route.vehicleId })),
    h('p', null, t('manifest.sub', { plan: planLabel(plan), driver: route.driverId ?? '—' })),
    h('table', { class: 'manifest-table', 'data-testid': 'manifest-table' },
      h('thead', null, h('tr', null,
        h('th', null, t('manifest.trip')), h('th', null, t('manifest.order')), h('th', null, t('plans.zone')),
        h('th', null, t('manifest.handoff')), h('th', null, t('manifest.arrival')),
        commodities.map((c) => h('th', { class: 'num' }, `${c.label} (kg)`)), h('th', null, t('manifest.signature')))),
      h('tbody', null, rows.map((r) => h('tr', { 'data-testid': 'manifest-row' },
        h('td', null, r.trip), h('td', null, r.order), h('td', null, r.zone), h('td', null, r.handoff), h('td', null, r.arrival),
        commodities.map((c) => h('td', { class: 'num' }, formatNumber(Math.round(r.quantitiesKg[c.id] ?? 0)))),
        h('td', { class: 'sign' }))))));
  document.body.classList.add('printing');
  document.body.appendChild(sheet);
  return sheet;
}
