import type { LiveEnvelope, LiveSnapshot, LiveVehicle, LiveZoneCover, ServerToClientEvents } from '../contract';
import type { LiveClient } from './live-kit';
import { createInOrder } from '../contract/in-order';

// What a client is expected to do with the live events: start from a snapshot, apply events in
// order (server/contract/in-order.ts: one that arrives early waits briefly for those before it), and ask
// for a new snapshot on a gap that stays open, a new epoch or a published plan. Tests compare this
// mirror with a fresh snapshot; the web client follows the same rules.

export interface Mirror {
  epoch: string | null;
  v: number;
  vehicles: Map<string, LiveVehicle>;
  zones: Map<string, LiveZoneCover>;
  resyncs: number;
  events: number;
}

const zoneKey = (z: LiveZoneCover) => `${z.zoneId}@${z.date}`;

export function emptyMirror(): Mirror {
  return { epoch: null, v: 0, vehicles: new Map(), zones: new Map(), resyncs: 0, events: 0 };
}

export function loadSnapshot(m: Mirror, s: LiveSnapshot): void {
  m.epoch = s.epoch;
  m.v = s.v;
  m.vehicles = new Map(s.vehicles.map((v) => [v.vehicleId, structuredClone(v)]));
  m.zones = new Map(s.zones.map((z) => [zoneKey(z), structuredClone(z)]));
}

type Ev<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Applies one event; false when the mirror can no longer be trusted and needs a snapshot. */
export function applyEvent<E extends Exclude<keyof ServerToClientEvents, 'session:ended'>>(m: Mirror, event: E, payload: Ev<E>): boolean {
  const env = payload as LiveEnvelope;
  if (env.epoch !== m.epoch || env.v !== m.v + 1) return false;
  m.v = env.v;
  m.events += 1;
  if (event === 'vehicles:moved') {
    for (const move of (payload as Ev<'vehicles:moved'>).moves) {
      const current = m.vehicles.get(move.vehicle.vehicleId);
      if (!current) return false;
      Object.assign(current, move.vehicle);
      const etas = new Map(move.etas.map((e) => [`${e.tripIndex}/${e.stopIndex}`, e.etaAt]));
      for (const s of current.stops) if (etas.has(`${s.tripIndex}/${s.stopIndex}`)) s.etaAt = etas.get(`${s.tripIndex}/${s.stopIndex}`)!;
    }
  } else if (event === 'stop:updated') {
    const p = payload as Ev<'stop:updated'>;
    const vehicle = m.vehicles.get(p.stop.vehicleId);
    const i = vehicle?.stops.findIndex((s) => s.tripIndex === p.stop.tripIndex && s.stopIndex === p.stop.stopIndex) ?? -1;
    if (!vehicle || i < 0) return false;
    vehicle.stops[i] = p.stop;
  } else if (event === 'zone:cover-changed') {
    const p = payload as Ev<'zone:cover-changed'>;
    m.zones.set(zoneKey(p.zone), p.zone);
  } else if (event === 'alert:changed') {
    // Alerts live outside the snapshot (the client lists them over HTTP): only the sequence moves.
  } else if (event === 'plan:published') {
    return false; // routes changed: reload everything
  }
  return true;
}

/** How long an event numbered ahead waits for the ones before it (a cluster's servers may deliver swapped). */
export const REORDER_WAIT_MS = 500;

/** Keeps a mirror of the socket's room current: snapshot first, events in order after, resync on trouble. */
export function follow(socket: LiveClient, m: Mirror = emptyMirror()): { mirror: Mirror; ready: Promise<void> } {
  type Held = LiveEnvelope & { event: Exclude<keyof ServerToClientEvents, 'session:ended'> };
  let syncing: Promise<void> | null = null;
  const order = createInOrder<Held>({
    waitMs: REORDER_WAIT_MS,
    deliver: ({ event, ...payload }) => { if (!applyEvent(m, event, payload as never)) void resync(); },
    onGap: () => void resync(),
  });
  const resync = () => {
    syncing ??= (async () => {
      const reply = await socket.timeout(10_000).emitWithAck('sync:request');
      if (reply.ok) loadSnapshot(m, reply.data);
      m.resyncs += 1;
      syncing = null;
      // Events held meanwhile that come after the snapshot are applied now, in order.
      order.reset(m.epoch ?? '', m.v);
    })().catch(() => { syncing = null; });
    return syncing;
  };
  const on = (event: Exclude<keyof ServerToClientEvents, 'session:ended'>) =>
    (socket.on as (e: string, fn: (p: LiveEnvelope) => void) => void)(event, (payload) => order.push({ ...payload, event }));
  on('vehicles:moved');
  on('stop:updated');
  on('zone:cover-changed');
  on('plan:published');
  on('alert:changed');
  // After a reconnect socket.io may or may not have replayed what was missed: a snapshot settles it.
  socket.on('connect', () => { if (!socket.recovered) void resync(); });
  return { mirror: m, ready: resync() };
}
