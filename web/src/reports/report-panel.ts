import type { Commodity, DailyReport, District, User } from '../../../server/contract';
import { buildPath, request } from '../api';
import type { MessageBox } from '../components/messages';
import { formatNumber, h, replaceChildren } from '../dom';
import { localName, t } from '../i18n';
import { latestOnly } from '../latest';
import { today } from '../local-time';

/**
 * The daily report: a district's (officials: their own) or the province's, as a printable sheet
 * (print CSS hides everything else) and as a CSV download from the server.
 */
export function reportPanel(user: User, districts: readonly District[], commodities: readonly Commodity[], message: MessageBox): HTMLElement {
  const el = h('section', { class: 'ops-panel report-panel', 'data-testid': 'report' });
  const sheet = h('div', { class: 'report-sheet', 'data-testid': 'report-sheet' });
  const date = h('input', { type: 'date', 'data-testid': 'report-date', value: today() });
  const scope = h('select', { 'data-testid': 'report-scope', disabled: user.role !== 'coordinator' },
    user.role === 'coordinator' ? h('option', { value: '' }, t('report.province')) : null,
    districts.filter((d) => user.role === 'coordinator' || d.id === user.districtId).map((d) => h('option', { value: d.id }, localName(d))));
  const csv = h('a', { class: 'button', 'data-testid': 'report-csv', download: '' }, t('report.csv'));
  const name = (id: string) => { const c = commodities.find((x) => x.id === id); return c ? localName(c) : id; };

  function render(r: DailyReport): void {
    const scopeName = r.districtId ? localName(districts.find((d) => d.id === r.districtId) ?? { name: r.districtId }) : t('report.province');
    const perCommodity = (values: Record<string, number>, digits: number) =>
      Object.entries(values).map(([c, v]) => `${name(c)} ${v.toFixed(digits)}`).join('，') || '—';
    const rows: Array<[string, string]> = [
      [t('report.zonesSealed'), String(r.zonesSealed)],
      [t('report.people'), formatNumber(r.peopleCovered)],
      [t('report.tonnes'), perCommodity(r.tonnesDelivered, 3)],
      [t('report.cover'), r.minDaysOfCover ? perCommodity(r.minDaysOfCover, 1) : t('report.noPlan')],
      [t('report.received'), String(r.requestsReceived)],
      [t('report.resolved'), String(r.requestsResolved)],
      [t('report.median'), r.medianResolveS === null ? '—' : t('age.h', { n: (r.medianResolveS / 3600).toFixed(1) })],
      [t('report.alerts'), `${r.alertsByColour.yellow} / ${r.alertsByColour.orange} / ${r.alertsByColour.red}`],
    ];
    replaceChildren(sheet, h('h2', { 'data-testid': 'report-title' }, t('report.title', { scope: scopeName, date: r.date })),
      h('table', { class: 'ops-table report-table' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', null, k), h('td', { 'data-testid': 'report-value' }, v))))));
  }

  // Only the latest Show click is drawn: a slow report for an earlier date or scope answered last
  // would otherwise sit under the newer date (and next to a CSV link for the newer one).
  const reads = latestOnly();

  async function load(): Promise<void> {
    const query = { date: date.value, ...(scope.value ? { districtId: scope.value } : {}) };
    csv.setAttribute('href', buildPath('GET /api/reports/daily.csv', {}, query));
    await reads.run(() => request('GET /api/reports/daily', { query }), (report) => {
      render(report);
      el.dataset.ready = 'true';
    }, (err) => message.error(err));
  }

  replaceChildren(el,
    h('div', { class: 'ops-toolbar no-print' },
      h('label', null, t('report.date'), ' ', date), h('label', null, t('report.scope'), ' ', scope),
      h('button', { type: 'button', 'data-testid': 'report-show', onclick: () => void load() }, t('report.show')),
      csv, h('button', { type: 'button', 'data-testid': 'report-print', onclick: () => window.print() }, t('report.print'))),
    sheet);
  void load();
  return el;
}
