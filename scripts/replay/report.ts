// Writes the replay's HTML report (inline SVG: a map per day coloured by minimum days of cover, charts
// of tonnes delivered vs need, people by tier and server RSS; the full street-day table) and the raw
// record as JSON, under a git-ignored folder (artifacts/ is in .gitignore).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayRecord } from './records';
import { isShort, SHORT_BELOW } from './street-days';
import { terminalReport } from './table';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Red below 0.5 day, orange below 1, yellow-green below 2, green from 2; grey when unrestricted. */
export function coverColour(cover: number | null): string {
  if (cover === null) return '#ccc';
  if (cover < 0.5) return '#d7191c';
  if (cover < SHORT_BELOW) return '#fdae61';
  if (cover < 2) return '#a6d96a';
  return '#1a9641';
}

function dayMap(r: ReplayRecord, date: string, size = 220): string {
  const pts = r.zones.flatMap((z) => z.polygon[0] ?? []);
  const [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  const [y0, y1] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  const k = size / Math.max(x1 - x0, y1 - y0, 1e-9);
  const day = r.days.find((d) => d.date === date)!;
  const polys = r.zones.map((z) => {
    const s = day.streets.find((x) => x.zoneId === z.id);
    const d = (z.polygon[0] ?? []).map((p) => `${((p[0] - x0) * k).toFixed(1)},${((y1 - p[1]) * k).toFixed(1)}`).join(' ');
    const title = `${z.name} ${s?.tier ?? 'unrestricted'} cover ${s?.minCover?.toFixed(2) ?? '-'} ${s?.reasons.join(', ') ?? ''}`;
    return `<polygon points="${d}" fill="${coverColour(s?.minCover ?? null)}" stroke="#fff" stroke-width="0.5"><title>${esc(title)}</title></polygon>`;
  }).join('');
  // Street names where they fit (a few dozen zones at most).
  const labels = r.zones.length > 30 ? '' : r.zones.map((z) => {
    const ring = z.polygon[0] ?? [];
    const cx = ring.reduce((a, p) => a + p[0], 0) / Math.max(1, ring.length);
    const cy = ring.reduce((a, p) => a + p[1], 0) / Math.max(1, ring.length);
    return `<text x="${((cx - x0) * k).toFixed(1)}" y="${((y1 - cy) * k).toFixed(1)}" font-size="8" text-anchor="middle">${esc(z.name.replace(/街道$/, ''))}</text>`;
  }).join('');
  return `<figure><svg width="${size}" height="${((y1 - y0) * k).toFixed(0)}">${polys}${labels}</svg><figcaption>${date}</figcaption></figure>`;
}

function bars(title: string, labels: string[], series: { name: string; colour: string; values: number[] }[], stacked: boolean, line?: number[]): string {
  const w = Math.max(400, labels.length * 28);
  const h = 200;
  const totals = labels.map((_, i) => (stacked ? series.reduce((a, s) => a + (s.values[i] ?? 0), 0) : Math.max(...series.map((s) => s.values[i] ?? 0))));
  const max = Math.max(1, ...totals, ...(line ?? []));
  const bw = (w - 40) / labels.length;
  let out = '';
  labels.forEach((label, i) => {
    let y = h - 20;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const bh = (v / max) * (h - 40);
      const x = 40 + i * bw + (stacked ? 2 : 2 + (j * (bw - 4)) / series.length);
      const width = stacked ? bw - 4 : (bw - 4) / series.length;
      out += `<rect x="${x.toFixed(1)}" y="${(stacked ? y - bh : h - 20 - bh).toFixed(1)}" width="${width.toFixed(1)}" height="${bh.toFixed(1)}" fill="${s.colour}"><title>${esc(`${label} ${s.name}: ${v.toFixed(1)}`)}</title></rect>`;
      if (stacked) y -= bh;
    });
    if (i % Math.ceil(labels.length / 14) === 0) out += `<text x="${40 + i * bw}" y="${h - 5}" font-size="9">${label.slice(5)}</text>`;
  });
  if (line) out += `<polyline fill="none" stroke="#000" stroke-dasharray="4 2" points="${line.map((v, i) => `${(40 + i * bw + bw / 2).toFixed(1)},${(h - 20 - (v / max) * (h - 40)).toFixed(1)}`).join(' ')}"/>`;
  out += `<text x="0" y="12" font-size="10">${max.toFixed(0)}</text><text x="0" y="${h - 20}" font-size="10">0</text>`;
  const legend = series.map((s) => `<span style="color:${s.colour}">■</span> ${esc(s.name)}`).join(' ') + (line ? ' - - need' : '');
  return `<h3>${esc(title)}</h3><svg width="${w}" height="${h}">${out}</svg><div>${legend}</div>`;
}

