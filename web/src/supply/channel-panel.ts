import type { Commodity, District, SupplyChannel, Zone } from '../../../server/contract';
import { ApiFailure, request } from '../api';
import { messageBox } from '../components/messages';
import { h, replaceChildren } from '../dom';
import { localName, t, type MessageKey } from '../i18n';
import { channelForm } from './channel-form';

/** A channel's capacity over all commodities, kg a day (orders × kg per order where no kg is given). */
function kgPerDay(ch: SupplyChannel): number {
  return Object.values(ch.capacity).reduce((sum, c) => sum + (c.kgPerDay ?? (c.ordersPerDay ?? 0) * (c.kgPerOrder ?? 0)), 0);
}

/**
 * The coordinator's supply channels: a list with edit and delete, a form to add one, and a CSV import (all or
 * nothing on the server; a refused row is named by its line and field).
 */
export function channelPanel(refs: () => { districts: readonly District[]; zones: readonly Zone[]; commodities: readonly Commodity[] }): { el: HTMLElement; load(): Promise<void> } {
  const message = messageBox('channel-message');
  const listEl = h('div', { 'data-testid': 'channel-list' });
  const formSlot = h('div', { 'data-testid': 'channel-form-slot' });
  let channels: SupplyChannel[] = [];

  async function load(): Promise<void> {
    try {
      channels = await request('GET /api/supply-channels', { query: {} });
      render();
    } catch (err) {
      message.error(err);
    }
  }

  function openForm(channel: SupplyChannel | null): void {
    message.clear();
    replaceChildren(formSlot, channelForm(channel, refs(), (saved) => {
      replaceChildren(formSlot);
      message.info(t('channels.saved', { name: localName(saved) }));
      void load();
    }, () => replaceChildren(formSlot)));
    formSlot.scrollIntoView?.({ block: 'nearest' });
  }

  async function remove(ch: SupplyChannel): Promise<void> {
    if (!window.confirm(t('channels.deleteConfirm', { name: localName(ch) }))) return;
    message.clear();
    try {
      await request('DELETE /api/supply-channels/:id', { params: { id: ch.id } });
      message.info(t('channels.deleted', { name: localName(ch) }));
      await load();
    } catch (err) {
      message.error(err);
    }
  }

  function render(): void {
    const zoneName = new Map(refs().zones.map((z) => [z.id, localName(z)]));
    replaceChildren(listEl, channels.length === 0 ? h('p', { class: 'muted' }, t('channels.empty'))
      : h('div', { class: 'table-wrap' }, h('table', { class: 'zone-table', 'data-testid': 'channel-table' },
        h('thead', null, h('tr', null, h('th', null, t('channels.name')), h('th', null, ''))),
        h('tbody', null, channels.map((ch) => h('tr', { 'data-testid': 'channel-row', 'data-channel-id': ch.id },
          // One text column and one of buttons: the side panel is narrow, and English names are long.
          h('td', { class: 'wrap' }, h('strong', null, localName(ch)),
            h('div', { 'data-testid': 'channel-kind-capacity' }, `${t(`channelKind.${ch.kind}` as MessageKey)} · ${t('channels.perDay', { kg: Math.round(kgPerDay(ch)).toLocaleString() })}`),
            h('div', { class: 'muted' }, `${ch.opensAt}–${ch.closesAt} · ${ch.activeFrom} – ${ch.activeUntil ?? ''}`),
            h('div', { class: 'muted', title: ch.zoneIds.map((z) => zoneName.get(z) ?? z).join('、') }, t('channels.zoneCount', { n: ch.zoneIds.length }))),
          h('td', { class: 'actions' },
            h('button', { type: 'button', 'data-testid': 'channel-edit', onclick: () => openForm(ch) }, t('channels.edit')),
            h('button', { type: 'button', class: 'danger', 'data-testid': 'channel-delete', onclick: () => void remove(ch) }, t('channels.delete')))))))));
  }

  const csv: HTMLInputElement = h('input', {
    type: 'file', accept: '.csv,text/csv', 'data-testid': 'channel-csv',
    onchange: async () => {
      const file = csv.files?.[0];
      if (!file) return;
      message.clear();
      try {
        const result = await request('POST /api/supply-channels/import', { body: await file.text() });
        message.info(t('import.done', { created: result.created, updated: result.updated }));
        await load();
      } catch (err) {
        // The row the server refused, in the page's words; the field and reason follow in the detail.
        const row = err instanceof ApiFailure ? /row (\d+)/.exec(err.field ?? '')?.[1] : undefined;
        message.error(err);
        if (row) message.el.prepend(h('strong', { 'data-testid': 'channel-csv-row' }, t('channels.csvRow', { row })));
      } finally {
        csv.value = '';
      }
    },
  });

  const el = h('div', { class: 'channel-panel', 'data-testid': 'channel-panel' },
    h('p', { class: 'muted' }, t('channels.intro')),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', 'data-testid': 'channel-add', onclick: () => openForm(null) }, t('channels.add'))),
    formSlot,
    message.el,
    listEl,
    h('label', { class: 'field' }, h('span', null, t('channels.csv')), csv, h('small', { class: 'muted' }, t('channels.csvHint'))));
  return { el, load };
}
