import type { Commodity, LivePosition, LngLat, User, Vehicle, Zone } from '../../contract';
import { AppError, forbidden } from '../errors';
import type { LiveStore } from './ports';
import { createRouteReloader } from './route-reloader';
import { allStops, loadRoute, stopKey, type LoadedRoute, type StopState } from '../../domain/route-model';

// The live picture in memory: per van its published route, the state of each stop and its last fix;
// per day and zone the kg delivered so far. Loaded lazily from the store, then kept current by the
// events this process records, so building a snapshot or an event needs no query.

export interface VehicleEntry {
  vehicle: Vehicle;
  route: LoadedRoute | null;
  states: Map<string, StopState>;
  fix: LivePosition | null;
  /** Instants of the last fixes seen, to tell a resent fix from a new one. */
  recentFixes: Set<string>;
}

export interface LiveState {
  vehicle(id: string): Promise<VehicleEntry | null>;
  /** Every van (loads them all once). */
  allVehicles(): Promise<VehicleEntry[]>;
  loadedVehicles(): VehicleEntry[];
  /** The van if this process holds it already (no load). */
  loaded(id: string): VehicleEntry | undefined;
  /** Reloads routes and stop states, after a plan was published. */
  reloadRoutes(): Promise<void>;
  /**
   * Makes sure the routes held are those of the plans published now, whichever process published
   * them (one cheap read; a reload only when something was published since): what a snapshot waits for.
   */
  currentRoutes(): Promise<void>;
  zone(id: string): Promise<Zone | null>;
  zones(): Promise<Zone[]>;
  commodities(): Promise<Commodity[]>;
  /** zoneId → commodityId → kg delivered on that local day. */
  delivered(date: string): Promise<Map<string, Record<string, number>>>;
}

/** The van a driver reports for: only its own driver may, and it must exist. */
export async function driverVehicle(state: LiveState, user: User, vehicleId: string): Promise<VehicleEntry> {
  if (user.role !== 'driver' || user.vehicleId !== vehicleId) throw forbidden(`only the driver of van "${vehicleId}" may report for it`);
  const entry = await state.vehicle(vehicleId);
  if (!entry) throw new AppError('NOT_FOUND', `van "${vehicleId}" does not exist`);
  return entry;
}

/** Vans whose routes are read at once in a reload. */
const RELOAD_BATCH = 8;

/**
 * `zoneMaxAgeMs`: zones are re-read when the copy is older than this. Zones change through the HTTP
 * API, on this server or another, and rarely; a zone lifted or sealed shows in snapshots that soon.
 */
