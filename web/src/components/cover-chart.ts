import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Commodity, CoverHistory } from '../../../server/contract';
import { request } from '../api';
import { h, replaceChildren } from '../dom';
import { localName, t } from '../i18n';
import { latestOnly } from '../latest';
import { messageBox } from './messages';

const COLOURS = ['#2e7d32', '#f9a825', '#c62828', '#6d4c41', '#1565c0', '#6a1b9a'];
const WIDTH = 360;
const HEIGHT = 200;

/** uPlot's x values: seconds at the day's noon UTC (the label shows MM-DD). */
const dayToX = (day: string): number => Date.parse(`${day}T12:00:00Z`) / 1000;

/**
 * The district's days of cover over the last days per commodity (uPlot): dashed the plan in force, solid the recorded
 * handoffs. What the numbers are is said under the chart (server/domain/cover-history.ts has the details).
 */
export function coverChart(districtId: string, commodities: readonly Commodity[]): { el: HTMLElement; load(): Promise<void>; destroy(): void } {
  const message = messageBox('chart-message');
  const plotEl = h('div', { class: 'cover-chart-plot' });
  const el = h('section', { class: 'cover-chart', 'data-testid': 'cover-chart' },
    h('h3', null, t('chart.title')), plotEl, h('p', { class: 'muted small', 'data-testid': 'chart-caption' }, t('chart.caption')), message.el);
  let plot: uPlot | null = null;
  // Each delivery reloads the chart: only the latest read is drawn. After destroy() (the page was
  // left) a reply builds nothing: no uPlot on a detached element, no error shown.
  const reads = latestOnly();
  let destroyed = false;

  function draw(history: CoverHistory): void {
    plot?.destroy();
    const shown = commodities.filter((c) => history.commodities[c.id]);
    const series: uPlot.Series[] = [{ value: (_u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(5, 10)) }];
    const data: (number | null)[][] = [history.days.map(dayToX)];
    let points = 0;
    shown.forEach((c, i) => {
      const s = history.commodities[c.id]!;
      const stroke = COLOURS[i % COLOURS.length]!;
      series.push({ label: t('chart.planned', { name: localName(c) }), stroke, dash: [6, 4], width: 1.5, points: { show: true, size: 5 } });
      series.push({ label: t('chart.delivered', { name: localName(c) }), stroke, width: 2, points: { show: true, size: 6 } });
      data.push(s.planned, s.delivered);
      points += s.planned.filter((v) => v !== null).length + s.delivered.filter((v) => v !== null).length;
    });
    el.dataset.points = String(points);
    el.dataset.days = String(history.days.length);
    if (points === 0) { replaceChildren(plotEl, h('p', { class: 'muted', 'data-testid': 'chart-empty' }, t('chart.empty'))); return; }
    replaceChildren(plotEl);
    plot = new uPlot({
      width: WIDTH, height: HEIGHT, series,
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1 * 10) / 10)] } },
      axes: [
        // One tick per day shown (the x values are the days).
        { splits: (u) => [...(u.data[0] as number[])], values: (_u, xs) => xs.map((x) => new Date(x * 1000).toISOString().slice(5, 10)), space: 40 },
        { label: t('chart.days'), size: 50 },
      ],
      legend: { show: true, live: false },
      cursor: { show: true },
    }, data as uPlot.AlignedData, plotEl);
  }

  return {
    el,
    async load() {
      await reads.run(() => request('GET /api/districts/:id/cover-history', { params: { id: districtId }, query: { days: 7 } }), (history) => {
        if (destroyed) return;
        draw(history);
        el.dataset.ready = 'true';
      }, (err) => { if (!destroyed) message.error(err); });
    },
    destroy() { destroyed = true; plot?.destroy(); plot = null; },
  };
}
