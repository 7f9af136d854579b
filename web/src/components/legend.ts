import { h } from '../dom';
import { t } from '../i18n';
import { COVER_BANDS, LIFTED_COLOUR, OUTSIDE_PLAN_COLOUR, TIER_COLOURS } from '../zones/colour';
import { tierLabel } from '../zones/tiers';

/** The map legend: tier colours, or days-of-cover bands once a plan colours the zones. Plain DOM over the map. */
export function legend(mode: 'tier' | 'cover' = 'tier'): HTMLElement {
  const rows = mode === 'tier'
    ? Object.entries(TIER_COLOURS).map(([tier, colour]) => swatch(colour, tierLabel(tier)))
    : COVER_BANDS.map((band, i) => swatch(band.colour, i === 0 ? t('legend.coverLow')
      : band.below === Infinity ? t('legend.coverHigh') : t('legend.coverBand', { from: COVER_BANDS[i - 1]!.below, to: band.below })));
  if (mode === 'cover') rows.push(swatch(OUTSIDE_PLAN_COLOUR, t('legend.outsidePlan')));
  rows.push(swatch(LIFTED_COLOUR, t('status.lifted')));
  rows.push(h('div', { class: 'legend-row' }, h('span', { class: 'legend-dot' }), t('depots.title')));
  rows.push(h('div', { class: 'legend-row' }, h('span', { class: 'legend-dot handoff' }), t('legend.handoff')));
  rows.push(h('div', { class: 'legend-row' }, h('span', { class: 'legend-dot van' }), t('legend.van')));
  // Live stops by state (colours as in map/zone-map.ts), once a plan is in force.
  if (mode === 'cover') {
    for (const [colour, key] of [['#1e88e5', 'map.legend.stopPending'], ['#2e7d32', 'map.legend.stopDelivered'], ['#c62828', 'map.legend.stopFailed']] as const) {
      rows.push(h('div', { class: 'legend-row' }, h('span', { class: 'legend-dot', style: `background:${colour}` }), t(key)));
    }
  }
  if (mode === 'cover') rows.push(h('div', { class: 'legend-row' }, h('span', { class: 'legend-line' }), t('legend.route')));
  return h('div', { class: 'legend', 'data-testid': 'legend', 'data-mode': mode },
    h('strong', null, mode === 'cover' ? t('legend.cover') : t('legend.title')), ...rows);
}

/** Swaps the legend inside `root` to the given mode. */
export function setLegend(root: HTMLElement, mode: 'tier' | 'cover'): void {
  root.querySelector('[data-testid="legend"]')?.replaceWith(legend(mode));
}

function swatch(colour: string, label: string): HTMLElement {
  return h('div', { class: 'legend-row' }, h('span', { class: 'legend-swatch', style: `background:${colour}` }), label);
}
