import type { ZoneChecklist, ZoneProgress } from '../../../server/contract';
import { request } from '../api';
import type { MessageBox } from '../components/messages';
import { h, replaceChildren } from '../dom';
import { getLang, t } from '../i18n';
import { latestOnly } from '../latest';
import { formatInstant } from '../requests/age';
import { qrSvg, requestLink } from './qr';

/**
 * Each sealed zone's progress through the response playbook (done/total, overdue, next deadline);
 * opening a zone shows its steps with deadlines, who ticked them, and its request link as a QR code.
 */
export function progressPanel(message: MessageBox, template?: HTMLElement): HTMLElement {
  const el = h('section', { class: 'ops-panel', 'data-testid': 'playbook' });
  const detail = h('div', { class: 'checklist', 'data-testid': 'checklist' });
  // One guard for whatever fills the checklist (opening a zone, ticking a step): clicking zone A then
  // zone B must not leave A's steps and QR code on screen when A's reply comes back last.
  const checklist = latestOnly();
  // The progress list is read again after each tick: only the latest read is drawn.
  const progress = latestOnly();
  /** Zone names from the last progress read, for the heading above a checklist. */
  const names = new Map<string, Pick<ZoneProgress, 'zoneName' | 'zoneNameEn'>>();

  async function markDone(zoneId: string, stepId: string, note: string): Promise<void> {
    const current = checklist.begin();
    try {
      const c = await request('POST /api/zones/:id/checklist/steps/:stepId/done', { params: { id: zoneId, stepId }, body: note ? { note } : {} });
      if (current()) renderChecklist(c);
      await load();
    } catch (err) {
      // A failed save is reported even when another zone was opened since: the tick did not happen.
      message.error(err);
    }
  }

  function renderChecklist(c: ZoneChecklist): void {
    const link = requestLink(c.zoneId);
    const name = names.get(c.zoneId);
    replaceChildren(detail,
      h('h3', { 'data-testid': 'checklist-zone' }, t('playbook.checklistOf', { zone: name ? (getLang() === 'en' && name.zoneNameEn ? name.zoneNameEn : name.zoneName) : c.zoneId })),
      h('div', { class: 'checklist-link' }, h('div', { class: 'qr', 'data-testid': 'request-qr' }, qrSvg(link)),
        h('p', null, t('playbook.link'), ': ', h('a', { href: link, 'data-testid': 'request-link' }, link))),
      h('table', { class: 'ops-table' },
        h('thead', null, h('tr', null, ...[t('playbook.step'), t('playbook.due'), t('playbook.doneAt'), ''].map((x) => h('th', null, x)))),
        h('tbody', null, c.steps.map((s) => {
          const note = h('input', { placeholder: t('playbook.notePlaceholder'), maxlength: 1000 });
          return h('tr', { 'data-testid': 'step-row', 'data-step-id': s.id, class: s.overdue ? 'overdue' : '' },
            h('td', null, getLang() === 'en' ? s.titleEn : s.titleZh, s.auto ? h('span', { class: 'muted' }, ` (${t('playbook.auto')})`) : null),
            h('td', null, formatInstant(s.dueAt)),
            h('td', null, s.doneAt ? `${formatInstant(s.doneAt)}${s.note ? ` · ${s.note}` : ''}` : ''),
            h('td', null, s.doneAt ? null : [note, h('button', { type: 'button', 'data-testid': 'step-done', onclick: () => void markDone(c.zoneId, s.id, note.value.trim()) }, t('playbook.markDone'))]));
        }))));
  }

  async function open(zoneId: string): Promise<void> {
    await checklist.run(() => request('GET /api/zones/:id/checklist', { params: { id: zoneId } }), renderChecklist, (err) => message.error(err));
  }

  function render(rows: ZoneProgress[]): void {
    names.clear();
    for (const p of rows) names.set(p.zoneId, p);
    const table = rows.length === 0 ? h('p', { class: 'muted' }, t('playbook.empty')) : h('table', { class: 'ops-table' },
      h('thead', null, h('tr', null, ...[t('playbook.zone'), t('playbook.progress'), t('playbook.overdue'), t('playbook.nextDue')].map((x) => h('th', null, x)))),
      h('tbody', null, rows.map((p) => h('tr', { 'data-testid': 'progress-row', 'data-zone-id': p.zoneId, class: p.overdue ? 'overdue clickable' : 'clickable', onclick: () => void open(p.zoneId) },
        h('td', null, getLang() === 'en' && p.zoneNameEn ? p.zoneNameEn : p.zoneName),
        h('td', null, h('progress', { max: p.total, value: p.done }), ` ${p.done}/${p.total}`),
        h('td', null, p.overdue ? String(p.overdue) : ''),
        h('td', null, p.nextDueAt ? formatInstant(p.nextDueAt) : '')))));
    replaceChildren(el, template ?? '', table, detail);
  }

  async function load(): Promise<void> {
    await progress.run(() => request('GET /api/playbook/progress'), (rows) => {
      render(rows);
      el.dataset.ready = 'true';
    }, (err) => message.error(err));
  }

  void load();
  return el;
}
