import type {
  Alert, AlertChangedEvent, LiveEnvelope, LivePosition, LiveSnapshot, VehicleMove, MoveResult, PlanEvent, StopEventResult, User, VehicleMoveInput,
} from '../../contract';
import type { LiveConfig } from '../../config';
import { haversineModel } from '../../planner/distance';
import type { Logger } from '../logger';
import type { LiveStore } from './ports';
import { derive, liveStop, liveVehicle, liveZoneCover, type Derived } from './payloads';
import { assertInsideBounds, assertInstantInBounds } from './instant-bounds';
import { createLiveState, driverVehicle, type VehicleEntry } from './live-state';
import { localDate } from '../../domain/local-time';
import type { Outbox } from './outbox';
import { createPositionBuffer } from './position-buffer';
import { createProgressThrottle } from '../../domain/progress-throttle';
import { createDeliveryService, type StopInput, type StopKind } from '../deliveries/delivery-service';
import { allStops, stopKey } from '../../domain/route-model';
import { COORDINATORS, districtRoom, stopRooms, vehicleRoom, vehicleRooms, viewOf, zoneRooms, type View } from './rooms';

export interface LiveDeps {
  store: LiveStore;
  config: LiveConfig;
  now: () => Date;
  log: Logger;
}

const RECENT_FIXES = 64;

/** Keeps the instants of a van's last fixes, to tell a resent fix (to this server or another) from a new one. */
function rememberFix(entry: VehicleEntry, at: string): void {
  entry.recentFixes.add(at);
  if (entry.recentFixes.size > RECENT_FIXES) entry.recentFixes.delete(entry.recentFixes.values().next().value!);
}

/** What one server tells the others (cluster mode) so that their live pictures stay the same. */
export type LiveDelta =
  | { type: 'fix'; fix: LivePosition }
  | { type: 'stop'; result: StopEventResult; kg: Record<string, number> | null; date: string };

