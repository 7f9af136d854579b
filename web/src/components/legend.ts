import { h } from '../dom';
import { t } from '../i18n';
import { TIER_COLOURS, LIFTED_COLOUR } from '../zones/colour';
import { tierLabel } from '../zones/tiers';

/** The map legend (tier colours for now; cover bands join once plans exist). Plain DOM over the map. */
export function legend(): HTMLElement {
  const rows = Object.entries(TIER_COLOURS).map(([tier, colour]) => swatch(colour, tierLabel(tier)));
  rows.push(swatch(LIFTED_COLOUR, t('status.lifted')));
  rows.push(h('div', { class: 'legend-row' }, h('span', { class: 'legend-dot' }), t('depots.title')));
  return h('div', { class: 'legend', 'data-testid': 'legend' }, h('strong', null, t('legend.title')), ...rows);
}

function swatch(colour: string, label: string): HTMLElement {
  return h('div', { class: 'legend-row' }, h('span', { class: 'legend-swatch', style: `background:${colour}` }), label);
}
