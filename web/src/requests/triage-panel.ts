import {
  REQUEST_CATEGORIES, REQUEST_STATUSES, type RequestBulkAction, type RequestCategory, type RequestStatus, type ResidentRequest, type User, type Zone,
} from '../../../server/contract';
import { request } from '../api';
import type { MessageBox } from '../components/messages';
import { h, replaceChildren } from '../dom';
import { localName, t, tOr } from '../i18n';
import { latestOnly } from '../latest';
import { formatAge } from './age';

/**
 * Staff triage of residents' requests: filter by status and category, oldest first with its age,
 * select rows and assign to me / resolve / refer them in one go with a note. Residents' texts are
 * shown as text nodes only.
 */
export function triagePanel(user: User, zones: ReadonlyMap<string, Zone>, message: MessageBox): HTMLElement {
  const el = h('section', { class: 'ops-panel', 'data-testid': 'triage' });
  let status: RequestStatus | '' = 'new';
  let category: RequestCategory | '' = '';
  const selected = new Set<string>();

  const select = <T extends string>(testId: string, values: readonly T[], current: T | '', prefix: string, onChange: (v: T | '') => void) =>
    h('select', { 'data-testid': testId, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value as T | '') },
      h('option', { value: '' }, t('triage.all')),
      values.map((v) => h('option', { value: v, selected: v === current }, tOr(`${prefix}.${v}`, v))));

  async function act(action: RequestBulkAction, note: string): Promise<void> {
    try {
      const done = await request('POST /api/requests/bulk', {
        body: { ids: [...selected], action, ...(action === 'assign' ? { ownerId: user.id } : {}), ...(note ? { note } : {}) },
      });
      message.info(t('triage.done', { n: done.length }));
      selected.clear();
      await load();
    } catch (err) {
      message.error(err);
    }
  }

  function render(rows: ResidentRequest[]): void {
    const note = h('input', { 'data-testid': 'triage-note', placeholder: t('triage.notePlaceholder'), maxlength: 1000 });
    const count = h('span', { 'data-testid': 'triage-count' }, t('triage.selected', { n: selected.size }));
    const toolbar = h('div', { class: 'ops-toolbar' },
      h('label', null, t('triage.filterStatus'), ' ', select('triage-status', REQUEST_STATUSES, status, 'reqstatus', (v) => { status = v; void load(); })),
      h('label', null, t('triage.filterCategory'), ' ', select('triage-category', REQUEST_CATEGORIES, category, 'category', (v) => { category = v; void load(); })),
      count, note,
      h('button', { type: 'button', 'data-testid': 'triage-assign', onclick: () => void act('assign', note.value.trim()) }, t('triage.assignMe')),
      h('button', { type: 'button', 'data-testid': 'triage-resolve', onclick: () => void act('resolve', note.value.trim()) }, t('triage.resolve')),
      h('button', { type: 'button', 'data-testid': 'triage-refer', onclick: () => void act('refer', note.value.trim()) }, t('triage.refer')));
    const table = rows.length === 0 ? h('p', { class: 'muted' }, t('triage.empty')) : h('table', { class: 'ops-table' },
      h('thead', null, h('tr', null, h('th', null, ''), ...['triage.age', 'triage.zone', 'triage.filterCategory', 'triage.building', 'triage.contact', 'triage.text', 'triage.status', 'triage.note']
        .map((k) => h('th', null, t(k as 'triage.age'))))),
      h('tbody', null, rows.map((r) => {
        const zone = zones.get(r.zoneId);
        return h('tr', { 'data-testid': 'triage-row', 'data-request-id': r.id },
          h('td', null, h('input', {
            type: 'checkbox', 'data-testid': 'triage-check', checked: selected.has(r.id),
            onchange: (e: Event) => {
              if ((e.target as HTMLInputElement).checked) selected.add(r.id); else selected.delete(r.id);
              count.textContent = t('triage.selected', { n: selected.size });
            },
          })),
          h('td', null, formatAge(r.ageS)), h('td', null, zone ? localName(zone) : r.zoneId), h('td', null, tOr(`category.${r.category}`, r.category)),
          h('td', null, r.building), h('td', null, r.contact), h('td', { class: 'ops-text', 'data-testid': 'triage-text' }, r.text),
          h('td', null, tOr(`reqstatus.${r.status}`, r.status)), h('td', null, r.note ?? ''));
      })));
    replaceChildren(el, toolbar, table);
  }

  // A filter change or bulk action reloads the list: only the latest read is drawn, so an older
  // filter's rows (and selection pruned against them) never replace the newer ones. data-loading is
  // set until the latest read is drawn: the rows on screen meanwhile are the previous filter's.
  const reads = latestOnly({ loading: el });

  async function load(): Promise<void> {
    await reads.run(() => request('GET /api/requests', { query: { ...(status ? { status } : {}), ...(category ? { category } : {}) } }), (rows) => {
      for (const id of [...selected]) if (!rows.some((r) => r.id === id)) selected.delete(id);
      render(rows);
      el.dataset.ready = 'true';
    }, (err) => message.error(err));
  }

  void load();
  return el;
}
