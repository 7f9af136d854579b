import { leximinLevels, type Stratum } from './levels';
import { minCostTransport } from './min-cost';
import { buildCommodityParts, buildDistanceTable, validWeight, type CommodityPart } from './parts';
import { TOLERANCE_KG } from './tolerance';
import type {
  AllocationFlow,
  AllocationInput,
  AllocationLimit,
  AllocationOptions,
  AllocationPart,
  AllocationResult,
  ZoneFill,
} from './types';

export const DEFAULT_NEAREST_DEPOTS = 3;

/**
 * Fair allocation (see types.ts for the exact definition): leximin levels per commodity and part by
 * parametric max flow, then minimum tonne-km for exactly those quantities by min-cost flow.
 *
 * Both are the LP optimum, not approximations: the max-min LP of a part is a flow LP (its matrix
 * is a network matrix), max-flow/min-cut is its duality, and min-cost flow solves the second LP;
 * the tests check both against javascript-lp-solver on the full LP. javascript-lp-solver itself is
 * not used here because its dense tableau is far too slow at city size (see the benchmark).
 */
export function allocate(input: AllocationInput, options: AllocationOptions = {}): AllocationResult {
  const k = Math.max(1, Math.floor(options.nearestDepots ?? DEFAULT_NEAREST_DEPOTS));
  const maxDistanceM = options.maxDistanceM ?? Number.POSITIVE_INFINITY;
  const table = buildDistanceTable(input);
  const result: AllocationResult = {
    flows: [],
    fills: [],
    parts: [],
    limits: [],
    minLevel: 1,
    minFillRate: 1,
    deliveredKg: 0,
    demandKg: 0,
    tonneKm: 0,
  };
  for (const { id: commodityId } of input.commodities) {
    const { parts, unreachableZones } = buildCommodityParts(input, table, commodityId, k, maxDistanceM);
    if (unreachableZones.length > 0) {
      result.limits.push({ kind: 'no-reachable-stock', commodityId, zoneIds: unreachableZones.map((z) => input.zones[z]!.id) });
    }
    for (const z of unreachableZones) {
      const zone = input.zones[z]!;
      const demandKg = zone.demandKg[commodityId]!;
      result.fills.push({ zoneId: zone.id, commodityId, demandKg, deliveredKg: 0, fillRate: 0, level: 1 - validWeight(zone.weight) });
      result.demandKg += demandKg;
    }
    for (const part of parts) solvePart(input, commodityId, part, result);
  }
  for (const fill of result.fills) {
    result.minLevel = Math.min(result.minLevel, fill.level);
    result.minFillRate = Math.min(result.minFillRate, fill.fillRate);
  }
  return result;
}

function solvePart(input: AllocationInput, commodityId: string, part: CommodityPart, result: AllocationResult): void {
  const levels = leximinLevels(part);
  const deliveredKg = new Float64Array(part.zones.length);
  let totalKg = 0;
  for (const q of part.demandKg) totalKg += q;
  const epsKg = TOLERANCE_KG;
  const summary: AllocationPart = {
    commodityId,
    depotIds: Array.from(part.depots, (d) => input.depots[d]!.id),
    zoneIds: Array.from(part.zones, (z) => input.zones[z]!.id),
    minLevel: 1,
    minFillRate: 1,
    deliveredKg: 0,
    demandKg: totalKg,
    tonneKm: 0,
  };
  for (const stratum of levels.strata) {
    const problem = stratumTransport(part, stratum, levels.deliveredKg);
    const flow = minCostTransport(problem, epsKg);
    for (let a = 0; a < flow.length; a++) {
      const kg = flow[a]!;
      if (kg <= epsKg) continue;
      const z = problem.zones[problem.zoneOfArc[a]!]!;
      const distanceM = problem.arcCost[a]!;
      deliveredKg[z]! += kg;
      summary.tonneKm += (kg * distanceM) / 1e6;
      result.flows.push({
        depotId: input.depots[part.depots[stratum.depots[problem.arcDepot[a]!]!]!]!.id,
        zoneId: input.zones[part.zones[z]!]!.id,
        commodityId,
        kg,
        distanceM,
      });
    }
    if (!stratum.full) result.limits.push(...stratumLimits(input, commodityId, part, stratum));
  }
  part.zones.forEach((zone, z) => {
    const demandKg = part.demandKg[z]!;
    const fillRate = Math.min(1, deliveredKg[z]! / demandKg);
    const fill: ZoneFill = {
      zoneId: input.zones[zone]!.id,
      commodityId,
      demandKg,
      deliveredKg: deliveredKg[z]!,
      fillRate,
      level: 1 - part.weight[z]! * (1 - fillRate),
    };
    result.fills.push(fill);
    summary.minLevel = Math.min(summary.minLevel, fill.level);
    summary.minFillRate = Math.min(summary.minFillRate, fillRate);
    summary.deliveredKg += fill.deliveredKg;
  });
  result.parts.push(summary);
  result.deliveredKg += summary.deliveredKg;
  result.demandKg += summary.demandKg;
  result.tonneKm += summary.tonneKm;
}

