import type { Commodity, Depot, DepotOutlook } from '../../../server/contract';
import { request } from '../api';
import { messageBox } from '../components/messages';
import { h, replaceChildren } from '../dom';
import { getLang, localName, t } from '../i18n';

const HORIZON_DAYS = 3;

/**
 * The depots' days of stock over the next days (GET /api/depot-outlook: stock + suppliers' inbound − the vans'
 * draw, rolled day by day) and, where a depot runs short, whom to call, soonest first.
 */
export function depotOutlookPanel(date: string, depots: readonly Depot[], commodities: readonly Commodity[]): HTMLElement {
  const body = h('div', { 'data-testid': 'outlook-body' }, h('p', { class: 'muted' }, t('common.loading')));
  const message = messageBox('outlook-message');
  const commodityName = (id: string) => { const c = commodities.find((x) => x.id === id); return c ? localName(c) : id; };
  const depotName = (id: string) => { const d = depots.find((x) => x.id === id); return d ? localName(d) : id; };

  function row(depotId: string, c: string, o: DepotOutlook['commodities'][string]): HTMLElement {
    const short = o.shortOn !== null;
    return h('li', { class: short ? 'outlook-short' : '', 'data-testid': 'outlook-commodity', 'data-depot-id': depotId, 'data-commodity': c, 'data-short': String(short) },
      h('strong', null, commodityName(c)), ' ',
      h('span', { class: 'num', 'data-testid': 'outlook-days' }, o.daysOfStock !== null ? t('outlook.days', { n: o.daysOfStock.toFixed(1) }) : o.shippedKgPerDay > 0 ? t('outlook.refilled') : t('outlook.notDrawn')),
      h('div', { class: 'muted' }, t('outlook.flow', { in: Math.round(o.inboundKgPerDay).toLocaleString(), out: Math.round(o.shippedKgPerDay).toLocaleString() })),
      short ? h('div', { class: 'outlook-call', 'data-testid': 'outlook-call' },
        h('span', null, t('outlook.short', { date: o.shortOn! }), ' · ', t('outlook.call'), ' '),
        o.call.length === 0 ? h('span', null, t('outlook.noCall'))
          : o.call.slice(0, 2).map((s, i) => h('span', { 'data-supplier-id': s.supplierId },
            i > 0 ? '；' : '', getLang() === 'en' && s.nameEn ? s.nameEn : s.name, ` (${s.contact}, ${t('outlook.lead', { n: s.leadTimeDays })}${s.deliversHere ? '' : ` ${t('outlook.elsewhere')}`})`)))
        : null);
  }

  void request('GET /api/depot-outlook', { query: { date, horizonDays: HORIZON_DAYS } }).then((outlook) => {
    if (outlook.length === 0) { replaceChildren(body, h('p', { class: 'muted' }, t('outlook.none'))); return; }
    // Depots with a short commodity first, then those the vans draw on, then the idle ones (a city's coordinator
    // sees every district's depots: the ones no plan touches must not fill the first screen).
    const rank = (d: DepotOutlook) => {
      const c = Object.values(d.commodities);
      return c.some((x) => x.shortOn) ? 0 : c.some((x) => x.shippedKgPerDay > 0) ? 1 : 2;
    };
    const sorted = [...outlook].sort((a, b) => rank(a) - rank(b));
    replaceChildren(body, sorted.map((d) => h('div', { class: 'outlook-depot', 'data-testid': 'outlook-depot', 'data-depot-id': d.depotId },
      h('h4', null, depotName(d.depotId)),
      h('ul', { class: 'outlook-list' }, Object.entries(d.commodities).map(([c, o]) => row(d.depotId, c, o))))));
  }).catch((err: unknown) => { replaceChildren(body); message.error(err); });

  return h('section', { class: 'depot-outlook', 'data-testid': 'depot-outlook' },
    h('h3', null, t('outlook.title')),
    h('p', { class: 'muted' }, t('outlook.intro', { date, n: HORIZON_DAYS })),
    message.el, body);
}
