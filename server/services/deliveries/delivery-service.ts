import { createHash } from 'node:crypto';
import type { StopArriveInput, StopDeliverInput, StopEventResult, StopFailInput, User } from '../../contract';
import { canRecord, type StopKind } from '../../domain/stop-status';
import { assertInstantInBounds } from '../live/instant-bounds';
import { findStop, stopKey, tripHold, type RouteStop } from '../../domain/route-model';
import { AppError, DuplicateError } from '../errors';
import { driverVehicle, type LiveState, type VehicleEntry } from '../live/live-state';
import type { DeliveryStore, StopProgress, StoredStopEvent } from './ports';

// Recording a driver's arrivals, handoffs and failed handoffs: who may report for a van, the stop's
// transition (domain/stop-status.ts), idempotency (the van's event key and a hash of the content),
// what the van can still hand over of each commodity, the depot stock the goods came from, and the
// same change mirrored in the live picture. Transport-free: the live service carries the result to
// the sockets.

export type { StopKind };
export type StopInput = StopArriveInput | StopDeliverInput | StopFailInput;

/** fresh is false for a retry answered from the store: nothing changed, nothing is pushed. */
export type Recorded =
  | { result: StopEventResult; fresh: false }
  | { result: StopEventResult; fresh: true; entry: VehicleEntry; stop: RouteStop };

export interface DeliveryDeps {
  store: DeliveryStore;
  /** The live picture: the van's published route and its stops' states, kept current here. */
  state: LiveState;
  now: () => Date;
  /** How far ahead of the server's clock a device's instant may be (LiveConfig.maxFutureMs). */
  maxFutureMs: number;
}

// The driver's page shows and edits kilos to one decimal: a planned 12.34 kg shows as 12.3, a planned
// 12.36 as 12.4; sending back what it shows must not be refused for the rounding.
const HOLD_TOLERANCE_KG = 0.05;
const round1 = (kg: number) => Math.round(kg * 10) / 10;
const describeKg = (kg: Record<string, number>) => Object.entries(kg).filter(([, v]) => v > 0).map(([c, v]) => `${c} ${round1(v)} kg`).join(', ') || 'nothing';

/** Canonical JSON (sorted keys) of everything but the key: what "the same content" means. */
export function contentHash(kind: StopKind, input: StopInput): string {
  const { key: _key, ...content } = input;
  const canonical = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v);
  return createHash('sha256').update(JSON.stringify([kind, canonical(content)])).digest('hex');
}

