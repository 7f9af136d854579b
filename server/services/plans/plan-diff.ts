import type { KpiDelta, PlanChanges, PlanComparison, PlanKpis, PlanResult, VehicleChange, ZoneChange, ZoneOutcome } from '../../contract';

// Pure: what changed from one plan's result to another's.

const EPS_KG = 1e-3;
const EPS_RATE = 1e-6;

/** Stops by vehicle in route order, named by zone id. */
function stopSequences(result: PlanResult): Map<string, string[]> {
  return new Map(result.routes.map((r) => [r.vehicleId, r.trips.flatMap((t) => t.stops.map((s) => s.zoneId))]));
}

/** Counts of each value. */
const tally = (xs: readonly string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());

/** xs minus ys as multisets, in xs's order. */
function minus(xs: readonly string[], ys: readonly string[]): string[] {
  const left = tally(ys);
  return xs.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}

/** xs keeping only the occurrences ys shares (first ones first). */
function shared(xs: readonly string[], ys: readonly string[]): string[] {
  const left = tally(ys);
  return xs.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n > 0;
  });
}

export function vehicleChanges(before: PlanResult, after: PlanResult): VehicleChange[] {
  const a = stopSequences(before);
  const b = stopSequences(after);
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: VehicleChange[] = [];
  for (const vehicleId of ids) {
    const was = a.get(vehicleId) ?? [];
    const now = b.get(vehicleId) ?? [];
    const added = minus(now, was);
    const removed = minus(was, now);
    const common1 = shared(was, now);
    const common2 = shared(now, was);
    const reordered = common1.some((z, i) => z !== common2[i]);
    if (added.length || removed.length || reordered) changes.push({ vehicleId, added, removed, reordered });
  }
  return changes;
}

const deliveredKg = (z: ZoneOutcome | undefined) => (z ? Object.values(z.deliveredKg).reduce((s, kg) => s + kg, 0) : 0);

/** The lowest fill rate over the commodities the zone needs (1 when it needs none). */
export function zoneFillRate(z: ZoneOutcome | undefined): number | null {
  if (!z) return null;
  let min = 1;
  for (const [c, demand] of Object.entries(z.demandKg)) if (demand > 0) min = Math.min(min, z.fillRate[c] ?? 0);
  return min;
}

export function zoneChanges(before: PlanResult, after: PlanResult): ZoneChange[] {
  const a = new Map(before.zones.map((z) => [z.zoneId, z]));
  const b = new Map(after.zones.map((z) => [z.zoneId, z]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: ZoneChange[] = [];
  for (const zoneId of ids) {
    const change: ZoneChange = {
      zoneId,
      deliveredBeforeKg: deliveredKg(a.get(zoneId)),
      deliveredAfterKg: deliveredKg(b.get(zoneId)),
      fillRateBefore: zoneFillRate(a.get(zoneId)),
      fillRateAfter: zoneFillRate(b.get(zoneId)),
    };
    const fillMoved = change.fillRateBefore === null || change.fillRateAfter === null
      ? change.fillRateBefore !== change.fillRateAfter
      : Math.abs(change.fillRateAfter - change.fillRateBefore) > EPS_RATE;
    if (fillMoved || Math.abs(change.deliveredAfterKg - change.deliveredBeforeKg) > EPS_KG) changes.push(change);
  }
  return changes;
}

export function planChanges(before: PlanResult, after: PlanResult): PlanChanges {
  return { vehicles: vehicleChanges(before, after), zones: zoneChanges(before, after) };
}

const KPI_KEYS = [
  'minFillRate', 'allocationFillRate', 'deliveredKg', 'demandKg', 'distanceKm', 'vehiclesUsed', 'vanUtilisation', 'zonesShort', 'minDaysOfCover',
] as const satisfies readonly (keyof PlanKpis)[];

export function kpiDeltas(before: PlanKpis, after: PlanKpis): PlanComparison['kpis'] {
  const out = {} as Record<(typeof KPI_KEYS)[number], KpiDelta>;
  for (const k of KPI_KEYS) {
    const b = before[k];
    const a = after[k];
    out[k] = { before: b, after: a, delta: a === null || b === null ? null : a - b };
  }
  return out;
}
