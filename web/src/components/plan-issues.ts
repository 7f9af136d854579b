import type { PlanResult } from '../../../server/contract';
import { h } from '../dom';
import { getLang, localName, t, tOr } from '../i18n';
import type { PlanRefs } from '../plans/plan-refs';
import { planWhatIf } from './plan-what-if';

/** Text of a reason the server wrote in both languages. */
export function inLang(item: { zh: string; en: string }): string {
  return getLang() === 'en' ? item.en : item.zh;
}

/** Every shortfall with its reason, then the vans left out and the stocks that limit supply. */
export function planIssues(result: PlanResult, refs: PlanRefs): HTMLElement {
  const commodityName = (id: string | null): string => {
    const c = id ? refs.commodities.find((x) => x.id === id) : undefined;
    return c ? localName(c) : id ?? t('plans.allCommodities');
  };
  const rows = result.zones.flatMap((outcome) => outcome.shortfalls.map((s) => {
    const zone = refs.zones.get(outcome.zoneId);
    return h('tr', { 'data-testid': 'shortfall-row', 'data-zone-id': outcome.zoneId, 'data-code': s.code },
      h('td', null, zone ? localName(zone) : outcome.zoneId), h('td', null, commodityName(s.commodityId)),
      h('td', { class: 'reason' }, h('span', { class: 'reason-code', 'data-testid': 'reason-code' }, tOr(`reason.${s.code}`, s.code)), ' ', inLang(s)));
  }));
  const vehicleName = (id: string): string => refs.vehicles.get(id)?.name ?? id;
  const depotName = (id: string): string => { const d = refs.depots.get(id); return d ? localName(d) : id; };
  return h('div', { class: 'plan-issues' },
    h('h4', null, t('plans.shortfalls', { n: rows.length })),
    rows.length === 0 ? h('p', { class: 'muted' }, t('plans.noShortfalls')) : h('div', { class: 'table-wrap' },
      h('table', { class: 'zone-table', 'data-testid': 'shortfall-table' },
        h('thead', null, h('tr', null, h('th', null, t('plans.zone')), h('th', null, t('plans.commodity')), h('th', null, t('plans.reason')))),
        h('tbody', null, rows))),
    h('h4', null, t('plans.excluded')),
    result.excludedVehicles.length === 0 ? h('p', { class: 'muted' }, t('common.none')) : h('ul', { 'data-testid': 'excluded-list' },
      result.excludedVehicles.map((e) => h('li', { 'data-vehicle-id': e.vehicleId }, h('strong', null, vehicleName(e.vehicleId)), ' — ', inLang(e)))),
    h('h4', null, t('plans.supplyLimits')),
    result.supplyLimits.length === 0 ? h('p', { class: 'muted' }, t('common.none')) : h('ul', { 'data-testid': 'supply-limits' },
      result.supplyLimits.map((l) => h('li', null, h('strong', null, `${depotName(l.depotId)} · ${commodityName(l.commodityId)}`), ' — ', inLang(l)))),
    planWhatIf(result, refs));
}
