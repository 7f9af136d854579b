import type { Commodity, Depot } from '../../../server/contract';
import { formatNumber, h } from '../dom';
import { localName, t } from '../i18n';

/** The largest stock of each commodity over the depots: a bar's full width. */
export function stockScale(depots: readonly Depot[]): Map<string, number> {
  const scale = new Map<string, number>();
  for (const depot of depots) {
    for (const [id, kg] of Object.entries(depot.stockKg)) scale.set(id, Math.max(scale.get(id) ?? 0, kg));
  }
  return scale;
}

/** One bar per commodity the depot holds, scaled against the best-stocked depot. */
export function stockBars(depot: Depot, commodities: readonly Commodity[], scale: ReadonlyMap<string, number>): HTMLElement {
  const rows = commodities
    .filter((c) => (depot.stockKg[c.id] ?? 0) > 0)
    .map((c) => {
      const kg = depot.stockKg[c.id] ?? 0;
      const pct = Math.max(2, Math.round((kg / (scale.get(c.id) || 1)) * 100));
      return h('div', { class: 'stock-row', 'data-commodity': c.id },
        h('span', { class: 'stock-name' }, localName(c)),
        h('span', { class: 'stock-bar' }, h('span', { class: `stock-fill${c.coldChain ? ' cold' : ''}`, style: `width:${pct}%` })),
        h('span', { class: 'stock-kg' }, t('common.kg', { n: formatNumber(kg) })));
    });
  return h('div', { class: 'stock-bars' }, rows.length ? rows : h('em', null, t('depots.noStock')));
}

export function depotCard(depot: Depot, commodities: readonly Commodity[], scale: ReadonlyMap<string, number>): HTMLElement {
  return h('div', { class: 'depot-card', 'data-depot-id': depot.id },
    h('strong', null, localName(depot)),
    h('div', { class: 'muted' }, t('depots.hours', { from: depot.opensAt, to: depot.closesAt }),
      depot.districtId ? null : ` · ${t('depots.cityLevel')}`),
    stockBars(depot, commodities, scale));
}
