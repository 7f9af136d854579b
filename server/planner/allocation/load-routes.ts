import { depotLeximin, type Piece } from './load-levels';
import { validWeight } from './parts';
import type { ZoneFill } from './types';

/**
 * Goods onto routes: with the trips fixed, how much of each commodity each trip drops at each
 * stop. Same fairness as the allocation (types.ts): the leximin of the levels, so first max t such
 * that every served zone-commodity gets demand × (1 − (1 − t)/weight), then the next lowest, and
 * so on; nothing that could still reach a short zone is left behind.
 *
 * Each depot is solved alone (its trips share its stock, other depots' trips do not). A
 * zone-commodity brought by trips of several depots is first shared between them, in proportion
 * to `plannedKg` (the allocation's flows) when given, else equally. Per depot the LP has network
 * structure once stock is seen as a sum per commodity (load-levels.ts), so it is solved by max
 * flow, exactly; javascript-lp-solver solves the same LP in the tests (load-routes-lp.ts).
 */
export interface LoadCommodity {
  id: string;
  /** Cold-chain goods use the van's coldChainKg as well as its capacityKg. */
  coldChain: boolean;
}

export interface LoadDepot {
  id: string;
  stockKg: Readonly<Record<string, number>>;
}

export interface LoadZone {
  id: string;
  weight: number;
  demandKg: Readonly<Record<string, number>>;
}

export interface LoadTrip {
  id: string;
  depotId: string;
  capacityKg: number;
  coldChainKg: number;
  /** Zones in visiting order; a zone listed twice is served at its first stop. */
  stopZoneIds: readonly string[];
}

export interface LoadRoutesInput {
  commodities: readonly LoadCommodity[];
  depots: readonly LoadDepot[];
  zones: readonly LoadZone[];
  trips: readonly LoadTrip[];
}

export interface LoadRoutesOptions {
  plannedKg?: readonly { depotId: string; zoneId: string; commodityId: string; kg: number }[];
}

export interface StopLoad {
  tripId: string;
  stopIndex: number;
  zoneId: string;
  commodityId: string;
  kg: number;
}

/** Zone-commodities no trip can serve, by cause; `saturated` lists what is full at the optimum. */
export type LoadLimit =
  | { kind: 'not-on-any-trip'; zoneIds: string[] }
  | { kind: 'no-stock-on-visiting-trips'; commodityId: string; zoneIds: string[] }
  | { kind: 'no-cold-chain-on-visiting-trips'; commodityId: string; zoneIds: string[] }
  | { kind: 'saturated'; tripIds: string[]; depotStocks: { depotId: string; commodityId: string }[] };

export interface LoadRoutesResult {
  loads: StopLoad[];
  fills: ZoneFill[];
  limits: LoadLimit[];
  /** Over the zone-commodities some trip can serve (others are in `limits`). */
  minLevel: number;
  minFillRate: number;
  deliveredKg: number;
}

interface DepotPiece extends Piece {
  zone: number;
  /** Global trip index and stop index, parallel to `trips`. */
  tripIndex: number[];
  stopIndex: number[];
}

