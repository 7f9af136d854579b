import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents, LiveAck, LngLat, PlanResult, PlannedRoute, ServerToClientEvents, User,
} from '../contract';
import { hashPassword } from '../store/passwords';
import type { Store } from '../services/ports';
import type { TestServer } from './test-server';

// Helpers for live tests and scripts: typed socket.io clients, driver logins, a published plan
// written straight to the store (the planner's worker is not what these tests are about).

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectLive(url: string, token: string, options: { reconnection?: boolean } = {}): Promise<LiveClient> {
  const socket: LiveClient = io(url, {
    auth: { token }, transports: ['websocket'], reconnection: options.reconnection ?? false, forceNew: true,
    reconnectionDelay: 100, reconnectionDelayMax: 500,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => { socket.close(); reject(err); });
  });
}

/** Emits with an ack and resolves with it (a lost ack becomes socket.io's timeout error). */
export function call<T = any>(socket: LiveClient, event: keyof ClientToServerEvents, payload?: unknown): Promise<LiveAck<T>> {
  const timed = socket.timeout(10_000);
  const emit = (timed.emitWithAck as unknown as (e: string, ...a: unknown[]) => Promise<LiveAck<T>>).bind(timed);
  return payload === undefined ? emit(event) : emit(event, payload);
}

/** A driver login bound to a van (the demo has one driver login only); returns its token. */
export async function driverLogin(server: TestServer, vehicleId: string, districtId: string | null): Promise<{ token: string; user: User }> {
  const user: User = { id: `u-${vehicleId}`, username: `drv-${vehicleId}`, displayName: vehicleId, role: 'driver', districtId, vehicleId };
  await server.store.users.upsert(user, await hashPassword('driver123'));
  return { token: await server.login(user.username, 'driver123'), user };
}

/** Writes a published plan with the given routes and tells the live layer, as the plan service would. */
export async function publishRoutes(server: TestServer, routes: PlannedRoute[], options: { date: string; districtId: string | null }): Promise<string> {
  const { id, version } = await insertPublishedPlan(server.store, routes, options);
  await server.live.planEvent({ planId: id, districtId: options.districtId, status: 'published', progress: 1, version });
  return id;
}

/** Writes a published plan straight to a store (no live layer: e.g. before a server process starts on it). */
export async function insertPublishedPlan(
  store: Store, routes: PlannedRoute[], options: { date: string; districtId: string | null },
): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  const version = (await store.plans.maxVersion(options.districtId)) + 1;
  const at = new Date().toISOString();
  const result: PlanResult = {
    routes, zones: [], excludedVehicles: [], supplyLimits: [],
    kpis: { minFillRate: 1, allocationFillRate: 1, deliveredKg: 0, demandKg: 0, distanceKm: 0, vehiclesUsed: routes.length, vanUtilisation: 0, zonesShort: 0, minDaysOfCover: null, runtimeMs: 0 },
  };
  await store.plans.insert({
    id, version, status: 'published', date: options.date, districtId: options.districtId, createdAt: at, createdBy: 'u-coord',
    publishedAt: at, basePlanId: null, progress: 1, error: null, kpis: result.kpis, result, changes: null, inputSettings: {},
  });
  return { id, version };
}

/** One trip from the van's depot to the given zones' first handoff points (or a nearby point). */
export async function routeThrough(
  server: { store: Store }, vehicleId: string, zoneIds: string[], quantitiesKg: Record<string, number> = { vegetables: 10, eggs: 2 },
): Promise<PlannedRoute> {
  const vehicle = (await server.store.vehicles.get(vehicleId))!;
  const points = await server.store.handoffPoints.list();
  const stops = zoneIds.map((zoneId, i) => {
    const location: LngLat = points.find((p) => p.zoneId === zoneId)?.location ?? [113.24 + i * 0.001, 23.12];
    return { zoneId, handoffPointId: null, location, arrivalS: 8 * 3600 + i * 600, departureS: 8 * 3600 + i * 600 + 300, quantitiesKg: { ...quantitiesKg } };
  });
  return {
    vehicleId, driverId: vehicle.driverId, distanceM: 1000,
    trips: [{ depotId: vehicle.homeDepotId, departS: 7.5 * 3600, returnS: 18 * 3600, distanceM: 1000, loadKg: Object.values(quantitiesKg).reduce((a, b) => a + b, 0) * zoneIds.length, coldChainLoadKg: 0, stops }],
  };
}

export const key = () => randomUUID();

/** Resolves when `predicate` holds, polling; rejects after `ms`. */
export async function until(predicate: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
