import type { Alert, Zone } from '../../../server/contract';
import { request } from '../api';
import type { MessageBox } from '../components/messages';
import { h, replaceChildren } from '../dom';
import { getLang, localName, t } from '../i18n';
import { latestOnly } from '../latest';
import { formatAge } from '../requests/age';

/** Alerts of the district (or all, for coordinators): colour by level, acknowledge, close with a note. */
export function alertsPanel(zones: ReadonlyMap<string, Zone>, message: MessageBox): HTMLElement {
  const el = h('section', { class: 'ops-panel', 'data-testid': 'alerts' });
  let showClosed = false;

  async function ack(a: Alert): Promise<void> {
    try { await request('POST /api/alerts/:id/ack', { params: { id: a.id } }); await load(); } catch (err) { message.error(err); }
  }
  async function close(a: Alert, note: string): Promise<void> {
    try { await request('POST /api/alerts/:id/close', { params: { id: a.id }, body: { note } }); await load(); } catch (err) { message.error(err); }
  }

  function row(a: Alert): HTMLElement {
    const zone = zones.get(a.zoneId);
    const note = h('input', { 'data-testid': 'alert-note', placeholder: t('alerts.closeNote'), maxlength: 1000 });
    const actions = a.state === 'closed' ? [h('span', { class: 'muted' }, a.closeNote ?? '')] : [
      a.state === 'open' ? h('button', { type: 'button', 'data-testid': 'alert-ack', onclick: () => void ack(a) }, t('alerts.ack')) : null,
      note,
      h('button', { type: 'button', 'data-testid': 'alert-close', onclick: () => void close(a, note.value) }, t('alerts.close')),
    ];
    return h('tr', { 'data-testid': 'alert-row', 'data-alert-id': a.id, 'data-level': a.level, 'data-state': a.state },
      h('td', null, h('span', { class: `level-chip level-${a.level}` }, t(`alerts.level.${a.level}`))),
      h('td', null, zone ? localName(zone) : a.zoneId),
      h('td', { class: 'ops-text' }, getLang() === 'en' ? a.reasonEn : a.reasonZh),
      h('td', null, formatAge(a.ageS)),
      h('td', null, t(`alerts.state.${a.state}`)),
      h('td', { class: 'ops-actions' }, actions));
  }

  // Actions and the show-closed toggle reload the list: only the latest read is drawn, so an older
  // reply cannot bring back an alert just closed or undo the toggle.
  const reads = latestOnly();

  async function load(): Promise<void> {
    await reads.run(() => request('GET /api/alerts'), (all) => {
      const rows = showClosed ? all : all.filter((a) => a.state !== 'closed');
      const toggle = h('label', null, h('input', {
        type: 'checkbox', 'data-testid': 'alerts-show-closed', checked: showClosed,
        onchange: (e: Event) => { showClosed = (e.target as HTMLInputElement).checked; void load(); },
      }), ' ', t('alerts.showClosed'));
      replaceChildren(el, h('div', { class: 'ops-toolbar' }, toggle),
        rows.length === 0 ? h('p', { class: 'muted' }, t('alerts.empty')) : h('table', { class: 'ops-table' },
          h('thead', null, h('tr', null, ...[t('alerts.level'), t('triage.zone'), t('alerts.reason'), t('triage.age'), t('alerts.state'), ''].map((x) => h('th', null, x)))),
          h('tbody', null, rows.map(row))));
      el.dataset.ready = 'true';
    }, (err) => message.error(err));
  }

  void load();
  return el;
}