export function loadRoutes(input: LoadRoutesInput, options: LoadRoutesOptions = {}): LoadRoutesResult {
  const zoneIndex = new Map(input.zones.map((z, i) => [z.id, i]));
  const visited = new Set<number>();
  const byDepot = new Map<string, DepotPiece[]>();
  const depotsOfPair = new Map<string, string[]>();
  for (const depot of input.depots) {
    const pieces = new Map<string, DepotPiece>();
    input.trips.forEach((trip, r) => {
      if (trip.depotId !== depot.id) return;
      const seen = new Set<number>();
      trip.stopZoneIds.forEach((zoneId, stop) => {
        const z = zoneIndex.get(zoneId);
        if (z === undefined || seen.has(z)) return;
        seen.add(z);
        visited.add(z);
        input.commodities.forEach((c, k) => {
          const demandKg = input.zones[z]!.demandKg[c.id] ?? 0;
          const usable = trip.capacityKg > 0 && (!c.coldChain || trip.coldChainKg > 0) && (depot.stockKg[c.id] ?? 0) > 0;
          if (!usable || !(demandKg > 0)) return;
          let piece = pieces.get(`${z}_${k}`);
          if (!piece) {
            const weight = validWeight(input.zones[z]!.weight);
            piece = { zone: z, commodity: k, demandKg, weight, coldChain: c.coldChain, trips: [], tripIndex: [], stopIndex: [] };
            pieces.set(`${z}_${k}`, piece);
            const list = depotsOfPair.get(`${z}_${k}`);
            if (list) list.push(depot.id);
            else depotsOfPair.set(`${z}_${k}`, [depot.id]);
          }
          piece.tripIndex.push(r);
          piece.stopIndex.push(stop);
        });
      });
    });
    byDepot.set(depot.id, [...pieces.values()]);
  }
  shareBetweenDepots(input, byDepot, depotsOfPair, options);

  const loads: StopLoad[] = [];
  for (const depot of input.depots) {
    const pieces = byDepot.get(depot.id)!;
    const localTrip = new Map<number, number>();
    for (const p of pieces) p.trips = p.tripIndex.map((r) => localTrip.get(r) ?? (localTrip.set(r, localTrip.size), localTrip.size - 1));
    const trips = [...localTrip.keys()].map((r) => input.trips[r]!);
    const result = depotLeximin({ pieces, trips, stockKg: input.commodities.map((c) => depot.stockKg[c.id] ?? 0) });
    pieces.forEach((p, i) =>
      result.tripKg[i]!.forEach((kg, j) => {
        if (kg > 1e-9) {
          const trip = input.trips[p.tripIndex[j]!]!;
          loads.push({ tripId: trip.id, stopIndex: p.stopIndex[j]!, zoneId: input.zones[p.zone]!.id, commodityId: input.commodities[p.commodity]!.id, kg });
        }
      }),
    );
  }
  repair(input, loads);
  const served = new Set([...depotsOfPair.keys()]);
  return summarise(input, loads, served, visited);
}

function shareBetweenDepots(
  input: LoadRoutesInput,
  byDepot: Map<string, DepotPiece[]>,
  depotsOfPair: Map<string, string[]>,
  options: LoadRoutesOptions,
): void {
  const planned = new Map<string, number>();
  for (const f of options.plannedKg ?? []) planned.set(`${f.depotId}|${f.zoneId}|${f.commodityId}`, f.kg);
  for (const [depotId, pieces] of byDepot) {
    for (const p of pieces) {
      const depots = depotsOfPair.get(`${p.zone}_${p.commodity}`)!;
      if (depots.length < 2) continue;
      const key = (d: string) => `${d}|${input.zones[p.zone]!.id}|${input.commodities[p.commodity]!.id}`;
      const total = depots.reduce((s, d) => s + Math.max(0, planned.get(key(d)) ?? 0), 0);
      const share = total > 0 ? Math.max(0, planned.get(key(depotId)) ?? 0) / total : 1 / depots.length;
      p.demandKg *= share;
    }
    byDepot.set(depotId, pieces.filter((p) => p.demandKg > 0));
  }
}

/** Undo rounding so no van, cold box, stock or demand is exceeded by even a gram's fraction. */
function repair(input: LoadRoutesInput, loads: StopLoad[]): void {
  const trip = new Map(input.trips.map((t) => [t.id, t]));
  const depot = new Map(input.depots.map((d) => [d.id, d]));
  const zone = new Map(input.zones.map((z) => [z.id, z]));
  const cold = new Set(input.commodities.filter((c) => c.coldChain).map((c) => c.id));
  const families: { key: (l: StopLoad) => string | undefined; limitKg: (l: StopLoad) => number }[] = [
    { key: (l) => l.tripId, limitKg: (l) => trip.get(l.tripId)!.capacityKg },
    { key: (l) => (cold.has(l.commodityId) ? l.tripId : undefined), limitKg: (l) => trip.get(l.tripId)!.coldChainKg },
    { key: (l) => `${trip.get(l.tripId)!.depotId}|${l.commodityId}`, limitKg: (l) => depot.get(trip.get(l.tripId)!.depotId)!.stockKg[l.commodityId] ?? 0 },
    { key: (l) => `${l.zoneId}|${l.commodityId}`, limitKg: (l) => zone.get(l.zoneId)!.demandKg[l.commodityId] ?? 0 },
  ];
  for (const family of families) {
    const sums = new Map<string, number>();
    for (const l of loads) {
      const k = family.key(l);
      if (k !== undefined) sums.set(k, (sums.get(k) ?? 0) + l.kg);
    }
    for (const l of loads) {
      const k = family.key(l);
      if (k === undefined) continue;
      const sum = sums.get(k)!;
      const limit = family.limitKg(l);
      if (sum > limit) l.kg = (l.kg * limit) / sum;
    }
  }
}

