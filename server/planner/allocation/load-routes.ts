import { solveLp, type LpModel } from './lp-solve';
import { validWeight } from './parts';
import type { ZoneFill } from './types';

/**
 * Goods onto routes: with the trips fixed, how much of each commodity each trip drops at each
 * stop. Same fairness as the allocation (types.ts): first max t such that every served
 * zone-commodity gets demand × (1 − (1 − t)/weight); then, holding that, the most kg delivered.
 *
 * A real LP: a van's kg are shared by the commodities (multi-commodity flow, no network
 * structure), so javascript-lp-solver solves it, one connected set of trips at a time (trips
 * sharing a depot's stock or a zone). Per depot that is a few hundred zones: well under a second.
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
  /** Zones in visiting order. */
  stopZoneIds: readonly string[];
}

export interface LoadRoutesInput {
  commodities: readonly LoadCommodity[];
  depots: readonly LoadDepot[];
  zones: readonly LoadZone[];
  trips: readonly LoadTrip[];
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

/** javascript-lp-solver's pivot tolerance and answer grid; its default 1e-8 costs ~1e-7 in fill. */
const PRECISION = 1e-10;

interface Slot {
  trip: number;
  stop: number;
  zone: number;
  commodity: number;
}

export function loadRoutes(input: LoadRoutesInput): LoadRoutesResult {
  const zoneIndex = new Map(input.zones.map((z, i) => [z.id, i]));
  const depotIndex = new Map(input.depots.map((d, i) => [d.id, i]));
  const slots: Slot[] = [];
  const visited = new Set<number>();
  input.trips.forEach((trip, r) => {
    const depot = input.depots[depotIndex.get(trip.depotId) ?? -1];
    trip.stopZoneIds.forEach((zoneId, stop) => {
      const zone = zoneIndex.get(zoneId);
      if (zone === undefined || !depot) return;
      visited.add(zone);
      input.commodities.forEach((c, k) => {
        const usable = trip.capacityKg > 0 && (!c.coldChain || trip.coldChainKg > 0) && (depot.stockKg[c.id] ?? 0) > 0;
        if (usable && (input.zones[zone]!.demandKg[c.id] ?? 0) > 0) slots.push({ trip: r, stop, zone, commodity: k });
      });
    });
  });

  const kgBySlot = new Float64Array(slots.length);
  for (const component of components(input, slots)) solveComponent(input, slots, component, kgBySlot);
  repair(input, slots, kgBySlot, depotIndex);
  return summarise(input, slots, kgBySlot, visited);
}

/** Slots whose trips share a depot or a zone are solved together. */
function components(input: LoadRoutesInput, slots: Slot[]): number[][] {
  const n = input.trips.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const firstTripOf = new Map<string, number>();
  const join = (key: string, r: number) => {
    const other = firstTripOf.get(key);
    if (other === undefined) firstTripOf.set(key, r);
    else parent[find(r)] = find(other);
  };
  input.trips.forEach((t, r) => join(`d:${t.depotId}`, r));
  for (const s of slots) join(`z:${s.zone}`, s.trip);
  const byRoot = new Map<number, number[]>();
  slots.forEach((s, i) => {
    const root = find(s.trip);
    const list = byRoot.get(root);
    if (list) list.push(i);
    else byRoot.set(root, [i]);
  });
  return [...byRoot.values()];
}

function solveComponent(input: LoadRoutesInput, slots: Slot[], component: number[], kgBySlot: Float64Array): void {
  const pairs = new Map<string, { zone: number; commodity: number }>();
  for (const i of component) pairs.set(pairKey(slots[i]!), slots[i]!);
  const demand = (p: { zone: number; commodity: number }) => input.zones[p.zone]!.demandKg[input.commodities[p.commodity]!.id]!;
  const weight = (p: { zone: number }) => validWeight(input.zones[p.zone]!.weight);
  // t = lowest + u with u ≥ 0: javascript-lp-solver mishandles a negative free variable, and at
  // t = lowest every requirement is zero.
  const lowest = Math.min(...[...pairs.values()].map((p) => 1 - weight(p)));
  const constraints: LpModel['constraints'] = {};
  const variables: LpModel['variables'] = {};
  const depotOf = new Map(input.depots.map((d, j) => [d.id, j]));
  for (const i of component) {
    const s = slots[i]!;
    const trip = input.trips[s.trip]!;
    const j = depotOf.get(trip.depotId)!;
    constraints[`k${s.trip}`] = { max: trip.capacityKg };
    if (input.commodities[s.commodity]!.coldChain) constraints[`c${s.trip}`] = { max: trip.coldChainKg };
    constraints[`s${j}_${s.commodity}`] = { max: input.depots[j]!.stockKg[input.commodities[s.commodity]!.id] ?? 0 };
  }
  const u: Record<string, number> = { u: 1, ucap: 1 };
  for (const [key, p] of pairs) {
    const q = demand(p);
    const alpha = q / weight(p);
    constraints[`q${key}`] = { max: q };
    constraints[`r${key}`] = { min: q - alpha + alpha * lowest };
    u[`r${key}`] = -alpha;
  }
  constraints.ucap = { max: 1 - lowest };
  for (const i of component) {
    const s = slots[i]!;
    const key = pairKey(s);
    const v: Record<string, number> = { [`k${s.trip}`]: 1, [`q${key}`]: 1, [`r${key}`]: 1, total: 1 };
    v[`s${depotOf.get(input.trips[s.trip]!.depotId)}_${s.commodity}`] = 1;
    if (input.commodities[s.commodity]!.coldChain) v[`c${s.trip}`] = 1;
    variables[`x${i}`] = v;
  }
  const first = solveLp({ optimize: 'u', opType: 'max', constraints, variables: { ...variables, u } }, PRECISION);
  if (!first.feasible) throw new Error('loadRoutes: max-min LP infeasible');
  const t = lowest + first.value('u');
  // Hold every pair at level t (less the solver's rounding), then deliver as much as fits.
  for (const [key, p] of pairs) {
    const q = demand(p);
    constraints[`r${key}`] = { min: Math.max(0, q * (1 - (1 - t) / weight(p)) - 1e-9 * (1 + q)) };
  }
  delete constraints.ucap;
  const second = solveLp({ optimize: 'total', opType: 'max', constraints, variables }, PRECISION);
  if (!second.feasible) throw new Error('loadRoutes: delivery LP infeasible');
  for (const i of component) kgBySlot[i] = Math.max(0, second.value(`x${i}`));
}

/** Undo the LP's rounding so no van, stock or demand is exceeded by even a gram's fraction. */
function repair(input: LoadRoutesInput, slots: Slot[], kg: Float64Array, depotIndex: Map<string, number>): void {
  const cold = (s: Slot) => input.commodities[s.commodity]!.coldChain;
  const depotOf = (s: Slot) => depotIndex.get(input.trips[s.trip]!.depotId)!;
  const families: { key: (s: Slot) => string | undefined; limitKg: (key: string) => number }[] = [
    { key: (s) => `${s.trip}`, limitKg: (k) => input.trips[Number(k)]!.capacityKg },
    { key: (s) => (cold(s) ? `${s.trip}` : undefined), limitKg: (k) => input.trips[Number(k)]!.coldChainKg },
    {
      key: (s) => `${depotOf(s)}_${s.commodity}`,
      limitKg: (k) => {
        const [d, c] = k.split('_').map(Number) as [number, number];
        return input.depots[d]!.stockKg[input.commodities[c]!.id] ?? 0;
      },
    },
    {
      key: pairKey,
      limitKg: (k) => {
        const [z, c] = k.split('_').map(Number) as [number, number];
        return input.zones[z]!.demandKg[input.commodities[c]!.id] ?? 0;
      },
    },
  ];
  for (const family of families) {
    const sums = new Map<string, number>();
    slots.forEach((s, i) => {
      const key = family.key(s);
      if (key !== undefined) sums.set(key, (sums.get(key) ?? 0) + kg[i]!);
    });
    slots.forEach((s, i) => {
      const key = family.key(s);
      if (key === undefined) return;
      const sum = sums.get(key)!;
      const limit = family.limitKg(key);
      if (sum > limit) kg[i] = (kg[i]! * limit) / sum;
    });
  }
}

function summarise(input: LoadRoutesInput, slots: Slot[], kg: Float64Array, visited: Set<number>): LoadRoutesResult {
  const result: LoadRoutesResult = { loads: [], fills: [], limits: [], minLevel: 1, minFillRate: 1, deliveredKg: 0 };
  const got = new Map<string, number>();
  const served = new Set(slots.map(pairKey));
  slots.forEach((s, i) => {
    const amount = kg[i]!;
    got.set(pairKey(s), (got.get(pairKey(s)) ?? 0) + amount);
    if (amount <= 1e-9) return;
    const c = input.commodities[s.commodity]!;
    result.loads.push({ tripId: input.trips[s.trip]!.id, stopIndex: s.stop, zoneId: input.zones[s.zone]!.id, commodityId: c.id, kg: amount });
    result.deliveredKg += amount;
  });
  const notOnTrip: string[] = [];
  const noStock = new Map<string, string[]>();
  const noCold = new Map<string, string[]>();
  input.zones.forEach((zone, z) => {
    input.commodities.forEach((c, k) => {
      const demandKg = zone.demandKg[c.id] ?? 0;
      if (!(demandKg > 0)) return;
      const deliveredKg = got.get(`${z}_${k}`) ?? 0;
      const fillRate = Math.min(1, deliveredKg / demandKg);
      const level = 1 - validWeight(zone.weight) * (1 - fillRate);
      result.fills.push({ zoneId: zone.id, commodityId: c.id, demandKg, deliveredKg, fillRate, level });
      if (served.has(`${z}_${k}`)) {
        result.minLevel = Math.min(result.minLevel, level);
        result.minFillRate = Math.min(result.minFillRate, fillRate);
      } else if (!visited.has(z)) {
        if (!notOnTrip.includes(zone.id)) notOnTrip.push(zone.id);
      } else {
        const byCold = c.coldChain && !coldVanVisits(input, zone.id);
        const map = byCold ? noCold : noStock;
        map.set(c.id, [...(map.get(c.id) ?? []), zone.id]);
      }
    });
  });
  if (notOnTrip.length > 0) result.limits.push({ kind: 'not-on-any-trip', zoneIds: notOnTrip });
  for (const [commodityId, zoneIds] of noStock) result.limits.push({ kind: 'no-stock-on-visiting-trips', commodityId, zoneIds });
  for (const [commodityId, zoneIds] of noCold) result.limits.push({ kind: 'no-cold-chain-on-visiting-trips', commodityId, zoneIds });
  result.limits.push(saturated(input, result.loads));
  return result;
}

function saturated(input: LoadRoutesInput, loads: StopLoad[]): LoadLimit {
  const tripKg = new Map<string, number>();
  const stockKg = new Map<string, number>();
  const depotOfTrip = new Map(input.trips.map((t) => [t.id, t.depotId]));
  for (const l of loads) {
    tripKg.set(l.tripId, (tripKg.get(l.tripId) ?? 0) + l.kg);
    const key = `${depotOfTrip.get(l.tripId)}\u0000${l.commodityId}`;
    stockKg.set(key, (stockKg.get(key) ?? 0) + l.kg);
  }
  const full = (used: number, cap: number) => cap > 0 && used >= cap * (1 - 1e-7);
  return {
    kind: 'saturated',
    tripIds: input.trips.filter((t) => full(tripKg.get(t.id) ?? 0, t.capacityKg)).map((t) => t.id),
    depotStocks: input.depots.flatMap((d) =>
      input.commodities
        .filter((c) => full(stockKg.get(`${d.id}\u0000${c.id}`) ?? 0, d.stockKg[c.id] ?? 0))
        .map((c) => ({ depotId: d.id, commodityId: c.id })),
    ),
  };
}

function coldVanVisits(input: LoadRoutesInput, zoneId: string): boolean {
  return input.trips.some((t) => t.coldChainKg > 0 && t.stopZoneIds.includes(zoneId));
}

const pairKey = (p: { zone: number; commodity: number }) => `${p.zone}_${p.commodity}`;
