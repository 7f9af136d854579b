import type { PlannedRoute, PlannedTrip } from '../../contract';
import { loadRoutes } from '../allocation';
import type { PlanCommodity, PlanDepot, PlanVehicle, PlanZone } from '../plan-input';

/**
 * After the goods are loaded as the allocation on the routes planned them, two corrections for what
 * that model cannot see: it pools a depot's vans (the sum of its trips' kg), while each trip is
 * loaded on its own. So a zone can stay short because the one trip meant to bring its goods is full,
 * while the same depot has another trip stopping there with room — and either stock left over
 * (`topUp`) or goods it gives to zones above their share (`rebalance`). Both reuse the loading's
 * leximin (../allocation/load-routes.ts), depot by depot, counting every depot's deliveries.
 */
type Target = (zone: PlanZone, commodityId: string) => number;

interface Ctx {
  routes: readonly PlannedRoute[];
  zones: ReadonlyMap<string, PlanZone>;
  vehicles: ReadonlyMap<string, PlanVehicle>;
  commodities: readonly PlanCommodity[];
}

/** Leftover stock onto leftover room, towards `target` (what each zone-commodity should reach in all). Only adds goods. */
export function topUp(ctx: Ctx, depots: readonly PlanDepot[], target: Target, weighted: boolean): void {
  const { delivered, loadedAt } = tally(ctx.routes);
  for (const depot of depots) {
    const trips = tripsOf(ctx, depot.id).filter(({ van, trip }) => van.capacityKg - trip.loadKg > MIN_KG);
    const stockKg: Record<string, number> = {};
    for (const c of ctx.commodities) {
      const left = (depot.stockKg[c.id] ?? 0) - (loadedAt.get(`${depot.id}|${c.id}`) ?? 0);
      if (left > MIN_KG) stockKg[c.id] = left;
    }
    if (trips.length === 0 || Object.keys(stockKg).length === 0) continue;
    const gaps = (zone: PlanZone, c: string) => target(zone, c) - (delivered.get(`${zone.id}|${c}`) ?? 0);
    load(ctx, depot.id, trips, stockKg, gaps, true, delivered, weighted);
  }
}

/**
 * A depot whose trips stop at a zone-commodity below `share` × its target reloads all its trips:
 * each zone it serves is aimed at what it lacks from this depot to reach its target (others' goods
 * counted), so goods it gave above the target move to the short zone. Kept only when the lowest
 * share of target among the depot's zones does not fall.
 */
export function rebalance(ctx: Ctx, depots: readonly PlanDepot[], target: Target, share: number): void {
  // Every zone's deliveries from all depots, kept current as each depot reloads.
  const { delivered } = tally(ctx.routes);
  const add = (trips: readonly TripRef[], sign: number) => {
    for (const { trip } of trips) for (const s of trip.stops) for (const [c, kg] of Object.entries(s.quantitiesKg)) {
      delivered.set(`${s.zoneId}|${c}`, (delivered.get(`${s.zoneId}|${c}`) ?? 0) + sign * kg);
    }
  };
  for (const depot of depots) {
    const trips = tripsOf(ctx, depot.id);
    if (trips.length === 0) continue;
    const held = (c: string) => (depot.stockKg[c] ?? 0) > MIN_KG;
    const lowest = () => {
      let min = Infinity;
      for (const { trip } of trips) for (const s of trip.stops) for (const c of ctx.commodities) {
        const need = held(c.id) ? target(ctx.zones.get(s.zoneId)!, c.id) : 0;
        if (need > MIN_KG) min = Math.min(min, (delivered.get(`${s.zoneId}|${c.id}`) ?? 0) / need);
      }
      return min;
    };
    const before = lowest();
    if (!(before < share) || !hasSlack(ctx, depot, trips, delivered, target)) continue;
    const saved = trips.map(({ trip }) => ({ trip, loadKg: trip.loadKg, coldKg: trip.coldChainLoadKg, quantities: trip.stops.map((s) => s.quantitiesKg) }));
    add(trips, -1);
    for (const { trip } of trips) {
      trip.loadKg = 0;
      trip.coldChainLoadKg = 0;
      for (const s of trip.stops) s.quantitiesKg = {};
    }
    const stockKg: Record<string, number> = {};
    for (const c of ctx.commodities) if (held(c.id)) stockKg[c.id] = depot.stockKg[c.id]!;
    load(ctx, depot.id, trips, stockKg, (zone, c) => target(zone, c) - (delivered.get(`${zone.id}|${c}`) ?? 0), false, delivered, false);
    if (lowest() < before) {
      add(trips, -1);
      for (const { trip, loadKg, coldKg, quantities } of saved) {
        trip.loadKg = loadKg;
        trip.coldChainLoadKg = coldKg;
        trip.stops.forEach((s, i) => (s.quantitiesKg = quantities[i]!));
      }
      add(trips, 1);
    }
  }
}

