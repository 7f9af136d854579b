import { CHANNEL_KINDS, type ChannelCapacity, type Commodity, type District, type SupplyChannel, type SupplyChannelInput, type Zone } from '../../../server/contract';
import { request } from '../api';
import { field } from '../components/zone-editor';
import { messageBox } from '../components/messages';
import { h } from '../dom';
import { localName, t, type MessageKey } from '../i18n';

const CAPACITY_PARTS = ['kgPerDay', 'ordersPerDay', 'kgPerOrder'] as const;

/** Add (channel null) or edit one supply channel; POST or PUT, the server checks and names what it refuses. */
export function channelForm(channel: SupplyChannel | null, refs: { districts: readonly District[]; zones: readonly Zone[]; commodities: readonly Commodity[] },
  onSaved: (saved: SupplyChannel) => void, onCancel: () => void): HTMLElement {
  const message = messageBox('channel-form-message');
  const text = (name: string, value: string, extra: Record<string, string | boolean> = {}) =>
    h('input', { name, value, 'data-testid': `channel-${name}`, ...extra });
  const id = text('id', channel?.id ?? '', channel ? { readonly: true } : { placeholder: 'lw-point-1' });
  const district = h('select', { name: 'districtId', 'data-testid': 'channel-districtId' }, refs.districts.map((d) => h('option', { value: d.id }, localName(d))));
  district.value = channel?.districtId ?? refs.districts[0]?.id ?? '';
  const name = text('name', channel?.name ?? '', { required: true });
  const nameEn = text('nameEn', channel?.nameEn ?? '');
  const kind = h('select', { name: 'kind', 'data-testid': 'channel-kind' }, CHANNEL_KINDS.map((k) => h('option', { value: k }, t(`channelKind.${k}` as MessageKey))));
  kind.value = channel?.kind ?? 'supply_point';
  const zones = h('select', { name: 'zoneIds', multiple: true, size: 5, 'data-testid': 'channel-zoneIds' });
  const fillZones = (): void => {
    const chosen = new Set(channel?.zoneIds ?? []);
    zones.replaceChildren(...refs.zones.filter((z) => z.districtId === district.value)
      .map((z) => h('option', { value: z.id, selected: chosen.has(z.id) }, localName(z))));
  };
  district.addEventListener('change', fillZones);
  fillZones();
  const capacity = refs.commodities.map((c) => ({
    id: c.id,
    inputs: CAPACITY_PARTS.map((part) => h('input', {
      type: 'number', min: 0, step: 'any', inputmode: 'decimal', value: channel?.capacity[c.id]?.[part] ?? '',
      'data-testid': 'channel-capacity', 'data-commodity': c.id, 'data-part': part, 'aria-label': `${localName(c)} ${t(`channels.${part}`)}`,
    })),
  }));
  const opensAt = text('opensAt', channel?.opensAt ?? '08:00', { pattern: '\\d\\d:\\d\\d', size: '5' });
  const closesAt = text('closesAt', channel?.closesAt ?? '17:00', { pattern: '\\d\\d:\\d\\d', size: '5' });
  const activeFrom = h('input', { type: 'date', name: 'activeFrom', value: channel?.activeFrom ?? '', required: true, 'data-testid': 'channel-activeFrom' });
  const activeUntil = h('input', { type: 'date', name: 'activeUntil', value: channel?.activeUntil ?? '', 'data-testid': 'channel-activeUntil' });
  const note = h('textarea', { name: 'note', rows: 2, 'data-testid': 'channel-note' }, channel?.note ?? '');
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'channel-save' }, t('common.save'));

  function input(): SupplyChannelInput {
    const cap: Record<string, ChannelCapacity> = {};
    for (const c of capacity) {
      const entry: ChannelCapacity = {};
      // An empty box is left out; anything else goes as typed, so the server names a bad number.
      c.inputs.forEach((el, i) => { if (el.value !== '') entry[CAPACITY_PARTS[i]!] = Number(el.value); });
      if (Object.keys(entry).length > 0) cap[c.id] = entry;
    }
    return {
      ...(id.value.trim() ? { id: id.value.trim() } : {}), districtId: district.value, name: name.value, nameEn: nameEn.value,
      kind: kind.value as SupplyChannel['kind'], zoneIds: [...zones.selectedOptions].map((o) => o.value), capacity: cap,
      opensAt: opensAt.value, closesAt: closesAt.value, tiers: channel?.tiers ?? [], activeFrom: activeFrom.value,
      activeUntil: activeUntil.value || null, note: note.value,
    };
  }

  return h('form', {
    class: 'channel-form', 'data-testid': 'channel-form', 'data-channel-id': channel?.id ?? '',
    onsubmit: async (e: SubmitEvent) => {
      e.preventDefault();
      save.disabled = true;
      message.clear();
      try {
        const saved = channel
          ? await request('PUT /api/supply-channels/:id', { params: { id: channel.id }, body: input() })
          : await request('POST /api/supply-channels', { body: input() });
        onSaved(saved);
      } catch (err) {
        message.error(err);
      } finally {
        save.disabled = false;
      }
    },
  },
    h('h3', null, channel ? t('channels.formEdit', { name: localName(channel) }) : t('channels.formNew')),
    h('div', { class: 'field-row' }, field(t('channels.id'), id), field(t('channels.district'), district), field(t('channels.kind'), kind)),
    h('div', { class: 'field-row' }, field(t('channels.name'), name), field(t('channels.nameEn'), nameEn)),
    h('label', { class: 'field' }, h('span', null, t('channels.zones')), zones, h('small', { class: 'muted' }, t('channels.zonesHint'))),
    h('fieldset', { class: 'channel-capacity' }, h('legend', null, t('channels.capacity')),
      h('table', { class: 'zone-table' },
        h('thead', null, h('tr', null, h('th', null, ''), CAPACITY_PARTS.map((p) => h('th', null, t(`channels.${p}`))))),
        h('tbody', null, capacity.map((c) => h('tr', null, h('td', null, localName(refs.commodities.find((x) => x.id === c.id)!)), c.inputs.map((el) => h('td', null, el))))))),
    h('div', { class: 'field-row' }, field(t('channels.opensAt'), opensAt), field(t('channels.closesAt'), closesAt),
      field(t('channels.activeFrom'), activeFrom), field(t('channels.activeUntil'), activeUntil)),
    field(t('channels.note'), note),
    h('div', { class: 'actions' }, save, h('button', { type: 'button', 'data-testid': 'channel-cancel', onclick: onCancel }, t('common.cancel'))),
    message.el);
}