/** A stratum's zones draw only from its own depots, so it is a transportation problem of its own. */
function stratumTransport(part: CommodityPart, stratum: Stratum, deliveredKg: Float64Array) {
  const localDepot = new Map(stratum.depots.map((d, i) => [d, i]));
  const arcStart = new Int32Array(stratum.zones.length + 1);
  const arcDepot: number[] = [];
  const arcCost: number[] = [];
  const zoneOfArc: number[] = [];
  stratum.zones.forEach((z, i) => {
    for (let a = part.arcStart[z]!; a < part.arcStart[z + 1]!; a++) {
      const d = localDepot.get(part.arcDepot[a]!);
      if (d === undefined) continue; // exhausted by a lower stratum
      arcDepot.push(d);
      arcCost.push(part.arcDistanceM[a]!);
      zoneOfArc.push(i);
    }
    arcStart[i + 1] = arcDepot.length;
  });
  return {
    zones: stratum.zones,
    zoneOfArc,
    capKg: Float64Array.from(stratum.depots, (d) => part.stockKg[d]!),
    demandKg: Float64Array.from(stratum.zones, (z) => deliveredKg[z]!),
    arcStart,
    arcDepot: Int32Array.from(arcDepot),
    arcCost: Float64Array.from(arcCost),
  };
}

/** One limit per connected piece of the stratum, so each names only depots its zones can use. */
function stratumLimits(input: AllocationInput, commodityId: string, part: CommodityPart, stratum: Stratum): AllocationLimit[] {
  const depotSlot = new Map(stratum.depots.map((d, i) => [d, i]));
  const zc = stratum.zones.length;
  const parent = Int32Array.from({ length: zc + stratum.depots.length }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  stratum.zones.forEach((z, i) => {
    for (let a = part.arcStart[z]!; a < part.arcStart[z + 1]!; a++) {
      const slot = depotSlot.get(part.arcDepot[a]!);
      if (slot !== undefined) parent[find(i)] = find(zc + slot);
    }
  });
  const byRoot = new Map<number, { zones: number[]; depots: number[]; alphaKg: number }>();
  const piece = (root: number) => {
    let p = byRoot.get(root);
    if (!p) byRoot.set(root, (p = { zones: [], depots: [], alphaKg: 0 }));
    return p;
  };
  stratum.zones.forEach((z, i) => {
    const p = piece(find(i));
    p.zones.push(z);
    // Zones still at zero need nothing at this level, so extra stock does not reach them first.
    if (1 - (1 - stratum.level) / part.weight[z]! > 0) p.alphaKg += part.demandKg[z]! / part.weight[z]!;
  });
  stratum.depots.forEach((d, i) => piece(find(zc + i)).depots.push(d));
  return [...byRoot.values()].map((p) => ({
    kind: 'depot-stock' as const,
    commodityId,
    level: stratum.level,
    depotIds: p.depots.map((d) => input.depots[part.depots[d]!]!.id),
    zoneIds: p.zones.map((z) => input.zones[part.zones[z]!]!.id),
    levelGainPerKg: p.alphaKg > 0 ? 1 / p.alphaKg : 0,
  }));
}
