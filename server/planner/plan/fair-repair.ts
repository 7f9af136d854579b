import type { PlannedRoute, PlannedStop } from '../../contract';
import { allocate, type AllocationResult } from '../allocation';
import type { DistanceModel } from '../distance';
import type { PlanCommodity, PlanDepot, PlanVehicle, PlanZone } from '../plan-input';
import { insertIntoTrip, newTrip, retime, swapIntoTrip, type Insertion, type VanDay } from './insert-stop';
import { loadGoods } from './load-goods';
import { allocateOnRoutes } from './route-allocation';
import { shipmentsOf } from './shipments';
import { rebalance, shiftSurplus, tally, topUp } from './top-up';

/**
 * Fairness survives routing. The allocation before routing proved a level t* from stock alone
 * (`reference`); routing then decides which depot's trips reach which zone. This step closes the
 * gap: re-allocate on the routes' real capacity (route-allocation.ts) and load the goods, then for
 * every zone-commodity still below `TARGET` × its amount at t* whose nearest holding depots still
 * have goods for it (unloaded, or given to zones above t*), add a stop for the zone to one of their
 * trips with room (cold room for cold goods), or a new trip for a van with time left in its shift,
 * and allocate and load again. Stops only go where the time rules allow (insert-stop.ts).
 */