/**
 * The last step, kg by kg where the leximin sweeps stop short: a zone-commodity still below `share` ×
 * its target, on a trip of a depot holding it with room left (cold room for cold goods), takes that
 * depot's goods from the stops of zones above their target, down to their target.
 */
export function shiftSurplus(ctx: Ctx, depots: readonly PlanDepot[], target: Target, share: number): void {
  const cold = new Set(ctx.commodities.filter((c) => c.coldChain).map((c) => c.id));
  const { delivered } = tally(ctx.routes);
  const got = (zoneId: string, c: string) => delivered.get(`${zoneId}|${c}`) ?? 0;
  for (const depot of depots) {
    const trips = tripsOf(ctx, depot.id);
    for (const c of ctx.commodities) {
      if (!((depot.stockKg[c.id] ?? 0) > MIN_KG)) continue;
      const sources = trips.flatMap(({ trip }) => trip.stops.filter((s) => (s.quantitiesKg[c.id] ?? 0) > MIN_KG).map((stop) => ({ trip, stop })));
      for (const { van, trip } of trips) for (const stop of trip.stops) {
        const zone = ctx.zones.get(stop.zoneId)!;
        const need = target(zone, c.id);
        if (!(got(zone.id, c.id) < share * need)) continue;
        let room = Math.min(need - got(zone.id, c.id), van.capacityKg - trip.loadKg, c.coldChain ? van.coldChainKg - trip.coldChainLoadKg : Infinity);
        for (const src of sources) {
          if (room <= MIN_KG) break;
          const other = ctx.zones.get(src.stop.zoneId)!;
          const spare = Math.min(src.stop.quantitiesKg[c.id] ?? 0, got(other.id, c.id) - target(other, c.id));
          const kg = Math.min(room, spare);
          if (!(kg > MIN_KG) || other.id === zone.id) continue;
          src.stop.quantitiesKg[c.id]! -= kg;
          src.trip.loadKg -= kg;
          stop.quantitiesKg[c.id] = (stop.quantitiesKg[c.id] ?? 0) + kg;
          trip.loadKg += kg;
          if (cold.has(c.id)) {
            src.trip.coldChainLoadKg -= kg;
            trip.coldChainLoadKg += kg;
          }
          delivered.set(`${other.id}|${c.id}`, got(other.id, c.id) - kg);
          delivered.set(`${zone.id}|${c.id}`, got(zone.id, c.id) + kg);
          room -= kg;
        }
      }
    }
  }
}

/**
 * Whether a reload could move anything: the depot gives some zone more than its target, or has
 * stock left and a trip with room. Without either it only re-shares what the loading already shared fairly.
 */
function hasSlack(ctx: Ctx, depot: PlanDepot, trips: readonly TripRef[], delivered: ReadonlyMap<string, number>, target: Target): boolean {
  const loaded = new Map<string, number>();
  let room = false;
  for (const { van, trip } of trips) {
    if (van.capacityKg - trip.loadKg > MIN_KG) room = true;
    for (const s of trip.stops) for (const [c, kg] of Object.entries(s.quantitiesKg)) {
      if (!(kg > MIN_KG)) continue;
      if ((delivered.get(`${s.zoneId}|${c}`) ?? 0) > target(ctx.zones.get(s.zoneId)!, c) + MIN_KG) return true;
      loaded.set(c, (loaded.get(c) ?? 0) + kg);
    }
  }
  return room && ctx.commodities.some((c) => (depot.stockKg[c.id] ?? 0) - (loaded.get(c.id) ?? 0) > MIN_KG);
}

