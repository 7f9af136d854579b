// The replay's terminal report: a line per day, a day × street grid of minimum cover, and every
// street-day below one day of cover with its reasons.
import type { ReplayRecord } from './records';
import { isShort, SHORT_BELOW } from './street-days';
import { channelShares } from './channel-shares';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const t = (kg: number | undefined) => ((kg ?? 0) / 1000).toFixed(1);

export function dayTable(r: ReplayRecord): string {
  const cs = r.commodities;
  const head = ['date', 'sealed', 'ctrl', 'precau', ...cs.map((c) => `t ${c.slice(0, 4)}`), 'need t', 'minCov', '<1', 'noDeliv', 'suff', 'plans (ms)', 'req', 'alerts +/-', 'RSS MB'];
  const rows = r.days.map((d) => {
    const active = d.streets.filter((s) => s.minCover !== null);
    const min = active.length ? Math.min(...active.map((s) => s.minCover!)) : null;
    const need = d.sufficiency ? Object.values(d.sufficiency.needKg).reduce((a, b) => a + b, 0) : 0;
    const suff = d.sufficiency ? (d.sufficiency.sufficient ? 'yes' : `no:${d.sufficiency.stock ? '' : 'stock'}${!d.sufficiency.stock && !d.sufficiency.fleet ? '+' : ''}${d.sufficiency.fleet ? '' : 'fleet'}`) : '-';
    return [
      d.date, String(d.peopleByTier.sealed ?? 0), String(d.peopleByTier.controlled ?? 0), String(d.peopleByTier.precaution ?? 0),
      ...cs.map((c) => t(d.deliveredKg[c])), t(need), min === null ? '-' : min.toFixed(2),
      String(active.filter((s) => isShort(s.minCover)).length), String(d.streets.reduce((a, s) => a + s.residentsWithoutDelivery, 0)), suff,
      d.plans.map((p) => `${p.kind === 'replan' ? 'R' : 'P'}${p.totalMs}`).join(' ') || '-',
      String(d.requestsFiled), `${d.alertsRaised}/${d.alertsClosed}`, d.rssMb === null ? '-' : String(d.rssMb),
    ];
  });
  return grid(head, rows);
}

