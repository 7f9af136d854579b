import { FlowNetwork } from '../allocation/max-flow';
import { buildCommodityParts, buildDistanceTable, validWeight } from '../allocation/parts';
import type { AllocationInput, AllocationLimit } from '../allocation/types';

type StockLimit = Extract<AllocationLimit, { kind: 'depot-stock' }>;

/** The kg added at a depot when its marginal value is measured: the what-if is "one more kg". */
export const PROBE_KG = 1;
/** Absolute, in kg: a flow this close to the requirement meets it (max-flow rounding only). */
const FEASIBLE_KG = 1e-6;

/**
 * Marginal value of one more kg of a commodity at each depot of a stock limit: how far the level of
 * the limit's zones rises. The limit's dual (1 ÷ α, α = Σ demand ÷ weight over the group) is the
 * answer when that kg can reach every tight subgroup; a depot outside a tight subgroup's reach
 * raises nothing (that subgroup stays at the level). One max flow at level + 1 kg × dual decides which;
 * when it fails, bisection finds the level the kg really buys. Keyed `limitIndex|depotId`.
 */
export function stockGains(input: AllocationInput, limits: readonly AllocationLimit[], nearestDepots: number): Map<string, number> {
  const gains = new Map<string, number>();
  const stockLimits = limits.map((l, i) => [l, i] as const).filter((x): x is readonly [StockLimit, number] => x[0].kind === 'depot-stock');
  if (stockLimits.length === 0) return gains;
  const table = buildDistanceTable(input);
  const depotIndex = new Map(input.depots.map((d, i) => [d.id, i]));
  const zoneIndex = new Map(input.zones.map((z, i) => [z.id, i]));
  const arcsByCommodity = new Map<string, Map<number, number[]>>();
  const arcsOf = (c: string) => {
    let arcs = arcsByCommodity.get(c);
    if (arcs) return arcs;
    arcs = new Map();
    const k = Math.max(1, Math.floor(nearestDepots));
    for (const part of buildCommodityParts(input, table, c, k, Number.POSITIVE_INFINITY).parts) {
      part.zones.forEach((z, i) => {
        const ds: number[] = [];
        for (let a = part.arcStart[i]!; a < part.arcStart[i + 1]!; a++) ds.push(part.depots[part.arcDepot[a]!]!);
        arcs!.set(z, ds);
      });
    }
    arcsByCommodity.set(c, arcs);
    return arcs;
  };
  for (const [limit, index] of stockLimits) {
    const arcs = arcsOf(limit.commodityId);
    const depots = limit.depotIds.map((id) => depotIndex.get(id)!);
    const zones = limit.zoneIds.map((id) => zoneIndex.get(id)!);
    for (const d of depots) {
      gains.set(`${index}|${input.depots[d]!.id}`, depotGain(input, limit, depots, zones, arcs, d));
    }
  }
  return gains;
}

function depotGain(input: AllocationInput, limit: StockLimit, depots: number[], zones: number[], arcs: Map<number, number[]>, probe: number): number {
  const dual = limit.levelGainPerKg;
  if (!(dual > 0)) return 0;
  const feasible = (level: number) => groupFeasible(input, limit.commodityId, depots, zones, arcs, probe, level);
  const target = limit.level + PROBE_KG * dual;
  if (feasible(target)) return dual;
  let lo = limit.level;
  let hi = target;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (feasible(mid)) lo = mid;
    else hi = mid;
  }
  return (lo - limit.level) / PROBE_KG;
}

/** Can the group's zones all reach `level` from the group's depots, with PROBE_KG more at `probe`? */
function groupFeasible(input: AllocationInput, c: string, depots: number[], zones: number[], arcs: Map<number, number[]>, probe: number, level: number): boolean {
  const net = new FlowNetwork(1e-12);
  const source = net.addNode();
  const sink = net.addNode();
  const node = new Map<number, number>();
  for (const d of depots) {
    const n = net.addNode();
    node.set(d, n);
    net.addArc(source, n, Math.max(0, input.depots[d]!.stockKg[c] ?? 0) + (d === probe ? PROBE_KG : 0));
  }
  let required = 0;
  for (const z of zones) {
    const zone = input.zones[z]!;
    const w = validWeight(zone.weight);
    const need = (zone.demandKg[c] ?? 0) * Math.min(1, Math.max(0, 1 - (1 - level) / w));
    if (need <= 0) continue;
    required += need;
    const n = net.addNode();
    net.addArc(n, sink, need);
    for (const d of arcs.get(z) ?? []) {
      const from = node.get(d);
      if (from !== undefined) net.addArc(from, n, Number.POSITIVE_INFINITY);
    }
  }
  return net.maxFlow(source, sink) >= required - FEASIBLE_KG;
}
