// The report's channel lines: per day, the share of the street-days' need each channel met, and the streets
// that would have run out of something without the vans.
import type { ReplayRecord } from './records';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** kind → kg brought, and the need, over all commodities and streets of the days given. */
export function channelTotals(days: ReplayRecord['days']): { needKg: number; byKind: Record<string, number> } {
  let needKg = 0;
  const byKind: Record<string, number> = {};
  for (const d of days) for (const s of d.streets.filter((x) => x.tier !== null)) {
    needKg += Object.values(s.needKg).reduce((a, b) => a + b, 0);
    for (const [kind, kg] of Object.entries(s.suppliedKgByChannel ?? {})) byKind[kind] = (byKind[kind] ?? 0) + Object.values(kg).reduce((a, b) => a + b, 0);
  }
  return { needKg, byKind };
}

export function channelShares(r: ReplayRecord): string {
  const kinds = [...new Set(r.days.flatMap((d) => d.streets.flatMap((s) => Object.keys(s.suppliedKgByChannel ?? {}))))].sort();
  const line = (label: string, days: ReplayRecord['days']) => {
    const { needKg, byKind } = channelTotals(days);
    return `${label}  need ${(needKg / 1000).toFixed(1)} t: ${kinds.map((k) => `${k} ${needKg > 0 ? pct((byKind[k] ?? 0) / needKg) : '-'}`).join(', ')}`;
  };
  const lines = r.days.filter((d) => d.sufficiency).map((d) => {
    const out = d.streets.filter((s) => (s.outWithoutVans ?? []).length > 0).map((s) => `${s.name}(${s.outWithoutVans.join('/')})`);
    return `${line(d.date, [d])}; would run out without the vans: ${out.join(', ') || 'none'}`;
  });
  lines.push(line('all days  ', r.days));
  return lines.join('\n');
}
