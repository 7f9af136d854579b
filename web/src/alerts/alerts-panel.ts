import type { Alert, AlertRule, AlertSeverity, District, User, Zone } from '../../../server/contract';
import { request } from '../api';
import type { MessageBox } from '../components/messages';
import { h, replaceChildren } from '../dom';
import { getLang, localName, t } from '../i18n';
import { latestOnly } from '../latest';
import { dateTimeText } from '../local-time';
import { readState, writeState } from '../page-state';
import { formatAge } from '../requests/age';

const SEVERITIES: readonly AlertSeverity[] = ['critical', 'high', 'medium', 'low'];
const RULES: readonly AlertRule[] = ['low_cover', 'failed_handoff', 'missed_eta', 'no_delivery', 'request_spike', 'commodity_complaints', 'playbook_overdue'];
const rank = (s: AlertSeverity) => SEVERITIES.indexOf(s);

interface Filters {
  severity: AlertSeverity | '';
  rule: AlertRule | '';
  districtId: string;
  owner: '' | 'mine';
}

/**
 * Alerts of the district (or all, for coordinators): most severe first, filtered by severity, kind,
 * district and owner; acknowledge or close one, or acknowledge the selected ones in one go.
 */
export function alertsPanel(user: User, zones: ReadonlyMap<string, Zone>, districts: readonly District[], message: MessageBox): HTMLElement {
  const el = h('section', { class: 'ops-panel', 'data-testid': 'alerts' });
  let showClosed = false;
  // Filters sit in the URL (?severity=&rule=&district=&owner=): a language switch or reload keeps them.
  const filters: Filters = {
    severity: (SEVERITIES as readonly string[]).includes(readState('severity') ?? '') ? readState('severity') as AlertSeverity : '',
    rule: (RULES as readonly string[]).includes(readState('rule') ?? '') ? readState('rule') as AlertRule : '',
    districtId: readState('district') ?? '',
    owner: readState('owner') === 'mine' ? 'mine' : '',
  };
  const selected = new Set<string>();

  async function act(run: () => Promise<unknown>): Promise<void> {
    try { await run(); await load(); } catch (err) { message.error(err); }
  }
  const ack = (a: Alert) => act(() => request('POST /api/alerts/:id/ack', { params: { id: a.id } }));
  const close = (a: Alert, note: string) => act(() => request('POST /api/alerts/:id/close', { params: { id: a.id }, body: { note } }));
  const ackSelected = () => act(async () => {
    const done = await request('POST /api/alerts/bulk', { body: { ids: [...selected], action: 'acknowledge' } });
    selected.clear();
    message.info(t('alerts.bulkDone', { n: done.length }));
  });

  /** Opening an alert's history counts as seeing it: the view is recorded, then the history is listed. */
  async function history(a: Alert, cell: HTMLElement): Promise<void> {
    try {
      const views = await request('POST /api/alerts/:id/views', { params: { id: a.id } });
      const when = (iso: string) => dateTimeText(iso, getLang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
      replaceChildren(cell, h('ul', { class: 'alert-history', 'data-testid': 'alert-history', 'aria-label': t('alerts.historyTitle') },
        h('li', null, t('alerts.raisedAt', { at: when(a.raisedAt) })),
        a.escalatedAt ? h('li', null, t('alerts.escalatedAt', { at: when(a.escalatedAt) })) : null,
        views.length === 0 ? h('li', null, t('alerts.noViews'))
          : views.map((v) => h('li', { 'data-testid': 'alert-viewer', 'data-user': v.username }, t('alerts.seenBy', { user: v.displayName || v.username, at: when(v.seenAt) })))));
    } catch (err) { message.error(err); }
  }

  function row(a: Alert): HTMLElement {
    const zone = zones.get(a.zoneId);
    const historyCell = h('div', { class: 'alert-history-cell' });
    const note = h('input', { 'data-testid': 'alert-note', placeholder: t('alerts.closeNote'), maxlength: 1000, 'aria-label': t('alerts.closeNote') });
    const actions = a.state === 'closed' ? [h('span', { class: 'muted' }, a.closeNote ?? '')] : [
      a.state === 'open' ? h('button', { type: 'button', 'data-testid': 'alert-ack', onclick: () => void ack(a) }, t('alerts.ack')) : null,
      note,
      h('button', { type: 'button', 'data-testid': 'alert-close', onclick: () => void close(a, note.value) }, t('alerts.close')),
    ];
    const check = a.state === 'open' ? h('input', {
      type: 'checkbox', 'data-testid': 'alert-check', checked: selected.has(a.id), 'aria-label': t('alerts.select'),
      onchange: (e: Event) => {
        if ((e.target as HTMLInputElement).checked) selected.add(a.id); else selected.delete(a.id);
      },
    }) : null;
    return h('tr', { 'data-testid': 'alert-row', 'data-alert-id': a.id, 'data-level': a.level, 'data-severity': a.severity, 'data-state': a.state },
      h('td', null, check),
      h('td', null, h('span', { class: `severity-chip severity-${a.severity}` }, t(`alerts.severity.${a.severity}`))),
      h('td', null, h('span', { class: `level-chip level-${a.level}` }, t(`alerts.level.${a.level}`))),
      h('td', { 'data-label': t('alerts.rule') }, t(`alerts.rule.${a.rule}`)),
      h('td', { 'data-label': t('triage.zone') }, zone ? localName(zone) : a.zoneId),
      h('td', { class: 'ops-text' }, getLang() === 'en' ? a.reasonEn : a.reasonZh),
      h('td', { 'data-label': t('triage.age') }, formatAge(a.ageS)),
      h('td', { 'data-label': t('alerts.state') }, t(`alerts.state.${a.state}`)),
      h('td', { class: 'ops-actions' }, actions,
        h('button', { type: 'button', 'data-testid': 'alert-history-open', onclick: () => void history(a, historyCell) }, t('alerts.history')), historyCell));
  }

  const select = <T extends string>(testId: string, label: string, values: ReadonlyArray<readonly [T, string]>, current: T | '', onChange: (v: T | '') => void) =>
    h('label', null, label, ' ', h('select', { 'data-testid': testId, onchange: (e: Event) => { onChange((e.target as HTMLSelectElement).value as T | ''); void load(); } },
      h('option', { value: '' }, t('triage.all')),
      values.map(([v, text]) => h('option', { value: v, selected: v === current }, text))));

  function toolbar(): HTMLElement {
    return h('div', { class: 'ops-toolbar' },
      select('alerts-severity', t('alerts.severity'), SEVERITIES.map((s) => [s, t(`alerts.severity.${s}`)] as const), filters.severity, (v) => { filters.severity = v; }),
      select('alerts-rule', t('alerts.rule'), RULES.map((r) => [r, t(`alerts.rule.${r}`)] as const), filters.rule, (v) => { filters.rule = v; }),
      user.role === 'coordinator'
        ? select('alerts-district', t('alerts.district'), districts.map((d) => [d.id, localName(d)] as const), filters.districtId, (v) => { filters.districtId = v; })
        : null,
      select('alerts-owner', t('alerts.owner'), [['mine', t('alerts.owner.mine')]] as const, filters.owner, (v) => { filters.owner = v; }),
      h('label', null, h('input', {
        type: 'checkbox', 'data-testid': 'alerts-show-closed', checked: showClosed,
        onchange: (e: Event) => { showClosed = (e.target as HTMLInputElement).checked; void load(); },
      }), ' ', t('alerts.showClosed')),
      h('button', { type: 'button', 'data-testid': 'alerts-ack-selected', onclick: () => void ackSelected() }, t('alerts.ackSelected')));
  }

  // Actions, filters and the show-closed toggle reload the list: only the latest read is drawn, so an
  // older reply cannot bring back an alert just closed or undo a filter.
  const reads = latestOnly();

  async function load(): Promise<void> {
    el.dataset.loading = 'true';
    writeState('severity', filters.severity);
    writeState('rule', filters.rule);
    writeState('district', filters.districtId);
    writeState('owner', filters.owner);
    const query = {
      ...(filters.severity ? { severity: filters.severity } : {}),
      ...(filters.rule ? { rule: filters.rule } : {}),
      ...(filters.districtId ? { districtId: filters.districtId } : {}),
      ...(filters.owner === 'mine' ? { ownerId: user.id } : {}),
    };
    await reads.run(() => request('GET /api/alerts', { query }), (all) => {
      const rows = (showClosed ? all : all.filter((a) => a.state !== 'closed'))
        .sort((a, b) => rank(a.severity) - rank(b.severity) || b.ageS - a.ageS);
      for (const id of selected) if (!rows.some((a) => a.id === id && a.state === 'open')) selected.delete(id);
      replaceChildren(el, toolbar(),
        rows.length === 0 ? h('p', { class: 'muted' }, t('alerts.empty')) : h('div', { class: 'ops-scroll' }, h('table', { class: 'ops-table alerts-table' },
          h('thead', null, h('tr', null, ...['', t('alerts.severity'), t('alerts.level'), t('alerts.rule'), t('triage.zone'), t('alerts.reason'), t('triage.age'), t('alerts.state'), '']
            .map((x) => h('th', null, x)))),
          h('tbody', null, rows.map(row)))));
      el.dataset.ready = 'true';
      delete el.dataset.loading;
    }, (err) => message.error(err));
  }

  void load();
  return el;
}