export function reportHtml(r: ReplayRecord): string {
  const labels = r.days.map((d) => d.date);
  const colours = ['#4daf4a', '#ff7f00', '#e41a1c', '#377eb8', '#984ea3'];
  const tonnes = bars('Tonnes delivered per commodity (stacked) vs daily need', labels,
    r.commodities.map((c, i) => ({ name: c, colour: colours[i % colours.length]!, values: r.days.map((d) => (d.deliveredKg[c] ?? 0) / 1000) })), true,
    r.days.map((d) => (d.sufficiency ? Object.values(d.sufficiency.needKg).reduce((a, b) => a + b, 0) / 1000 : 0)));
  const tiers = bars('People by tier', labels, ['sealed', 'controlled', 'precaution'].map((t, i) => ({ name: t, colour: ['#d7191c', '#fdae61', '#abd9e9'][i]!, values: r.days.map((d) => d.peopleByTier[t] ?? 0) })), true);
  const rss = bars('Server RSS at the end of each day (MB)', labels, [{ name: 'RSS MB', colour: '#377eb8', values: r.days.map((d) => d.rssMb ?? 0) }], false);
  const maps = r.zones.length <= 300 ? r.days.map((d) => dayMap(r, d.date)).join('') : [r.days[0], r.days.at(-1)].filter(Boolean).map((d) => dayMap(r, d!.date, 500)).join('');
  const rows = r.days.flatMap((d) => d.streets.map((s) => `<tr class="${isShort(s.minCover) ? 'low' : ''}"><td>${d.date}</td><td>${esc(s.name)}</td><td>${s.tier ?? '—'}</td><td>${s.population}</td>${
    r.commodities.map((c) => `<td>${((s.deliveredKg[c] ?? 0) / 1000).toFixed(2)}</td>`).join('')}<td style="background:${coverColour(s.minCover)}">${s.minCover?.toFixed(2) ?? '—'}</td><td>${s.residentsWithoutDelivery}</td><td>${s.alertsRaised}/${s.alertsClosed}</td><td>${esc(s.reasons.join(', '))}</td></tr>`));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Replay ${esc(r.scenario)} ${r.from}..${r.to}</title>
<style>body{font:13px system-ui,sans-serif;margin:1.5em}figure{display:inline-block;margin:4px}figcaption{text-align:center;font-size:11px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 5px;text-align:right}tr.low td{font-weight:bold}pre{background:#f6f6f6;padding:8px;overflow:auto}</style></head><body>
<h1>保供 replay: ${esc(r.scenario)} ${r.from} – ${r.to}</h1>
<p>Speed ${r.speed}×, seed ${r.seed}. Days of cover = what drivers handed off that day ÷ the zone's daily need (rations + special-needs uplifts), minimum over commodities.
Colours: <span style="color:#d7191c">■</span> &lt;0.5 <span style="color:#fdae61">■</span> &lt;1 <span style="color:#a6d96a">■</span> &lt;2 <span style="color:#1a9641">■</span> ≥2 <span style="color:#ccc">■</span> unrestricted.</p>
<h2>Minimum days of cover by street, day by day</h2>${maps}
<h2>Charts</h2>${tonnes}${tiers}${rss}
<h2>Terminal report</h2><pre>${esc(terminalReport(r))}</pre>
<h2>Every street-day</h2><table><tr><th>date</th><th>street</th><th>tier</th><th>people</th>${r.commodities.map((c) => `<th>t ${c}</th>`).join('')}<th>min cover</th><th>no delivery</th><th>alerts +/−</th><th>reasons (cover &lt; 1)</th></tr>${rows.join('')}</table>
</body></html>`;
}

export function writeReport(r: ReplayRecord, dir: string): { html: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const stem = `${r.scenario.replace(/[^a-z0-9-]/gi, '_')}-${r.from}-${r.to}`;
  const html = join(dir, `${stem}.html`);
  const json = join(dir, `${stem}.json`);
  writeFileSync(html, reportHtml(r));
  writeFileSync(json, JSON.stringify(r, null, 1));
  return { html, json };
}
