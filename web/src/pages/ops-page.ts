import '../ops.css';
import type { Zone } from '../../../server/contract';
import { request } from '../api';
import { messageBox } from '../components/messages';
import { tabs } from '../components/tabs';
import { topBar } from '../components/top-bar';
import { alertsPanel } from '../alerts/alerts-panel';
import { escalationNotice } from '../alerts/escalation-notice';
import { connectLive, type LiveLink } from '../live/live-link';
import { h, replaceChildren } from '../dom';
import { t } from '../i18n';
import { progressPanel } from '../playbook/progress-panel';
import { templateEditor } from '../playbook/template-editor';
import { reportPanel } from '../reports/report-panel';
import { triagePanel } from '../requests/triage-panel';
import type { Page, PageContext } from '../router';

/** Requests, alerts, the playbook and the daily report for district officials and coordinators (/ops). */
export function opsPage(ctx: PageContext): Page {
  const message = messageBox('page-message');
  const body = h('main', { class: 'ops-body' }, h('p', { class: 'muted' }, t('common.loading')));
  const el = h('div', { class: 'page page-ops' }, topBar(t('ops.title'), ctx.user, () => ctx.navigate('/login')), message.el, body);
  let disposed = false;
  let live: LiveLink | null = null;

  async function mounted(): Promise<void> {
    try {
      const [zoneList, districts, commodities] = await Promise.all([request('GET /api/zones'), request('GET /api/districts'), request('GET /api/commodities')]);
      if (disposed) return;
      const zones = new Map<string, Zone>(zoneList.map((z) => [z.id, z]));
      const initial = new URLSearchParams(location.search).get('tab') ?? 'requests';
      const view = tabs([
        { id: 'requests', label: t('ops.tab.requests'), render: () => triagePanel(ctx.user!, zones, message) },
        { id: 'alerts', label: t('ops.tab.alerts'), render: () => alertsPanel(ctx.user!, zones, districts, message) },
        { id: 'playbook', label: t('ops.tab.playbook'), render: () => progressPanel(message, templateEditor(ctx.user!, districts, message)) },
        { id: 'report', label: t('ops.tab.report'), render: () => reportPanel(ctx.user!, districts, commodities, message) },
      ], initial);
      replaceChildren(body, view.el);
      live = connectLive();
      message.el.after(escalationNotice(ctx.user!, zones, live));
      el.dataset.ready = 'true';
    } catch (err) {
      if (!disposed) message.error(err);
    }
  }

  return { el, mounted: () => void mounted(), dispose() { disposed = true; live?.close(); } };
}