export function createDeliveryService({ store, state, now, maxFutureMs }: DeliveryDeps) {
  // Same vehicle and key in this process: one at a time, so retries wait for the first and replay it.
  const chains = new Map<string, Promise<unknown>>();

  function replay(stored: StoredStopEvent, hash: string): StopEventResult {
    if (stored.requestHash !== hash) {
      throw new AppError('CONFLICT', 'this idempotency key was already used for a different event: make a new key for a new event');
    }
    return stored.result;
  }

  async function routeStop(input: StopInput): Promise<{ entry: VehicleEntry; stop: RouteStop }> {
    const entry = await state.vehicle(input.vehicleId);
    if (!entry?.route) {
      // A replan may leave a van with no trips at all: a report on the plan it replaced is then a
      // stale route (reload it), the same answer as when the van still has a route in the new plan.
      const named = input.planId ? await store.plans.get(input.planId) : null;
      if (named && named.status !== 'published') {
        throw new AppError('CONFLICT', `plan "${input.planId}" is not the published plan of this van any more (the van has no route now): reload the route`, 'input.planId');
      }
      throw new AppError('NOT_FOUND', `van "${input.vehicleId}" has no published route`);
    }
    if (entry.route.planId !== input.planId) {
      throw new AppError('CONFLICT', `plan "${input.planId}" is not the published plan of this van any more (now "${entry.route.planId}"): reload the route`, 'input.planId');
    }
    const stop = findStop(entry.route, input.tripIndex, input.stopIndex);
    if (!stop) throw new AppError('NOT_FOUND', `the route has no trip ${input.tripIndex} stop ${input.stopIndex}`, 'input.stopIndex');
    return { entry, stop };
  }

  async function write(user: User, kind: StopKind, input: StopInput, hash: string): Promise<Recorded> {
    const stored = await store.deliveries.findStopEvent(input.vehicleId, input.key);
    if (stored) return { result: replay(stored, hash), fresh: false };
    const { entry, stop } = await routeStop(input);
    const deliver = kind === 'delivered' ? (input as StopDeliverInput) : null;
    if (deliver) await checkQuantities(deliver, entry);
    const route = entry.route!;
    try {
      const result = await store.transaction(async (tx) => {
        await tx.deliveries.lockStops(route.planId, input.vehicleId);
        const again = await tx.deliveries.findStopEvent(input.vehicleId, input.key);
        if (again) return { result: replay(again, hash), fresh: false as const };
        // The in-memory route is reloaded just after a publish commits: the database decides.
        if (!(await tx.deliveries.stillPublished(route.planId))) {
          throw new AppError('CONFLICT', `plan "${route.planId}" is not the published plan of this van any more: reload the route`, 'input.planId');
        }
        const rows = await tx.deliveries.stopProgress(route.planId, input.vehicleId);
        const progress = rows.find((p) => p.tripIndex === input.tripIndex && p.stopIndex === input.stopIndex);
        // A replan's done stop has no progress row on the new plan: it was delivered all the same.
        const from = progress?.status ?? (stop.done ? 'delivered' : 'pending');
        if (!canRecord(from, kind)) throw new AppError('CONFLICT', `the stop is already ${from}: it cannot be marked ${kind}`);
        if (deliver) checkHold(deliver, route, rows);
        const recordedAt = now().toISOString();
        // The goods left the van whatever the books say: a short stock never refuses the delivery
        // (the driver cannot take them back); it stops at zero and the shortfall goes on record.
        const depotId = route.trips[input.tripIndex]!.depotId;
        const short = deliver ? await tx.depots.drawStock(depotId, deliver.quantitiesKg) : {};
        const result: Omit<StopEventResult, 'eventId'> = {
          planId: route.planId, vehicleId: input.vehicleId, tripIndex: input.tripIndex, stopIndex: input.stopIndex,
          kind, status: kind, zoneId: stop.zoneId, at: new Date(input.at).toISOString(), recordedAt,
          ...(deliver ? { depotId, ...(Object.keys(short).length ? { stockShortKg: short } : {}) } : {}),
        };
        const { key: _key, planId: _p, vehicleId: _v, tripIndex: _t, stopIndex: _s, at: _a, ...detail } = input;
        const eventId = await tx.deliveries.insertStopEvent({
          ...result, key: input.key, requestHash: hash, userId: user.id, detail, result,
        });
        await tx.deliveries.upsertStopProgress({
          planId: route.planId, vehicleId: input.vehicleId, tripIndex: input.tripIndex, stopIndex: input.stopIndex, zoneId: stop.zoneId,
          status: kind,
          arrivedAt: kind === 'arrived' ? result.at : progress?.arrivedAt ?? null,
          finishedAt: kind === 'arrived' ? null : result.at,
          deliveredKg: deliver ? deliver.quantitiesKg : progress?.deliveredKg ?? {},
          lastEventId: eventId,
        });
        if (deliver) await tx.deliveries.addDeliveries(eventId, stop.zoneId, route.date, deliver.quantitiesKg);
        await tx.audit.append({
          at: recordedAt, userId: user.id, action: `stop.${kind}`, entity: 'stop_event', entityId: String(eventId),
          detail: { planId: route.planId, vehicleId: input.vehicleId, tripIndex: input.tripIndex, stopIndex: input.stopIndex, ...detail },
        });
        if (Object.keys(short).length) {
          await tx.audit.append({
            at: recordedAt, userId: user.id, action: 'depot.stock_short', entity: 'depot', entityId: depotId,
            detail: { stopEventId: eventId, vehicleId: input.vehicleId, shortKg: short },
          });
        }
        return { result: { ...result, eventId }, fresh: true as const };
      });
      if (!result.fresh) return result;
      await apply(entry, result.result, deliver?.quantitiesKg ?? null, route.date);
      return { ...result, entry, stop };
    } catch (err) {
      // Another process (PostgreSQL) stored the same key first: answer as a retry.
      if (!(err instanceof DuplicateError)) throw err;
      const winner = await store.deliveries.findStopEvent(input.vehicleId, input.key);
      if (!winner) throw err;
      return { result: replay(winner, hash), fresh: false };
    }
  }

  async function checkQuantities(input: StopDeliverInput, entry: VehicleEntry) {
    const known = new Set((await state.commodities()).map((c) => c.id));
    for (const id of Object.keys(input.quantitiesKg)) {
      if (!known.has(id)) throw new AppError('VALIDATION', `input.quantitiesKg: unknown commodity "${id}"`, `input.quantitiesKg.${id}`);
    }
    // What the trip loaded is fixed by the plan: a commodity it did not load cannot be on the van.
    const trip = entry.route!.trips[input.tripIndex]!;
    const { loadedKg } = tripHold(trip, input.stopIndex, () => null);
    for (const [id, kg] of Object.entries(input.quantitiesKg)) {
      if (kg > 0 && !((loadedKg[id] ?? 0) > 0)) {
        throw new AppError('VALIDATION', `input.quantitiesKg.${id}: the van carries no "${id}" on trip ${input.tripIndex + 1} (it loaded ${describeKg(loadedKg)})`, `input.quantitiesKg.${id}`);
      }
    }
    // The van's capacity bounds the trip's load, so checkHold (per commodity, against the load) also
    // refuses anything over the capacity.
  }

  /**
   * Inside the stop lock: each commodity at most what the van still holds of it on this trip (its load
   * less what the trip's other stops were handed), read from the committed progress, so two stops
   * recorded at once cannot both hand over the same kilos.
   */
  function checkHold(input: StopDeliverInput, route: NonNullable<VehicleEntry['route']>, rows: readonly StopProgress[]) {
    const trip = route.trips[input.tripIndex]!;
    const byStop = new Map(rows.filter((r) => r.tripIndex === input.tripIndex).map((r) => [r.stopIndex, r]));
    const { loadedKg, leftKg } = tripHold(trip, input.stopIndex, (s) => {
      const row = byStop.get(s.stopIndex);
      if (row) return row.status === 'delivered' ? row.deliveredKg : null;
      return s.done ? s.doneKg ?? s.plannedKg : null;
    });
    for (const [id, kg] of Object.entries(input.quantitiesKg)) {
      const left = Math.max(0, leftKg[id] ?? 0);
      if (kg > left + HOLD_TOLERANCE_KG) {
        throw new AppError('CONFLICT', `input.quantitiesKg.${id}: ${kg} kg is more than the van still holds of "${id}" on trip ${input.tripIndex + 1} (${round1(left)} kg left of ${round1(loadedKg[id] ?? 0)} kg loaded)`, `input.quantitiesKg.${id}`);
      }
    }
  }

  /** Mirrors the committed write in memory; kg delivered only ever grows, so the larger figure wins. */
  async function apply(entry: VehicleEntry, result: StopEventResult, kg: Record<string, number> | null, date: string) {
    const k = stopKey(result.tripIndex, result.stopIndex);
    const before = entry.states.get(k);
    if (entry.route?.planId === result.planId && (!before || before.lastEventId < result.eventId)) {
      entry.states.set(k, {
        status: result.status,
        arrivedAtMs: result.kind === 'arrived' ? Date.parse(result.at) : before?.arrivedAtMs ?? null,
        deliveredKg: kg ?? before?.deliveredKg ?? {},
        lastEventId: result.eventId,
      });
    }
    if (!kg) return;
    const cover = await state.delivered(date);
    const fresh = await store.deliveries.zoneDeliveredFor(result.zoneId, date);
    const zone = cover.get(result.zoneId) ?? {};
    for (const [c, v] of Object.entries(fresh)) zone[c] = Math.max(zone[c] ?? 0, v);
    cover.set(result.zoneId, zone);
  }

  return {
    /** Mirrors an event another server recorded (cluster mode): the same in-memory update as its own. */
    async applyRemote(result: StopEventResult, kg: Record<string, number> | null, date: string): Promise<void> {
      const entry = await state.vehicle(result.vehicleId);
      if (entry) await apply(entry, result, kg, date);
    },
    /** Records one stop event from the van's driver, once per key: a retry gets the first answer. */
    async record(user: User, kind: StopKind, input: StopInput): Promise<Recorded> {
      const van = await driverVehicle(state, user, input.vehicleId);
      assertInstantInBounds(input.at, 'input.at', now(), maxFutureMs, van.route?.planId === input.planId ? van.route.date : undefined);
      const hash = contentHash(kind, input);
      const chainKey = `${input.vehicleId}\u0000${input.key}`;
      const run = (chains.get(chainKey) ?? Promise.resolve()).catch(() => undefined).then(() => write(user, kind, input, hash));
      chains.set(chainKey, run);
      void run.finally(() => { if (chains.get(chainKey) === run) chains.delete(chainKey); }).catch(() => undefined);
      return await run;
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