export function fairRepair(args: {
  routes: PlannedRoute[];
  cleared: readonly PlanVehicle[];
  depots: readonly PlanDepot[];
  zones: readonly PlanZone[];
  commodities: readonly PlanCommodity[];
  vehicles: ReadonlyMap<string, PlanVehicle>;
  model: DistanceModel;
  /** Depot–zone metres by index into `depots` and `zones`. */
  distanceM: (depot: number, zone: number) => number;
  nearestDepots: number;
  reloadS: number;
  /** After this (in `now`'s units) no new round starts: what is loaded by then is the plan (a big city's last seconds). */
  deadlineMs?: number;
  now?: () => number;
}): { routes: PlannedRoute[]; allocation: AllocationResult; allocationDepots: PlanDepot[]; reference: AllocationResult } {
  const { depots, zones, commodities, model } = args;
  const zonesById = new Map(zones.map((z) => [z.id, z]));
  const depotsById = new Map(depots.map((d) => [d.id, d]));
  const { distanceM } = args;
  const reference = allocate(
    { commodities, depots, zones: zones.map((z) => ({ id: z.id, location: z.location, weight: z.weight, demandKg: z.demandKg })), distanceM },
    { nearestDepots: args.nearestDepots },
  );
  // t* over the zones some holder can reach (a zone with no holder in reach is no one's to repair).
  const tStar = reference.parts.reduce((t, p) => Math.min(t, p.minLevel), 1);
  const requiredKg = (z: PlanZone, c: string) => {
    const w = z.weight > 0 && Number.isFinite(z.weight) ? z.weight : 1;
    return (z.demandKg[c] ?? 0) * Math.min(1, Math.max(0, 1 - (1 - tStar) / w));
  };
  const holders = nearestHolders(depots, zones, commodities, distanceM, args.nearestDepots);

  // Every cleared van's day, with an empty route for a van routing left at home.
  const byVan = new Map(args.routes.map((r) => [r.vehicleId, r]));
  const days: VanDay[] = args.cleared.flatMap((van) => {
    const depot = depotsById.get(van.homeDepotId);
    if (!depot) return [];
    const route = byVan.get(van.id) ?? { vehicleId: van.id, driverId: van.driverId, distanceM: 0, trips: [] };
    return [{ van, depot, route }];
  });
  const daysAt = new Map<string, VanDay[]>();
  for (const day of days) daysAt.set(day.depot.id, [...(daysAt.get(day.depot.id) ?? []), day]);

  // A round costs about what the last one did: none starts that would end past the deadline.
  const clock = args.now ?? (() => 0);
  let roundStartMs = clock();
  let roundMs = 0;
  const late = () => args.deadlineMs !== undefined && clock() + roundMs > args.deadlineMs;
  let allocation: AllocationResult;
  let allocationDepots: PlanDepot[];
  for (let round = 0; ; round++) {
    const routes = days.map((d) => d.route).filter((r) => r.trips.length > 0);
    ({ allocation, depots: allocationDepots } = allocateOnRoutes({
      routes, depots, zones, commodities, vehicles: args.vehicles, distanceM, nearestDepots: args.nearestDepots,
    }));
    for (const r of routes) for (const t of r.trips) {
      t.loadKg = 0;
      t.coldChainLoadKg = 0;
      for (const s of t.stops) s.quantitiesKg = {};
    }
    loadGoods(routes, depots, shipmentsOf(allocation.flows), zonesById, args.vehicles, commodities);
    // What the pooled model could not see (top-up.ts): leftovers and surplus towards t*, then leftovers towards full demand.
    const ctx = { routes, zones: zonesById, vehicles: args.vehicles, commodities };
    topUp(ctx, depots, requiredKg, false);
    // Depot by depot, each seeing the others' last loads: a few sweeps let the depots settle who brings what.
    for (let sweep = 0; sweep < REBALANCE_SWEEPS && (sweep === 0 || !late()); sweep++) rebalance(ctx, depots, requiredKg, TARGET);
    topUp(ctx, depots, (z, c) => z.demandKg[c] ?? 0, true);
    shiftSurplus(ctx, depots, requiredKg, TARGET);
    // A stop that got nothing only costs its van time: free that time for the short zones below.
    dropEmptyStops(days, zonesById, model);
    roundMs = clock() - roundStartMs;
    roundStartMs = clock();
    if (round >= MAX_REPAIR_ROUNDS || late()) break;

    // What each depot still has for a short zone: unloaded stock, and what it gives above t*.
    const { delivered, loadedAt } = tally(routes);
    const available = new Map<string, number>();
    for (const d of depots) for (const c of commodities) {
      available.set(`${d.id}|${c.id}`, Math.max(0, d.stockKg[c.id] ?? 0) - (loadedAt.get(`${d.id}|${c.id}`) ?? 0));
    }
    for (const r of routes) for (const t of r.trips) for (const s of t.stops) for (const [c, kg] of Object.entries(s.quantitiesKg)) {
      const z = zonesById.get(s.zoneId)!;
      const above = (delivered.get(`${z.id}|${c}`) ?? 0) - requiredKg(z, c);
      if (above > 0) available.set(`${t.depotId}|${c}`, available.get(`${t.depotId}|${c}`)! + Math.min(kg, above));
    }

    const needs: { zone: PlanZone; cold: boolean; short: number; kg: number; commodities: string[]; kgBy: Map<string, number>; bare: string[] }[] = [];
    for (const zone of zones) {
      for (const isCold of [false, true]) {
        let short = 1;
        let kg = 0;
        const list: string[] = [];
        const bare: string[] = [];
        const kgBy = new Map<string, number>();
        for (const c of commodities) {
          if (c.coldChain !== isCold) continue;
          const need = requiredKg(zone, c.id);
          const got = delivered.get(`${zone.id}|${c.id}`) ?? 0;
          if (!(need > TOLERANCE_KG) || got >= TARGET * need - TOLERANCE_KG) continue;
          list.push(c.id);
          if (!(got > TOLERANCE_KG)) bare.push(c.id);
          short = Math.min(short, got / need);
          kg += need - got;
          kgBy.set(c.id, need - got);
        }
        if (list.length) needs.push({ zone, cold: isCold, short, kg, commodities: list, kgBy, bare });
      }
    }
    if (needs.length === 0) break;
    needs.sort((a, b) => a.short - b.short || b.zone.weight - a.zone.weight || a.zone.id.localeCompare(b.zone.id));

    // Room left on each trip, as the goods were loaded (reserved as stops are added below).
    const room = new Map<object, { kg: number; coldKg: number }>();
    for (const day of days) for (const t of day.route.trips) {
      room.set(t, { kg: day.van.capacityKg - t.loadKg, coldKg: day.van.coldChainKg - t.coldChainLoadKg });
    }
    // Which trips bring a zone each commodity (a depot holding it, a van able to carry it): a stop is
    // traded away for a bare zone only where another trip still brings that zone each of its goods.
    const bringing = new Map<string, number>();
    const canBring = (day: VanDay, c: PlanCommodity) => (day.depot.stockKg[c.id] ?? 0) > 0 && (!c.coldChain || day.van.coldChainKg > 0);
    const count = (day: VanDay, zoneId: string, delta: number) => {
      for (const c of commodities) if (canBring(day, c)) bringing.set(`${zoneId}|${c.id}`, (bringing.get(`${zoneId}|${c.id}`) ?? 0) + delta);
    };
    for (const day of days) for (const t of day.route.trips) for (const s of t.stops) count(day, s.zoneId, 1);
    const swapFor = (zone: PlanZone, cold: boolean, depotIds: Iterable<string>) => {
      let found: { insertion: Insertion; trip: object | null; van: PlanVehicle } | null = null;
      for (const depotId of depotIds) for (const day of daysAt.get(depotId) ?? []) {
        if (day.van.capacityKg <= 0 || (cold && day.van.coldChainKg <= 0)) continue;
        // A stop with no goods yet was just added for another zone this round: it stays.
        const removable = (s: PlannedStop) => {
          const goods = Object.entries(s.quantitiesKg).filter(([, kg]) => kg > TOLERANCE_KG);
          return goods.length > 0 && goods.every(([c]) => (bringing.get(`${s.zoneId}|${c}`) ?? 0) >= 2);
        };
        day.route.trips.forEach((trip, i) => {
          if (trip.stops.some((s) => s.zoneId === zone.id)) return;
          const ins = swapIntoTrip(day, i, zone, zonesById, model, args.reloadS, removable);
          if (ins && (!found || ins.addedS < found.insertion.addedS)) {
            const before = new Set(trip.stops.map((s) => s.zoneId));
            const apply = ins.apply;
            found = { insertion: { addedS: ins.addedS, apply: () => {
              const t = apply();
              const after = new Set(t.stops.map((s) => s.zoneId));
              for (const z of before) if (!after.has(z)) count(day, z, -1);
              count(day, zone.id, 1);
              return t;
            } }, trip, van: day.van };
          }
        });
      }
      return found;
    };
    let added = 0;
    for (const need of needs) {
      // A zone with nothing of a commodity may take from any of its holders (the allocation then shares
      // their goods fairly); else only holders with goods left for it.
      const bare = need.bare.length > 0;
      const candidates = new Set<string>();
      for (const c of bare ? need.bare : need.commodities) {
        for (const d of holders.get(`${need.zone.id}|${c}`) ?? []) if (bare || (available.get(`${d}|${c}`) ?? 0) > TOLERANCE_KG) candidates.add(d);
      }
      let best: { insertion: Insertion; trip: object | null; van: PlanVehicle } | null = null;
      for (const depotId of candidates) {
        for (const day of daysAt.get(depotId) ?? []) {
          if (day.van.capacityKg <= 0 || (need.cold && day.van.coldChainKg <= 0)) continue;
          day.route.trips.forEach((trip, i) => {
            const left = room.get(trip);
            if (!left || (!bare && (left.kg <= MIN_ROOM_KG || (need.cold && left.coldKg <= MIN_ROOM_KG)))) return;
            if (trip.stops.some((s) => s.zoneId === need.zone.id)) return;
            const ins = insertIntoTrip(day, i, need.zone, zonesById, model, args.reloadS);
            if (ins && (!best || ins.addedS < best.insertion.addedS)) best = { insertion: ins, trip, van: day.van };
          });
          const fresh = newTrip(day, need.zone, model, args.reloadS);
          if (fresh && (!best || fresh.addedS < best.insertion.addedS)) best = { insertion: fresh, trip: null, van: day.van };
        }
      }
      if (!best && bare) best = swapFor(need.zone, need.cold, candidates);
      if (!best) continue;
      const chosen: { insertion: Insertion; trip: object | null; van: PlanVehicle } = best;
      const trip = chosen.insertion.apply();
      added++;
      // A new trip's room counts from now on, so the next short zones can join it this round.
      const left = room.get(trip) ?? { kg: chosen.van.capacityKg, coldKg: chosen.van.coldChainKg };
      left.kg -= need.kg;
      if (need.cold) left.coldKg -= need.kg;
      room.set(trip, left);
      // Only the chosen depot's goods are spoken for, each commodity by its own shortfall: the
      // other holders' goods stay open to the next short zones this round.
      const from = chosen.van.homeDepotId;
      for (const c of need.commodities) available.set(`${from}|${c}`, (available.get(`${from}|${c}`) ?? 0) - need.kgBy.get(c)!);
    }
    if (added === 0) break;
  }

  dropEmptyStops(days, zonesById, model);
  const routes = days.map((d) => d.route).filter((r) => r.trips.length > 0);
  return { routes: routes.sort((a, b) => a.vehicleId.localeCompare(b.vehicleId)), allocation: allocation!, allocationDepots: allocationDepots!, reference };
}

