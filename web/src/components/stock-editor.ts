import type { Commodity, Depot } from '../../../server/contract';
import { request } from '../api';
import { h } from '../dom';
import { localName, t } from '../i18n';
import { messageBox } from './messages';

/** A depot's stock per commodity (kg), saved through PUT /api/depots/:id/stock (the server refuses a negative or
 * unknown entry and stores nothing then). */
export function stockEditor(depot: Depot, commodities: readonly Commodity[], onSaved: (depot: Depot) => void): HTMLElement {
  const message = messageBox('stock-message');
  const inputs = commodities.map((c) => ({
    id: c.id,
    input: h('input', { type: 'number', min: 0, step: 0.1, inputmode: 'decimal', value: depot.stockKg[c.id] ?? 0, 'data-testid': 'stock-input', 'data-commodity': c.id, 'aria-label': localName(c) }),
  }));
  const save = h('button', { type: 'submit', class: 'primary', 'data-testid': 'stock-save' }, t('stock.save'));
  return h('form', {
    class: 'stock-editor', 'data-testid': 'stock-editor', 'data-depot-id': depot.id,
    onsubmit: async (e: SubmitEvent) => {
      e.preventDefault();
      save.disabled = true;
      message.clear();
      try {
        // An empty box is sent as-is (NaN → null) so the server names the field rather than us guessing a zero.
        const stockKg = Object.fromEntries(inputs.map((x) => [x.id, x.input.value === '' ? null : Number(x.input.value)])) as Record<string, number>;
        const updated = await request('PUT /api/depots/:id/stock', { params: { id: depot.id }, body: { stockKg } });
        message.info(t('stock.saved', { name: localName(updated) }));
        onSaved(updated);
      } catch (err) {
        message.error(err);
      } finally {
        save.disabled = false;
      }
    },
  },
    h('h3', null, t('stock.title', { name: localName(depot) })),
    h('div', { class: 'field-row' }, inputs.map((x) => h('label', { class: 'field' }, h('span', null, localName(commodities.find((c) => c.id === x.id)!)), x.input))),
    h('div', { class: 'actions' }, save),
    message.el);
}
