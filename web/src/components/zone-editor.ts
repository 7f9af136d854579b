import type { Tier, Zone } from '../../../server/contract';
import { request } from '../api';
import { h } from '../dom';
import { localName, t } from '../i18n';
import { tierLabel } from '../zones/tiers';
import { zoneToInput } from '../zones/zone-input';
import { messageBox } from './messages';

export function tierSelect(tiers: readonly Tier[], value: Tier, testId: string): HTMLSelectElement {
  const select = h('select', { name: 'tier', 'data-testid': testId, required: true },
    tiers.map((tier) => h('option', { value: tier }, tierLabel(tier))));
  select.value = value;
  return select;
}

export function numberInput(name: string, value: number | '', testId: string): HTMLInputElement {
  return h('input', { name, type: 'number', min: 0, step: 1, required: true, inputmode: 'numeric', value, 'data-testid': testId });
}

export function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', null, label), control);
}

/** Edit a zone's tier and population (and households, which may not exceed it); PUT replaces the zone. */
export function zoneEditor(zone: Zone | null, tiers: readonly Tier[], onSaved: (zone: Zone) => void): HTMLElement {
  if (!zone) return h('p', { class: 'muted', 'data-testid': 'zone-editor-empty' }, t('editor.hint'));
  const tier = tierSelect(tiers, zone.tier, 'editor-tier');
  const population = numberInput('population', zone.population, 'editor-population');
  const households = numberInput('households', zone.households, 'editor-households');
  const message = messageBox('editor-message');
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'editor-save' }, t('common.save'));
  const form = h('form', {
    class: 'zone-editor', 'data-testid': 'zone-editor', 'data-zone-id': zone.id,
    onsubmit: async (e: SubmitEvent) => {
      e.preventDefault();
      save.disabled = true;
      message.clear();
      try {
        const updated = await request('PUT /api/zones/:id', {
          params: { id: zone.id },
          body: zoneToInput(zone, { tier: tier.value, population: population.valueAsNumber, households: households.valueAsNumber }),
        });
        message.info(t('editor.saved', { name: localName(updated) }));
        onSaved(updated);
      } catch (err) {
        message.error(err);
      } finally {
        save.disabled = false;
      }
    },
  },
    h('h3', null, t('editor.title'), ': ', localName(zone)),
    h('div', { class: 'field-row' }, field(t('zones.tier'), tier), field(t('zones.population'), population), field(t('zones.households'), households)),
    h('div', { class: 'actions' }, save),
    message.el);
  return form;
}