/** Live use cases, transport-free: the socket gateway calls these and delivers what they send. */
export function createLiveService({ store, config, now, log }: LiveDeps) {
  const state = createLiveState(store, config.zoneMaxAgeMs);
  const deliveries = createDeliveryService({ store, state, now, maxFutureMs: config.maxFutureMs });
  const positions = createPositionBuffer(store, { flushMs: config.positionFlushMs, flushRows: config.positionFlushRows }, log);
  const model = haversineModel({ detourFactor: config.detourFactor, speedKmh: config.speedKmh });
  const etaOptions = { utcOffset: config.utcOffset, durationS: model.durationS };
  const zoneDistricts = new Map<string, string>();
  let outbox: Outbox | null = null;
  const progress = createProgressThrottle(() => Date.now()); // wall-clock rate, not domain time (tests may fix now)
  const stopListeners = new Set<(result: StopEventResult) => void>();
  const deltaListeners = new Set<(delta: LiveDelta) => void>();
  // The van board's live push hears which vans changed (null: every van, after a publish).
  const vanListeners = new Set<(vehicleId: string | null) => void>();
  const vanChanged = (vehicleId: string | null) => { for (const l of vanListeners) l(vehicleId); };
  // Other servers' stop events being applied: a snapshot waits for them.
  let syncing: Promise<void> = Promise.resolve();
  const share = (delta: LiveDelta) => {
    for (const l of deltaListeners) l(delta);
  };

  const zoneDistrict = (zoneId: string) => zoneDistricts.get(zoneId) ?? null;
  async function refreshZones() {
    for (const z of await state.zones()) zoneDistricts.set(z.id, z.districtId);
  }

  // Moves go out as one vehicles:moved per room, each van once with its state at that moment (a stop's
  // re-estimate and a fix in the same window are one entry), at most one flush per moveBatchMs: a
  // quiet server flushes on the next tick, a busy one every moveBatchMs.
  const pendingMoves = new Set<VehicleEntry>();
  let moveTimer: ReturnType<typeof setTimeout> | null = null;
  let lastFlushMs = -Infinity;
  const views = new Map<string, View>();
  const viewFor = (room: string) => views.get(room) ?? views.set(room, viewOf(room)).get(room)!;

  function pushMoved(entry: VehicleEntry) {
    vanChanged(entry.vehicle.id);
    pendingMoves.add(entry);
    moveTimer ??= setTimeout(flushMoves, Math.max(0, lastFlushMs + config.moveBatchMs - performance.now()));
  }

  function flushMoves() {
    if (moveTimer) clearTimeout(moveTimer);
    moveTimer = null;
    lastFlushMs = performance.now();
    const byRoom = new Map<string, VehicleMove[]>();
    for (const entry of pendingMoves) {
      const derived = derive(entry, config, etaOptions);
      const vehicle = movedVehicle(entry, derived);
      const remaining = entry.route ? allStops(entry.route).filter((s) => {
        const status = entry.states.get(stopKey(s.tripIndex, s.stopIndex))?.status ?? 'pending';
        return status === 'pending' || status === 'arrived';
      }) : [];
      const etas = remaining.map((s) => {
        const eta = derived.etaMs.get(stopKey(s.tripIndex, s.stopIndex));
        return { tripIndex: s.tripIndex, stopIndex: s.stopIndex, etaAt: eta === undefined ? null : new Date(eta).toISOString(), zoneId: s.zoneId };
      });
      // Not to the van's own room: its driver's phone knows where it is and shows planned times; a
      // frame per fix would only cost that phone's poor connection (and a cluster one stream entry per van).
      for (const room of vehicleRooms(entry.vehicle)) {
        if (room === vehicleRoom(entry.vehicle.id)) continue;
        const view = viewFor(room);
        if (!view.seesVehicle(entry.vehicle)) continue;
        const seen = etas.filter((e) => view.seesStop(entry.vehicle.id, zoneDistrict(e.zoneId)))
          .map(({ tripIndex, stopIndex, etaAt }) => ({ tripIndex, stopIndex, etaAt }));
        const moves = byRoom.get(room) ?? byRoom.set(room, []).get(room)!;
        moves.push({ vehicle, etas: seen });
      }
    }
    pendingMoves.clear();
    for (const [room, moves] of byRoom) outbox?.send('vehicles:moved', [room], () => ({ moves }));
  }

  /** The van as every room that sees it sees it (liveVehicle without the stops, for a room that sees the van). */
  function movedVehicle(entry: VehicleEntry, derived: Derived): VehicleMove['vehicle'] {
    return {
      vehicleId: entry.vehicle.id, districtId: entry.vehicle.districtId, planId: entry.route?.planId ?? null,
      position: entry.fix, offRouteM: derived.offRouteM, offRoute: derived.offRoute, delayS: derived.delayS, late: derived.late,
    };
  }

  return {
    attach(target: Outbox) { outbox = target; },

    /** Loads a van's route and state ahead of its first event (a driver's socket just connected). */
    warm(vehicleId: string): void {
      state.vehicle(vehicleId).catch((err: unknown) => log.error({ err, vehicleId }, 'live: could not load van'));
    },

    /** A driver's GPS fix (input already validated by the gateway's schema). */
    async move(user: User, input: VehicleMoveInput): Promise<MoveResult> {
      const entry = await driverVehicle(state, user, input.vehicleId);
      assertInstantInBounds(input.position.at, 'input.position.at', now(), config.maxFutureMs);
      assertInsideBounds(input.position, config.positionBounds);
      const at = new Date(input.position.at).toISOString();
      if (entry.recentFixes.has(at)) {
        // A resend of a fix still being written is answered when it is stored, like the first.
        await positions.whenWritten(entry.vehicle.id, at);
        return { accepted: true, fresh: false };
      }
      rememberFix(entry, at);
      const fix = { vehicleId: entry.vehicle.id, lng: input.position.lng, lat: input.position.lat, speedKmh: input.position.speedKmh, at };
      const written = positions.push({ ...fix, localDate: localDate(at, config.utcOffset) });
      // A late fix from a dead spot belongs in the track but must not move the van backwards.
      if (!entry.fix || at > entry.fix.at) {
        await refreshZonesOnce();
        entry.fix = fix;
        share({ type: 'fix', fix });
        pushMoved(entry);
      }
      // Acknowledged only once stored (kill -9 after the ack must not lose it); a failed write is
      // forgotten so that the driver's resend is written, not taken for a duplicate.
      await written.catch((err: unknown) => {
        entry.recentFixes.delete(at);
        throw err;
      });
      return { accepted: true, fresh: true };
    },

    /** A driver's stop event (input validated by the gateway's schema): recorded by the delivery service, then pushed. */
    async stop(user: User, kind: StopKind, input: StopInput): Promise<StopEventResult> {
      const rec = await deliveries.record(user, kind, input);
      if (!rec.fresh) return rec.result;
      const { entry, stop } = rec;
      // Before the pushes: a client that hears of it through another server may ask that server next.
      if (entry.route) share({ type: 'stop', result: rec.result, kg: kind === 'delivered' ? (input as { quantitiesKg: Record<string, number> }).quantitiesKg : null, date: entry.route.date });
      for (const l of stopListeners) {
        try { l(rec.result); } catch (err) { log.error({ err }, 'live: stop listener failed'); }
      }
      const zone = await state.zone(stop.zoneId);
      if (zone) zoneDistricts.set(zone.id, zone.districtId);
      const derived = derive(entry, config, etaOptions);
      const failure = 'reason' in input ? { reason: input.reason, text: input.text } : {};
      outbox?.send('stop:updated', stopRooms(entry.vehicle.id, zone?.districtId ?? null), (view) => ({
        stop: liveStop(entry, stop, view.seesVehicle(entry.vehicle) ? derived : null, config.utcOffset),
        event: rec.result, ...failure,
      }));
      // The stop's new state moves the ETAs of the stops after it: push them too, so a client that
      // applies events holds exactly what a fresh snapshot would show.
      if (entry.fix) pushMoved(entry); else vanChanged(entry.vehicle.id);
      if (kind === 'delivered' && zone && entry.route) {
        const date = entry.route.date;
        const delivered = (await state.delivered(date)).get(zone.id) ?? {};
        const cover = liveZoneCover(zone, date, delivered, await state.commodities());
        outbox?.send('zone:cover-changed', zoneRooms(zone.districtId), () => ({ zone: cover }));
      }
      return rec.result;
    },

    /** Everything a room may see, stamped with the room's current sequence. */
    async snapshot(room: string): Promise<LiveSnapshot> {
      const view = viewOf(room);
      // Cluster: the shared sequence first, then what other servers recorded up to now.
      const shared = outbox!.envelope(room);
      const sharedEnvelope = typeof (shared as Promise<unknown>).then === 'function' ? await shared : null;
      await syncing;
      // A client may ask right after hearing of a publish through another server, before this one has.
      await state.currentRoutes();
      const entries = view.room.startsWith('vehicle:')
        ? [await state.vehicle(view.room.slice('vehicle:'.length))].filter((e): e is VehicleEntry => !!e)
        : await state.allVehicles();
      await refreshZones();
      const zones = view.room.startsWith('vehicle:') ? [] : (await state.zones()).filter((z) => z.status === 'active' && view.seesZone(z.districtId));
      // Today, and the days of the routes this room sees something of (it hears of no other plan).
      const seen = entries.filter((e) => e.route && (view.seesVehicle(e.vehicle)
        || allStops(e.route).some((s) => view.seesStop(e.vehicle.id, zoneDistrict(s.zoneId)))));
      const dates = new Set([localDate(now(), config.utcOffset), ...seen.map((e) => e.route!.date)]);
      const delivered = new Map(await Promise.all([...dates].map(async (d) => [d, await state.delivered(d)] as const)));
      const commodities = await state.commodities();
      // From here on synchronous: the state and the sequence are read in the same tick.
      const vehicles = entries.map((e) => liveVehicle(e, view, derive(e, config, etaOptions), zoneDistrict, config.utcOffset))
        .filter((v) => v !== null);
      const covers = [...delivered].flatMap(([date, byZone]) => zones.map((z) => liveZoneCover(z, date, byZone.get(z.id) ?? {}, commodities)));
      return { ...(sharedEnvelope ?? (outbox!.envelope(room) as LiveEnvelope)), vehicles, zones: covers };
    },

    /** The vans with a published route that a room sees (the van itself, or one of its stops), each with its ETAs: the van board's input. */
    async boardEntries(room: string, only?: ReadonlySet<string> | null): Promise<{ entry: VehicleEntry; derived: Derived }[]> {
      const view = viewOf(room);
      await syncing;
      await state.currentRoutes();
      const entries = only
        ? (await Promise.all([...only].map((id) => state.vehicle(id)))).filter((e): e is VehicleEntry => !!e)
        : await state.allVehicles();
      await refreshZones();
      return entries.filter((e) => e.route && (view.seesVehicle(e.vehicle)
        || allStops(e.route).some((s) => view.seesStop(e.vehicle.id, zoneDistrict(s.zoneId)))))
        // Derived when read: the board builds a city's thousands of rows a slice at a time.
        .map((entry) => ({ entry, get derived() { return derive(entry, config, etaOptions); } }));
    },

    /** plan:progress to the coordinators and the plan's district (every status change, progress throttled);
     * on publish, plan:published to the rooms that may see the plan's vans and zones (routes reload first). */
    async planEvent(event: PlanEvent, meta: { local: boolean } = { local: true }): Promise<void> {
      if (event.status !== 'published') {
        if (progress.due(event)) {
          const rooms = [COORDINATORS, ...(event.districtId ? [districtRoom(event.districtId)] : [])];
          outbox?.transient('plan:progress', rooms, { planId: event.planId, districtId: event.districtId, status: event.status, progress: event.progress });
        }
        return;
      }
      await state.reloadRoutes();
      vanChanged(null);
      // Published through another server (cluster): that server tells the rooms; this one only reloads.
      if (!meta.local) return;
      const plan = await store.plans.get(event.planId);
      const routes = plan?.result?.routes ?? [];
      const entries = (await Promise.all(routes.map((r) => state.vehicle(r.vehicleId)))).filter((e): e is VehicleEntry => !!e);
      await refreshZones();
      const zoneDistrictIds = (plan?.result?.zones ?? []).map((z) => zoneDistrict(z.zoneId)).filter((d): d is string => !!d);
      const rooms = new Set([COORDINATORS, ...entries.flatMap((e) => vehicleRooms(e.vehicle))]);
      for (const d of zoneDistrictIds) rooms.add(`district:${d}`);
      if (event.districtId) rooms.add(`district:${event.districtId}`);
      outbox?.send('plan:published', [...rooms], (view: View) => ({
        planId: event.planId, version: event.version, districtId: event.districtId,
        vehicleIds: entries.filter((e) => view.seesVehicle(e.vehicle)).map((e) => e.vehicle.id),
      }));
    },

    /** Tells the listener of every newly recorded stop event (not of retries); returns the unsubscribe. */
    onStopRecorded(listener: (result: StopEventResult) => void): () => void {
      stopListeners.add(listener);
      return () => stopListeners.delete(listener);
    },

    /** alert:changed to the alert's district and the coordinators: never to drivers or other districts. */
    alertChanged(alert: Alert, change: AlertChangedEvent['change']): void {
      outbox?.send('alert:changed', zoneRooms(alert.districtId), () => ({ alert, change }));
    },

    /** Tells the listener which van changed (null: any may have), here or through another server; returns the unsubscribe. */
    onVanChanged(listener: (vehicleId: string | null) => void): () => void {
      vanListeners.add(listener);
      return () => vanListeners.delete(listener);
    },

    /** Tells the listener what this server changed, for the other servers (cluster mode); returns the unsubscribe. */
    onDelta(listener: (delta: LiveDelta) => void): () => void {
      deltaListeners.add(listener);
      return () => deltaListeners.delete(listener);
    },

    /** Applies what another server changed: its van fixes and stop events (it pushes the events itself). */
    applyRemote(delta: LiveDelta): void {
      if (delta.type === 'fix') {
        const entry = state.loaded(delta.fix.vehicleId);
        if (!entry) return; // loads from the database when first needed
        rememberFix(entry, delta.fix.at);
        if (!entry.fix || delta.fix.at > entry.fix.at) { entry.fix = delta.fix; vanChanged(entry.vehicle.id); }
        return;
      }
      const { result, kg, date } = delta;
      syncing = syncing.then(() => deliveries.applyRemote(result, kg, date)).then(() => vanChanged(result.vehicleId))
        .catch((err: unknown) => log.error({ err, vehicleId: result.vehicleId }, 'live: could not apply a stop event from another server'));
    },

    /** Writes buffered fixes now (a track read wants them). */
    flush: () => positions.flush(),
    stats: () => positions.stats(),
    async close() {
      flushMoves();
      await positions.flush();
    },
  };

  async function refreshZonesOnce() {
    if (zoneDistricts.size === 0) await refreshZones();
  }
}

export type LiveService = ReturnType<typeof createLiveService>;
