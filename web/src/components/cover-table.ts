import type { Commodity, Zone } from '../../../server/contract';
import { h } from '../dom';
import { localName, t } from '../i18n';
import { colourFor } from '../zones/colour';
import { tierLabel } from '../zones/tiers';

/** Days that fill a bar: four days and more is the top cover band. */
const FULL_DAYS = 4;

function coverBars(perCommodity: Readonly<Record<string, number | null>> | undefined, commodities: readonly Commodity[]): HTMLElement {
  const rows = commodities.flatMap((c) => {
    const days = perCommodity?.[c.id];
    if (days === undefined || days === null) return [];
    const pct = Math.max(2, Math.min(100, Math.round((days / FULL_DAYS) * 100)));
    return [h('div', { class: 'cover-bar', 'data-commodity': c.id },
      h('span', null, localName(c)),
      h('span', { class: 'stock-bar' }, h('span', { class: 'stock-fill', style: `width:${pct}%;background:${colourFor({ tier: '', status: 'active' }, days)}` })),
      h('span', { class: 'num' }, days.toFixed(1)))];
  });
  return h('div', { class: 'cover-bars' }, rows);
}

export interface CoverTableOptions {
  selectedId: string | null;
  onSelect(id: string): void;
}

/**
 * Zones (already sorted worst first) with their lowest days of cover and a bar per commodity (`perCommodity`:
 * zone → commodity → days, from the projection over every channel or a plan's own figures).
 */
export function coverTable(zones: readonly Zone[], cover: ReadonlyMap<string, number>, perCommodity: ReadonlyMap<string, Readonly<Record<string, number | null>>>,
  commodities: readonly Commodity[], options: CoverTableOptions): HTMLElement {
  const rows = zones.map((zone) => {
    const days = cover.get(zone.id);
    return h('tr', {
      'data-testid': 'zone-row', 'data-zone-id': zone.id, 'data-cover': days ?? '', tabindex: 0,
      class: zone.id === options.selectedId ? 'selected' : '', onclick: () => options.onSelect(zone.id),
      onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter') options.onSelect(zone.id); },
    },
      h('td', null, h('span', { class: 'tier-badge', style: `background:${colourFor(zone, days)}` }), h('strong', null, localName(zone)),
        h('div', { class: 'muted' }, tierLabel(zone.tier))),
      h('td', { class: 'num', 'data-testid': 'zone-cover' }, days === undefined ? t('district.coverPending') : t('district.days', { n: days.toFixed(1) })),
      h('td', null, coverBars(perCommodity.get(zone.id), commodities)));
  });
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'zone-table', 'data-testid': 'zone-table' },
      h('thead', null, h('tr', null, h('th', null, t('zones.name')), h('th', { class: 'num' }, t('district.cover')), h('th', { class: 'wrap' }, t('district.perCommodity')))),
      h('tbody', null, rows)));
}