interface TripRef { van: PlanVehicle; trip: PlannedTrip; id: string }

function tripsOf(ctx: Ctx, depotId: string): TripRef[] {
  return ctx.routes.flatMap((r) => r.trips.map((t, i) => ({ van: ctx.vehicles.get(r.vehicleId)!, trip: t, id: `${r.vehicleId}#${i}` })))
    .filter(({ trip }) => trip.depotId === depotId);
}

/** What the loaded routes bring each zone (`zone|commodity`) and take from each depot (`depot|commodity`), in kg. */
export function tally(routes: readonly PlannedRoute[]): { delivered: Map<string, number>; loadedAt: Map<string, number> } {
  const delivered = new Map<string, number>();
  const loadedAt = new Map<string, number>();
  for (const r of routes) for (const t of r.trips) for (const s of t.stops) for (const [c, kg] of Object.entries(s.quantitiesKg)) {
    delivered.set(`${s.zoneId}|${c}`, (delivered.get(`${s.zoneId}|${c}`) ?? 0) + kg);
    loadedAt.set(`${t.depotId}|${c}`, (loadedAt.get(`${t.depotId}|${c}`) ?? 0) + kg);
  }
  return { delivered, loadedAt };
}

/** One depot's leximin load of `stockKg` onto its trips' room (all of it, or what is left), towards `gap` per zone-commodity. */
function load(
  ctx: Ctx, depotId: string, trips: readonly TripRef[], stockKg: Record<string, number>,
  gap: (zone: PlanZone, c: string) => number, roomOnly: boolean, delivered: Map<string, number>, weighted: boolean,
): void {
  const cold = new Set(ctx.commodities.filter((c) => c.coldChain).map((c) => c.id));
  const zoneIds = new Set(trips.flatMap(({ trip }) => trip.stops.map((s) => s.zoneId)));
  const zones: { id: string; weight: number; demandKg: Record<string, number> }[] = [];
  for (const id of zoneIds) {
    const zone = ctx.zones.get(id)!;
    const demandKg: Record<string, number> = {};
    for (const c of Object.keys(stockKg)) {
      const kg = gap(zone, c);
      if (kg > MIN_KG) demandKg[c] = kg;
    }
    if (Object.keys(demandKg).length > 0) zones.push({ id, weight: weighted ? zone.weight : 1, demandKg });
  }
  if (zones.length === 0) return;
  const result = loadRoutes({
    commodities: ctx.commodities.map((c) => ({ id: c.id, coldChain: c.coldChain })),
    depots: [{ id: depotId, stockKg }],
    zones,
    trips: trips.map(({ van, trip, id }) => {
      const room = roomOnly ? van.capacityKg - trip.loadKg : van.capacityKg;
      const coldRoom = roomOnly ? van.coldChainKg - trip.coldChainLoadKg : van.coldChainKg;
      return { id, depotId, capacityKg: Math.max(0, room), coldChainKg: Math.max(0, Math.min(room, coldRoom)), stopZoneIds: trip.stops.map((s) => s.zoneId) };
    }),
  });
  const byId = new Map(trips.map((t) => [t.id, t.trip]));
  for (const l of result.loads) {
    if (l.kg <= 1e-9) continue;
    const trip = byId.get(l.tripId)!;
    const stop = trip.stops[l.stopIndex]!;
    stop.quantitiesKg[l.commodityId] = (stop.quantitiesKg[l.commodityId] ?? 0) + l.kg;
    trip.loadKg += l.kg;
    if (cold.has(l.commodityId)) trip.coldChainLoadKg += l.kg;
    delivered.set(`${l.zoneId}|${l.commodityId}`, (delivered.get(`${l.zoneId}|${l.commodityId}`) ?? 0) + l.kg);
  }
}

/** Below this (kg) a trip counts as full and a gap as closed. */
const MIN_KG = 1e-6;
