import type { ImportResult, ZoneFeatureCollection } from '../../../server/contract';
import { request } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { messageBox } from './messages';

/** Zones from a GeoJSON file and stock from a CSV file, both all-or-nothing on the server. */
export function importPanel(onImported: () => void): HTMLElement {
  const message = messageBox('import-message');

  async function run(input: HTMLInputElement, send: (text: string) => Promise<ImportResult>): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    message.clear();
    try {
      const result = await send(await file.text());
      message.info(t('import.done', { created: result.created, updated: result.updated }));
      onImported();
    } catch (err) {
      message.error(err);
    } finally {
      input.value = '';
    }
  }

  const geojson: HTMLInputElement = h('input', {
    type: 'file', accept: '.geojson,.json,application/geo+json,application/json', 'data-testid': 'import-geojson',
    onchange: () => run(geojson, (text) => {
      let body: ZoneFeatureCollection;
      try {
        body = JSON.parse(text) as ZoneFeatureCollection;
      } catch (err) {
        throw new Error(t('import.badJson', { message: err instanceof Error ? err.message : String(err) }));
      }
      return request('POST /api/zones/import', { body });
    }),
  });
  const csv: HTMLInputElement = h('input', {
    type: 'file', accept: '.csv,text/csv', 'data-testid': 'import-csv',
    onchange: () => run(csv, (text) => request('POST /api/stock/import', { body: text })),
  });
  return h('div', { class: 'import-panel' },
    h('label', { class: 'field' }, h('span', null, t('import.geojson')), geojson, h('small', { class: 'muted' }, t('import.geojsonHint'))),
    h('label', { class: 'field' }, h('span', null, t('import.csv')), csv, h('small', { class: 'muted' }, t('import.csvHint'))),
    message.el);
}
