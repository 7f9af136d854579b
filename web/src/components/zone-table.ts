import type { Zone } from '../../../server/contract';
import { formatNumber, h } from '../dom';
import { localName, t, tOr } from '../i18n';
import { colourFor } from '../zones/colour';
import { tierLabel } from '../zones/tiers';

export interface ZoneTableOptions {
  selectedId?: string | null;
  onSelect?(id: string): void;
  /** Days of cover per zone, once a plan exists: adds a column. */
  coverDays?: ReadonlyMap<string, number>;
  showCover?: boolean;
}

/** Zones as a table: name, tier, population, status (and days of cover when asked). */
export function zoneTable(zones: readonly Zone[], options: ZoneTableOptions = {}): HTMLElement {
  const head = h('tr', null,
    h('th', null, t('zones.name')), h('th', null, t('zones.tier')),
    h('th', { class: 'num' }, t('zones.population')), h('th', null, t('zones.status')),
    options.showCover ? h('th', { class: 'num' }, t('district.cover')) : null);
  const rows = zones.map((zone) => {
    const cover = options.coverDays?.get(zone.id);
    return h('tr', {
      'data-testid': 'zone-row', 'data-zone-id': zone.id, tabindex: 0,
      class: zone.id === options.selectedId ? 'selected' : '',
      onclick: () => options.onSelect?.(zone.id),
      onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter') options.onSelect?.(zone.id); },
    },
      h('td', null, localName(zone)),
      h('td', null, h('span', { class: 'tier-badge', style: `background:${colourFor(zone, cover)}` }), tierLabel(zone.tier)),
      h('td', { class: 'num' }, formatNumber(zone.population), zone.populationEstimated ? h('small', { class: 'muted' }, ` ${t('zones.estimated')}`) : null),
      h('td', null, tOr(`status.${zone.status}`, zone.status)),
      options.showCover ? h('td', { class: 'num' }, cover === undefined ? t('district.coverPending') : cover.toFixed(1)) : null);
  });
  return h('div', { class: 'table-wrap' },
    h('p', { class: 'muted', 'data-testid': 'zone-count' }, t('zones.count', { n: zones.length })),
    h('table', { class: 'zone-table', 'data-testid': 'zone-table' }, h('thead', null, head), h('tbody', null, rows)));
}
