import { h } from '../dom';
import { t } from '../i18n';
import { COVER_BANDS, LIFTED_COLOUR, OUTSIDE_PLAN_COLOUR, TIER_COLOURS } from '../zones/colour';
import { tierLabel } from '../zones/tiers';

/** The page's phone breakpoint (styles.css): below it the map shares the screen with the panel, and an open legend hides half of it. */
const NARROW = '(max-width: 760px)';
let ids = 0;

/** Open on a wide screen, folded to its heading on a phone, until the user says otherwise. */
function openByDefault(): boolean {
  return !(typeof matchMedia === 'function' && matchMedia(NARROW).matches);
}

/**
 * The map legend: tier colours, or days-of-cover bands once a plan colours the zones. Plain DOM over the map;
 * its heading is a real button (aria-expanded) that folds the rows away, and Escape inside folds it too.
 */
export function legend(mode: 'tier' | 'cover' = 'tier', open = openByDefault()): HTMLElement {
  const zoneColours = mode === 'tier' ? Object.values(TIER_COLOURS) : COVER_BANDS.map((band) => band.colour);
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
  const bodyId = `legend-body-${++ids}`;
  const body = h('div', { class: 'legend-body', id: bodyId, 'data-testid': 'legend-body', hidden: !open }, ...rows);
  const toggle = h('button', {
    type: 'button', class: 'legend-toggle', 'data-testid': 'legend-toggle', 'aria-expanded': String(open), 'aria-controls': bodyId,
    onclick: () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'),
  },
  // Folded, the zones' colours still say what the heading is about.
  h('span', { class: 'legend-mini', 'aria-hidden': 'true' }, zoneColours.map((c) => h('span', { class: 'legend-swatch', style: `background:${c}` }))),
  h('strong', null, mode === 'cover' ? t('legend.cover') : t('legend.title')),
  h('span', { class: 'legend-chevron', 'aria-hidden': 'true' }));
  const el = h('div', {
    class: 'legend', 'data-testid': 'legend', 'data-mode': mode, 'data-open': String(open),
    onkeydown: (e: KeyboardEvent) => { if (e.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true') { setOpen(false); toggle.focus(); } },
  }, toggle, body);
  function setOpen(next: boolean): void {
    toggle.setAttribute('aria-expanded', String(next));
    body.hidden = !next;
    el.dataset.open = String(next);
  }
  return el;
}

/** Swaps the legend inside `root` to the given mode, open or folded as the user left it. */
export function setLegend(root: HTMLElement, mode: 'tier' | 'cover'): void {
  const old = root.querySelector<HTMLElement>('[data-testid="legend"]');
  old?.replaceWith(legend(mode, old.dataset.open === 'true'));
}

function swatch(colour: string, label: string): HTMLElement {
  return h('div', { class: 'legend-row' }, h('span', { class: 'legend-swatch', style: `background:${colour}` }), label);
}