export function createLiveState(store: LiveStore, zoneMaxAgeMs = 5000): LiveState {
  const vehicles = new Map<string, Promise<VehicleEntry | null>>();
  const loaded = new Map<string, VehicleEntry>();
  let allLoaded: Promise<void> | null = null;
  let zoneCache: Promise<Map<string, Zone>> | null = null;
  let zonesReadAt = 0;
  let commodityCache: Promise<Commodity[]> | null = null;
  const depots = new Map<string, LngLat>();
  const coverByDate = new Map<string, Promise<Map<string, Record<string, number>>>>();

  async function depotLocation(id: string): Promise<LngLat> {
    if (!depots.has(id)) for (const d of await store.depots.list()) depots.set(d.id, d.location);
    return depots.get(id) ?? [0, 0];
  }

  // A published plan does not change: one read serves all its vans (a city plan holds thousands).
  const plans = new Map<string, ReturnType<LiveStore['plans']['get']>>();
  function planOf(id: string) {
    let plan = plans.get(id);
    if (!plan) {
      plan = store.plans.get(id);
      plans.set(id, plan);
      plan.catch(() => plans.delete(id));
    }
    return plan;
  }

  async function routeOf(vehicleId: string): Promise<{ route: LoadedRoute | null; states: Map<string, StopState> }> {
    const ref = await store.plans.latestPublishedForVehicle(vehicleId);
    const plan = ref ? await planOf(ref.id) : null;
    const planned = plan?.result?.routes.find((r) => r.vehicleId === vehicleId);
    if (!ref || !planned) return { route: null, states: new Map() };
    const locations = new Map<string, LngLat>();
    for (const t of planned.trips) locations.set(t.depotId, await depotLocation(t.depotId));
    const route = loadRoute({ planId: ref.id, planVersion: ref.version, date: ref.date }, planned, (id) => locations.get(id)!);
    const states = new Map<string, StopState>();
    // A replan keeps the stops handed off before it as done: they start delivered, not pending
    // (progress rows are per plan, and the new plan has none for them yet).
    for (const s of allStops(route)) {
      if (s.done) states.set(stopKey(s.tripIndex, s.stopIndex), { status: 'delivered', arrivedAtMs: null, deliveredKg: s.doneKg ?? s.plannedKg, lastEventId: 0 });
    }
    for (const p of await store.deliveries.stopProgress(ref.id, vehicleId)) {
      states.set(`${p.tripIndex}/${p.stopIndex}`, {
        status: p.status, arrivedAtMs: p.arrivedAt ? Date.parse(p.arrivedAt) : null, deliveredKg: p.deliveredKg, lastEventId: p.lastEventId,
      });
    }
    return { route, states };
  }

  async function load(vehicle: Vehicle, fix: LivePosition | null): Promise<VehicleEntry> {
    const { route, states } = await routeOf(vehicle.id);
    const entry: VehicleEntry = { vehicle, route, states, fix, recentFixes: new Set(fix ? [fix.at] : []) };
    loaded.set(vehicle.id, entry);
    return entry;
  }

  const lastFix = (p: { vehicleId: string; lng: number; lat: number; speedKmh: number; at: string }): LivePosition =>
    ({ vehicleId: p.vehicleId, lng: p.lng, lat: p.lat, speedKmh: p.speedKmh, at: p.at });

  const state: LiveState = {
    vehicle(id) {
      let entry = vehicles.get(id);
      if (!entry) {
        entry = (async () => {
          const vehicle = await store.vehicles.get(id);
          if (!vehicle) return null;
          const [fix] = await store.tracks.lastPositions(id);
          return load(vehicle, fix ? lastFix(fix) : null);
        })();
        vehicles.set(id, entry);
        entry.catch(() => vehicles.delete(id));
      }
      return entry;
    },
    async allVehicles() {
      allLoaded ??= (async () => {
        const fixes = new Map((await store.tracks.lastPositions()).map((p) => [p.vehicleId, lastFix(p)]));
        for (const v of await store.vehicles.list()) {
          if (!vehicles.has(v.id)) vehicles.set(v.id, load(v, fixes.get(v.id) ?? null));
        }
        await Promise.all(vehicles.values());
      })();
      allLoaded.catch(() => { allLoaded = null; });
      await allLoaded;
      return [...loaded.values()];
    },
    loadedVehicles: () => [...loaded.values()],
    loaded: (id) => loaded.get(id),
    reloadRoutes: () => routes.reload(),
    currentRoutes: () => routes.current(),
    async zone(id) {
      const zones = await currentZones();
      if (zones.has(id)) return zones.get(id)!;
      zoneCache = loadZones();
      return (await zoneCache).get(id) ?? null;
    },
    async zones() {
      return [...(await currentZones()).values()];
    },
    commodities: () => (commodityCache ??= store.commodities.list()),
    delivered(date) {
      let cover = coverByDate.get(date);
      if (!cover) {
        cover = store.deliveries.zoneDelivered(date);
        coverByDate.set(date, cover);
        cover.catch(() => coverByDate.delete(date));
      }
      return cover;
    },
  };

  const routes = createRouteReloader({
    stamp: () => store.plans.publishedStamp(),
    async reload() {
      depots.clear();
      // A van being loaded may have read its route before the publish: it is part of this reload.
      await Promise.allSettled([...vehicles.values()]);
      const targets = [...loaded.values()];
      const fresh: Array<Awaited<ReturnType<typeof routeOf>>> = [];
      // A few at a time: a city's thousands of vans must not queue ahead of every request on the pool.
      for (let i = 0; i < targets.length; i += RELOAD_BATCH) {
        fresh.push(...await Promise.all(targets.slice(i, i + RELOAD_BATCH).map((e) => routeOf(e.vehicle.id))));
      }
      // All vans change in one tick: a snapshot never shows some on the new plan and some on the old.
      targets.forEach((entry, i) => replaceRoute(entry, fresh[i]!));
      // A plan may name vans this process never loaded: they load on first use, routes included.
      allLoaded = null;
    },
  });

  function currentZones() {
    if (!zoneCache || Date.now() - zonesReadAt > zoneMaxAgeMs) zoneCache = loadZones();
    return zoneCache;
  }

  function loadZones() {
    zonesReadAt = Date.now();
    const loading = store.zones.list().then((list) => new Map(list.map((z) => [z.id, z])));
    loading.catch(() => { if (zoneCache === loading) zoneCache = null; });
    return loading;
  }
  return state;
}

/**
 * Puts a freshly read route in place. Stop events recorded while it was being read (here or on
 * another server) are already in the entry: on the same plan, the later event of each stop wins.
 */
export function replaceRoute(entry: VehicleEntry, fresh: { route: LoadedRoute | null; states: Map<string, StopState> }): void {
  if (entry.route && fresh.route && entry.route.planId === fresh.route.planId) {
    for (const [k, held] of entry.states) {
      const read = fresh.states.get(k);
      if (!read || read.lastEventId < held.lastEventId) fresh.states.set(k, held);
    }
  }
  entry.route = fresh.route;
  entry.states = fresh.states;
}
