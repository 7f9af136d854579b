import { TOLERANCE_KG } from './tolerance';
import type { AllocationInput } from './types';

/**
 * One commodity restricted to one connected component of the zone–depot graph (arcs: each zone to
 * its k nearest depots holding the commodity). Parts share nothing, so each is solved alone.
 * Indices are local; `depots`/`zones` map them back to the input arrays.
 */
export interface CommodityPart {
  depots: Int32Array;
  stockKg: Float64Array;
  zones: Int32Array;
  demandKg: Float64Array;
  weight: Float64Array;
  /** Arcs of local zone z are arcStart[z] .. arcStart[z + 1]. */
  arcStart: Int32Array;
  arcDepot: Int32Array;
  arcDistanceM: Float64Array;
}

export interface DistanceTable {
  /** distanceM[d * zoneCount + z]. */
  distanceM: Float64Array;
  /** Per zone, every depot index sorted by distance (ties by index, for determinism). */
  depotOrder: Int32Array[];
}

export function buildDistanceTable(input: AllocationInput): DistanceTable {
  const m = input.depots.length;
  const n = input.zones.length;
  const distanceM = new Float64Array(m * n);
  for (let d = 0; d < m; d++) {
    for (let z = 0; z < n; z++) {
      const metres = input.distanceM(d, z);
      // An unknown distance (no road, NaN) means the depot cannot serve the zone.
      distanceM[d * n + z] = metres >= 0 && Number.isFinite(metres) ? metres : Number.POSITIVE_INFINITY;
    }
  }
  const depotOrder: Int32Array[] = [];
  for (let z = 0; z < n; z++) {
    const order = Int32Array.from({ length: m }, (_, d) => d);
    order.sort((a, b) => distanceM[a * n + z]! - distanceM[b * n + z]! || a - b);
    depotOrder.push(order);
  }
  return { distanceM, depotOrder };
}

export interface CommodityParts {
  parts: CommodityPart[];
  /** Zones with demand but no depot within reach holding the commodity. */
  unreachableZones: number[];
}

export function buildCommodityParts(
  input: AllocationInput,
  table: DistanceTable,
  commodityId: string,
  nearestDepots: number,
  maxDistanceM: number,
): CommodityParts {
  const m = input.depots.length;
  const n = input.zones.length;
  const stock = input.depots.map((d) => positive(d.stockKg[commodityId]));
  const parent = Int32Array.from({ length: m + n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const chosen: number[][] = [];
  const unreachableZones: number[] = [];
  for (let z = 0; z < n; z++) {
    const list: number[] = [];
    chosen.push(list);
    if (positive(input.zones[z]!.demandKg[commodityId]) === 0) continue;
    for (const d of table.depotOrder[z]!) {
      const metres = table.distanceM[d * n + z]!;
      if (list.length >= nearestDepots || metres > maxDistanceM || metres === Number.POSITIVE_INFINITY) break;
      if (stock[d]! > 0) list.push(d);
    }
    if (list.length === 0) unreachableZones.push(z);
    for (const d of list) parent[find(m + z)] = find(d);
  }
  const partOf = new Map<number, { zones: number[]; depots: number[] }>();
  const entry = (root: number) => {
    let e = partOf.get(root);
    if (!e) partOf.set(root, (e = { zones: [], depots: [] }));
    return e;
  };
  // Zones first, in index order, so part order (and everything after) is deterministic.
  for (let z = 0; z < n; z++) if (chosen[z]!.length > 0) entry(find(m + z)).zones.push(z);
  for (let d = 0; d < m; d++) if (stock[d]! > 0 && partOf.has(find(d))) entry(find(d)).depots.push(d);
  const parts: CommodityPart[] = [];
  for (const { zones, depots } of partOf.values()) {
    const local = new Map(depots.map((d, i) => [d, i]));
    const arcStart = new Int32Array(zones.length + 1);
    const arcDepot: number[] = [];
    const arcDistanceM: number[] = [];
    zones.forEach((z, i) => {
      for (const d of chosen[z]!) {
        arcDepot.push(local.get(d)!);
        arcDistanceM.push(table.distanceM[d * n + z]!);
      }
      arcStart[i + 1] = arcDepot.length;
    });
    parts.push({
      depots: Int32Array.from(depots),
      stockKg: Float64Array.from(depots, (d) => stock[d]!),
      zones: Int32Array.from(zones),
      demandKg: Float64Array.from(zones, (z) => positive(input.zones[z]!.demandKg[commodityId])),
      weight: Float64Array.from(zones, (z) => validWeight(input.zones[z]!.weight)),
      arcStart,
      arcDepot: Int32Array.from(arcDepot),
      arcDistanceM: Float64Array.from(arcDistanceM),
    });
  }
  return { parts, unreachableZones };
}

/** An amount at or below the tolerance is none (tolerance.ts): a 7e-12 kg gap left by float subtraction upstream
 * used to enter the part, get no flow (flows ≤ tolerance are dropped) and pull the part's t* to 1 − weight. */
function positive(x: number | undefined): number {
  return x !== undefined && x > TOLERANCE_KG && Number.isFinite(x) ? x : 0;
}

export function validWeight(w: number): number {
  return w > 0 && Number.isFinite(w) ? w : 1;
}