function summarise(input: LoadRoutesInput, loads: StopLoad[], served: Set<string>, visited: Set<number>): LoadRoutesResult {
  const result: LoadRoutesResult = { loads, fills: [], limits: [], minLevel: 1, minFillRate: 1, deliveredKg: 0 };
  const got = new Map<string, number>();
  for (const l of loads) {
    got.set(`${l.zoneId}|${l.commodityId}`, (got.get(`${l.zoneId}|${l.commodityId}`) ?? 0) + l.kg);
    result.deliveredKg += l.kg;
  }
  const notOnTrip = new Set<string>();
  const coldVisited = new Set(input.trips.filter((t) => t.coldChainKg > 0).flatMap((t) => t.stopZoneIds));
  const noStock = new Map<string, string[]>();
  const noCold = new Map<string, string[]>();
  input.zones.forEach((zone, z) => {
    input.commodities.forEach((c, k) => {
      const demandKg = zone.demandKg[c.id] ?? 0;
      if (!(demandKg > 0)) return;
      const deliveredKg = got.get(`${zone.id}|${c.id}`) ?? 0;
      const fillRate = Math.min(1, deliveredKg / demandKg);
      const level = 1 - validWeight(zone.weight) * (1 - fillRate);
      result.fills.push({ zoneId: zone.id, commodityId: c.id, demandKg, deliveredKg, fillRate, level });
      if (served.has(`${z}_${k}`)) {
        result.minLevel = Math.min(result.minLevel, level);
        result.minFillRate = Math.min(result.minFillRate, fillRate);
      } else if (!visited.has(z)) {
        notOnTrip.add(zone.id);
      } else {
        const map = c.coldChain && !coldVisited.has(zone.id) ? noCold : noStock;
        const list = map.get(c.id);
        if (list) list.push(zone.id);
        else map.set(c.id, [zone.id]);
      }
    });
  });
  if (notOnTrip.size > 0) result.limits.push({ kind: 'not-on-any-trip', zoneIds: [...notOnTrip] });
  for (const [commodityId, zoneIds] of noStock) result.limits.push({ kind: 'no-stock-on-visiting-trips', commodityId, zoneIds });
  for (const [commodityId, zoneIds] of noCold) result.limits.push({ kind: 'no-cold-chain-on-visiting-trips', commodityId, zoneIds });
  result.limits.push(saturated(input, loads));
  return result;
}

function saturated(input: LoadRoutesInput, loads: StopLoad[]): LoadLimit {
  const tripKg = new Map<string, number>();
  const stockKg = new Map<string, number>();
  const depotOfTrip = new Map(input.trips.map((t) => [t.id, t.depotId]));
  for (const l of loads) {
    tripKg.set(l.tripId, (tripKg.get(l.tripId) ?? 0) + l.kg);
    const key = `${depotOfTrip.get(l.tripId)}|${l.commodityId}`;
    stockKg.set(key, (stockKg.get(key) ?? 0) + l.kg);
  }
  const full = (used: number, cap: number) => cap > 0 && used >= cap * (1 - 1e-7);
  return {
    kind: 'saturated',
    tripIds: input.trips.filter((t) => full(tripKg.get(t.id) ?? 0, t.capacityKg)).map((t) => t.id),
    depotStocks: input.depots.flatMap((d) =>
      input.commodities.filter((c) => full(stockKg.get(`${d.id}|${c.id}`) ?? 0, d.stockKg[c.id] ?? 0)).map((c) => ({ depotId: d.id, commodityId: c.id })),
    ),
  };
}