function grid(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function coverGrid(r: ReplayRecord): string {
  const zones = r.zones.map((z) => z.id);
  if (zones.length > 30) return `(cover grid omitted: ${zones.length} zones; see the HTML report)`;
  const head = ['date', ...r.zones.map((z) => z.name)];
  const rows = r.days.map((d) => [d.date, ...zones.map((id) => {
    const s = d.streets.find((x) => x.zoneId === id);
    if (!s || s.minCover === null) return '·';
    return `${s.minCover.toFixed(2)}${isShort(s.minCover) ? '!' : ''}${s.tier === 'sealed' ? 'S' : s.tier === 'controlled' ? 'C' : 'p'}`;
  })]);
  return grid(head, rows);
}

export function flagged(r: ReplayRecord): string {
  const lines: string[] = [];
  for (const d of r.days) {
    for (const s of d.streets.filter((x) => isShort(x.minCover))) {
      lines.push(`${d.date} ${pad(s.name, 4)} ${pad(s.tier ?? '', 10)} cover ${s.minCover!.toFixed(2)} (${s.worstCommodity})  ${s.reasons.join(', ') || 'NO REASON RECORDED'}${d.sufficiency?.sufficient ? '  [supply was sufficient]' : ''}`);
    }
  }
  return lines.length ? lines.join('\n') : '(none)';
}

export function sealsTable(r: ReplayRecord): string {
  if (!r.seals.length) return '(no sealing in range)';
  if (r.seals.length > 30) {
    const late = r.seals.filter((s) => s.latencyS === null || s.latencyS > (r.limitS ?? Infinity));
    const worst = Math.max(...r.seals.map((s) => s.latencyS ?? Infinity));
    return `${r.seals.length} zones sealed or controlled; slowest published after ${worst.toFixed(1)} s (playbook limit ${r.limitS ?? 'none'} s); over the limit or unplanned: ${late.length}`;
  }
  return r.seals.map((s) => `${s.date} ${pad(s.zoneId, 18)} ${pad(s.tier, 10)} published after ${s.latencyS === null ? 'NO PLAN' : `${s.latencyS.toFixed(1)} s`} (playbook limit ${r.limitS ?? 'none'} s)${s.latencyS !== null && r.limitS !== null && s.latencyS > r.limitS ? ' OVER THE LIMIT' : ''}`).join('\n');
}

export function failuresText(r: ReplayRecord): string {
  const lines = r.days.flatMap((d) => [...d.failures.map((f) => `${d.date} ${f}`), ...d.plans.filter((p) => p.kind === 'replan').map((p) => `${d.date} replan (${p.trigger}): ${p.totalMs} ms, ${p.zonesShort} zones short`)]);
  return lines.length ? lines.join('\n') : '(none)';
}

/** What supply could do, said plainly: days the depots' own vans could not haul the need, and by how much. */
export function supplyVerdict(r: ReplayRecord): string {
  const days = r.days.filter((d) => d.sufficiency);
  const short = days.filter((d) => !d.sufficiency!.sufficient);
  const vansOnly = days.filter((d) => d.sufficiency!.vansSufficient).length;
  const lines = [
    `Supply was sufficient over every channel, street by street (for every commodity, what the vans can haul ≥ Σ over streets of max(0, 2 × need − homes' stock − other channels)) on ${days.length - short.length} of ${days.length} days with restricted zones`
    + ` (the vans alone: ${vansOnly}); street-days under 1 day of cover: ${days.flatMap((d) => d.streets.filter((s) => isShort(s.minCover))).length}.`,
  ];
  // Consecutive days with the same verdict share a line.
  let run: { from: string; to: string; text: string } | null = null;
  const flush = () => { if (run) lines.push(`  ${run.from}${run.to !== run.from ? `..${run.to}` : ''}: ${run.text}`); };
  for (const d of short) {
    const s = d.sufficiency!;
    const need = Object.values(s.needKg).reduce((a, b) => a + b, 0);
    // A record from before the street-by-street verdict has no streetGapKg: the need stands in for it.
    const gapOf = (c: string) => s.streetGapKg?.[c] ?? s.needKg[c] ?? 0;
    const gaps = Object.keys(s.needKg).filter((c) => (s.haulableKg[c] ?? 0) < gapOf(c) - 1e-6)
      .map((c) => `${c} ${t(s.haulableKg[c])}/${t(gapOf(c))} t${(s.stockKg[c] ?? 0) < gapOf(c) ? ' (stock short)' : ' (vans short)'}`);
    const text = `need ${t(need)} t/day, fleet can haul ${t(s.fleetKg)} t/day (cold chain ${t(s.coldFleetKg)} t); haulable/streets' gap: ${gaps.join(', ')}`;
    const prev = r.days[r.days.indexOf(d) - 1];
    if (run && run.text === text && prev?.date === run.to) run.to = d.date;
    else { flush(); run = { from: d.date, to: d.date, text }; }
  }
  flush();
  return lines.join('\n');
}

export function terminalReport(r: ReplayRecord): string {
  return [
    `Replay ${r.scenario} ${r.from}..${r.to}, speed ${r.speed}, seed ${r.seed}`,
    '', 'Per day (people by tier; tonnes delivered; need; min cover; street-days < 1; residents with no delivery; supply sufficient; plans P/replans R with ms; requests filed; alerts raised/closed; server RSS):',
    dayTable(r), '', 'Minimum days of cover per street (S sealed, C controlled, p precaution, ! below 1, · unrestricted):', coverGrid(r),
    '', 'Sealing → published plan:', sealsTable(r), '', 'Injected failures and replans:', failuresText(r),
    '', 'Supply verdict:', supplyVerdict(r),
    '', 'Share of need met by each channel (kg brought ÷ kg needed, all commodities; the rest came from the homes\' stock or was missing):', channelShares(r),
    '', 'Street-days below 1 day of cover, with reasons:', flagged(r),
  ].join('\n');
}