/** The repair aims at t* itself: where vans are not the limit the plan equals t* (issue 16; 0.95 left 0.6 % shortfalls beside idle vans). */
const TARGET = 1;
/** Depot-by-depot reload sweeps per repair round (top-up.ts). */
const REBALANCE_SWEEPS = 2;
/** Rounds of add-stops-then-reload after the first load (each is an allocation and a goods LP). */
const MAX_REPAIR_ROUNDS = 6;
/** Below this a trip counts as full. */
const MIN_ROOM_KG = 1;
/** Amounts below this (kg, absolute) are no shortfall to repair. */
const TOLERANCE_KG = 1e-3;

/** Stops the goods left empty (a zone served by another depot) are dropped and their trips retimed. */
function dropEmptyStops(days: readonly VanDay[], zones: ReadonlyMap<string, PlanZone>, model: DistanceModel): void {
  for (const day of days) {
    const route = day.route;
    route.trips = route.trips.filter((t) => {
      const before = t.stops.length;
      t.stops = t.stops.filter((s) => Object.values(s.quantitiesKg).some((kg) => kg > 1e-9));
      if (t.stops.length > 0 && t.stops.length < before) retime(t, day.depot, zones, model);
      return t.stops.length > 0;
    });
    route.distanceM = route.trips.reduce((s, t) => s + t.distanceM, 0);
  }
}

function nearestHolders(
  depots: readonly PlanDepot[],
  zones: readonly PlanZone[],
  commodities: readonly PlanCommodity[],
  distanceM: (d: number, z: number) => number,
  k: number,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  zones.forEach((zone, z) => {
    const order = depots.map((_, d) => d).filter((d) => Number.isFinite(distanceM(d, z))).sort((a, b) => distanceM(a, z) - distanceM(b, z) || a - b);
    for (const c of commodities) {
      if (!((zone.demandKg[c.id] ?? 0) > 0)) continue;
      out.set(`${zone.id}|${c.id}`, order.filter((d) => (depots[d]!.stockKg[c.id] ?? 0) > 0).slice(0, Math.max(1, k)).map((d) => depots[d]!.id));
    }
  });
  return out;
}

