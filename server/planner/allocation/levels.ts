import { GroupNetwork } from './group-flow';
import type { CommodityPart } from './parts';
import { TOLERANCE_KG } from './tolerance';

/**
 * Zones and depots frozen together at one level: the depots are exhausted and serve only these
 * zones, which can get no more (a tight set: delivered(zones) = stock(depots)). The last stratum
 * of a part may be `full`: every remaining zone gets its whole demand and the depots keep a surplus.
 */
export interface Stratum {
  level: number;
  full: boolean;
  zones: number[];
  depots: number[];
}

export interface Levels {
  /** Leximin delivery per local zone. */
  deliveredKg: Float64Array;
  strata: Stratum[];
}

/**
 * Leximin of the levels by progressive filling, each step exact:
 * - t* of the live zones is max t such that requirement(t) is feasible. Feasibility is a max-flow
 *   question (LP duality: max flow = min cut, i.e. Hall's condition for every zone set S:
 *   Σ_{z∈S} required_z(t) ≤ stock(N(S))). t* is found by Newton's method on cuts: at an infeasible
 *   t the minimum cut names a violated set S; the root of Σ_S required(t) = stock(N(S)) (piecewise
 *   linear, solved exactly) is the next t. t strictly falls and no set repeats, so it stops, and
 *   where it stops t is feasible and a cut is tight: t* exactly.
 * - At t* the sink side of the cut with the largest sink side is the set of zones that cannot be
 *   raised; they are frozen with their depots, which serve nobody else, and the rest is solved on.
 */
export function leximinLevels(part: CommodityPart): Levels {
  const n = part.zones.length;
  const alpha = Float64Array.from(part.demandKg, (q, z) => q / part.weight[z]!);
  const beta = Float64Array.from(part.demandKg, (q, z) => q - alpha[z]!);
  const required = (z: number, t: number) => Math.max(0, alpha[z]! * t + beta[z]!);

  const { groupZones, groupZoneStart, groupArcStart, arcDepot } = groupZonesByDepots(part);
  const groups = groupArcStart.length - 1;
  const epsKg = TOLERANCE_KG;
  const net = new GroupNetwork(part.stockKg, groupArcStart, arcDepot, epsKg);
  const zonesOf = (g: number) => groupZones.subarray(groupZoneStart[g]!, groupZoneStart[g + 1]!);

  const deliveredKg = new Float64Array(n);
  const strata: Stratum[] = [];
  let liveGroups = groups;
  while (liveGroups > 0) {
    let t = 1;
    let lastCut: number[] | undefined;
    for (let iteration = 0; ; iteration++) {
      for (let g = 0; g < groups; g++) {
        if (!net.groupAlive[g]) continue;
        let kg = 0;
        for (const z of zonesOf(g)) kg += required(z, t);
        net.setRequirement(g, kg);
      }
      net.maxFlow();
      if (net.deficitKg() <= epsKg || iteration > 10_000) break;
      const reach = net.reachable();
      const cut: number[] = [];
      for (let g = 0; g < groups; g++) if (net.groupAlive[g] && !reach.groups[g]) cut.push(g);
      let stockKg = 0;
      for (let d = 0; d < net.depotCount; d++) if (net.depotAlive[d] && !reach.depots[d]) stockKg += part.stockKg[d]!;
      const zones: number[] = [];
      for (const g of cut) zones.push(...zonesOf(g));
      const next = levelWhereRequirementIs(zones, stockKg, alpha, beta);
      lastCut = cut;
      if (!(next < t - 1e-13 * (1 + Math.abs(t)))) break;
      t = next;
    }

    const stratum: Stratum = { level: Math.min(t, 1), full: t >= 1, zones: [], depots: [] };
    const reach = net.reachable();
    let frozen: number[] = [];
    for (let g = 0; g < groups; g++) if (net.groupAlive[g] && (stratum.full || !reach.groups[g])) frozen.push(g);
    // Rounding can leave a cut a hair short of tight; the cut that set t is tight by construction.
    const fallback = frozen.length === 0;
    if (fallback) frozen = lastCut ?? [];
    if (frozen.length === 0) throw new Error('allocation: no progress in leximin levels');
    const touched = new Uint8Array(net.depotCount);
    for (const g of frozen) {
      net.groupAlive[g] = 0;
      liveGroups--;
      for (const z of zonesOf(g)) {
        deliveredKg[z] = stratum.full ? part.demandKg[z]! : required(z, t);
        stratum.zones.push(z);
      }
      for (let a = groupArcStart[g]!; a < groupArcStart[g + 1]!; a++) touched[arcDepot[a]!] = 1;
    }
    for (let d = 0; d < net.depotCount; d++) {
      // Unreachable depots are exhausted and serve only the frozen groups.
      const exhausted = fallback ? touched[d] === 1 : !reach.depots[d];
      if (net.depotAlive[d] && (stratum.full || exhausted)) {
        net.depotAlive[d] = 0;
        stratum.depots.push(d);
      }
    }
    stratum.zones.sort((a, b) => a - b);
    strata.push(stratum);
  }
  return { deliveredKg, strata };
}

/** Root of Σ_z max(0, α_z t + β_z) = stockKg: the sum is convex, increasing and piecewise linear. */
export function levelWhereRequirementIs(zones: readonly number[], stockKg: number, alpha: Float64Array, beta: Float64Array): number {
  // Zone z needs nothing below its breakpoint −β/α = 1 − weight; enter zones by breakpoint.
  const order = zones.slice().sort((a, b) => -beta[a]! / alpha[a]! - -beta[b]! / alpha[b]! || a - b);
  let sumAlpha = 0;
  let sumBeta = 0;
  for (let i = 0; i < order.length; i++) {
    const z = order[i]!;
    sumAlpha += alpha[z]!;
    sumBeta += beta[z]!;
    const t = (stockKg - sumBeta) / sumAlpha;
    const nz = order[i + 1];
    if (nz === undefined || t <= -beta[nz]! / alpha[nz]!) return t;
  }
  return Number.NEGATIVE_INFINITY;
}

function groupZonesByDepots(part: CommodityPart) {
  const n = part.zones.length;
  const index = new Map<string, number>();
  const groupOf = new Int32Array(n);
  const keys: number[][] = [];
  for (let z = 0; z < n; z++) {
    const depots = Array.from(part.arcDepot.subarray(part.arcStart[z]!, part.arcStart[z + 1]!)).sort((a, b) => a - b);
    const key = depots.join(',');
    let g = index.get(key);
    if (g === undefined) {
      g = keys.length;
      index.set(key, g);
      keys.push(depots);
    }
    groupOf[z] = g;
  }
  const groups = keys.length;
  const groupZoneStart = new Int32Array(groups + 1);
  for (const g of groupOf) groupZoneStart[g + 1]!++;
  for (let g = 0; g < groups; g++) groupZoneStart[g + 1]! += groupZoneStart[g]!;
  const fill = groupZoneStart.slice(0, groups);
  const groupZones = new Int32Array(n);
  for (let z = 0; z < n; z++) groupZones[fill[groupOf[z]!]!++] = z;
  const groupArcStart = new Int32Array(groups + 1);
  keys.forEach((k, g) => (groupArcStart[g + 1] = groupArcStart[g]! + k.length));
  const arcDepot = Int32Array.from(keys.flat());
  return { groupZones, groupZoneStart, groupArcStart, arcDepot };
}
