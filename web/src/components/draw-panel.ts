import type { District, LngLat, Tier, Zone } from '../../../server/contract';
import { request } from '../api';
import { h, replaceChildren } from '../dom';
import { localName, t } from '../i18n';
import type { ZoneMap } from '../map/zone-map';
import type { DrawSession } from '../map/draw-tool';
import { districtFor, polygonFromPoints } from '../zones/zone-input';
import { messageBox } from './messages';
import { field, numberInput, tierSelect } from './zone-editor';

export interface DrawPanelDeps {
  map: ZoneMap;
  districts: readonly District[];
  tiers: readonly Tier[];
  onCreated(zone: Zone): void;
}

/** "Draw a zone": click corners on the map, then name it and POST it; the server's refusal is shown as is. */
export function drawPanel({ map, districts, tiers, onCreated }: DrawPanelDeps): { el: HTMLElement; dispose(): void } {
  const body = h('div', { class: 'draw-body' });
  const message = messageBox('draw-message');
  const el = h('div', { class: 'draw-panel', 'data-testid': 'draw-panel' }, body, message.el);
  let session: DrawSession | null = null;

  function idle(): void {
    session?.clear();
    session = null;
    replaceChildren(body, h('p', { class: 'muted' }, t('draw.hint')),
      h('button', { type: 'button', class: 'primary big', 'data-testid': 'draw-start', onclick: drawing }, t('draw.start')));
  }

  function drawing(): void {
    message.clear();
    const count = h('p', { 'data-testid': 'draw-count' }, t('draw.points', { n: 0 }));
    const finish = h('button', { type: 'button', class: 'primary', 'data-testid': 'draw-finish', disabled: true, title: t('draw.needThree'), onclick: () => session?.finish() }, t('draw.finish'));
    replaceChildren(body, h('p', { class: 'muted' }, t('draw.hint')), count,
      h('div', { class: 'actions' }, finish,
        h('button', { type: 'button', 'data-testid': 'draw-undo', onclick: () => session?.undo() }, t('draw.undo')),
        h('button', { type: 'button', 'data-testid': 'draw-cancel', onclick: idle }, t('common.cancel'))));
    session = map.startDrawing({
      onChange(points) {
        count.textContent = t('draw.points', { n: points.length });
        finish.disabled = points.length < 3;
      },
      onFinish: details,
    });
  }

  function details(points: LngLat[]): void {
    const name = h('input', { name: 'name', required: true, maxlength: 200, 'data-testid': 'draw-name' });
    const nameEn = h('input', { name: 'nameEn', maxlength: 200, 'data-testid': 'draw-name-en' });
    const district = h('select', { name: 'districtId', required: true, 'data-testid': 'draw-district' },
      districts.map((d) => h('option', { value: d.id }, localName(d))));
    district.value = districtFor(districts, points)?.id ?? districts[0]?.id ?? '';
    const tier = tierSelect(tiers, tiers[0] ?? 'sealed', 'draw-tier');
    const population = numberInput('population', '', 'draw-population');
    const households = numberInput('households', '', 'draw-households');
    const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'draw-submit' }, t('draw.submit'));
    const form = h('form', {
      'data-testid': 'draw-form',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        submit.disabled = true;
        message.clear();
        try {
          const zone = await request('POST /api/zones', {
            body: {
              districtId: district.value, name: name.value.trim(), nameEn: nameEn.value.trim() || undefined, tier: tier.value,
              population: population.valueAsNumber, households: households.valueAsNumber, polygon: polygonFromPoints(points),
            },
          });
          idle();
          message.info(t('draw.created', { name: localName(zone) }));
          onCreated(zone);
        } catch (err) {
          message.error(err);
        } finally {
          submit.disabled = false;
        }
      },
    },
      h('p', null, t('draw.points', { n: points.length })),
      field(t('form.name'), name), field(t('form.nameEn'), nameEn), field(t('zones.district'), district),
      h('div', { class: 'field-row' }, field(t('zones.tier'), tier), field(t('zones.population'), population), field(t('zones.households'), households)),
      h('div', { class: 'actions' }, submit,
        h('button', { type: 'button', 'data-testid': 'draw-redraw', onclick: drawing }, t('draw.redraw')),
        h('button', { type: 'button', 'data-testid': 'draw-cancel', onclick: idle }, t('common.cancel'))));
    replaceChildren(body, form);
    name.focus();
  }

  idle();
  return { el, dispose: () => session?.clear() };
}
