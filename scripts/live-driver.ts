// One simulated driver working a published route over socket.io: shared by `npm run simulate` and the
// replay (scripts/replay/). Time is the caller's (a virtual clock running `speed` times faster), so the
// same code drives a van in real time or a day a minute.
import { STOP_FAIL_REASONS, type LngLat, type StopFailReason, type User, type VehicleRoute } from '../server/contract';
import { instantOf } from '../server/domain/local-time';
import { stepTowards, straightM } from '../server/domain/route-geometry';
import { http, login, newKey, openSocket, sendReliably, type LiveSocket } from './live-client';

export interface DriverLogin { token: string; user: User }

/** What the driver does at a stop: hand off everything planned, or fail with a reason. */
export type StopDecision = { kind: 'deliver' } | { kind: 'fail'; reason: StopFailReason; text: string };

export interface StopOutcome {
  vehicleId: string;
  planId: string;
  tripIndex: number;
  stopIndex: number;
  zoneId: string;
  at: string;
  /** Acked by the server: deliveredKg is what it recorded as handed off. */
  ok: boolean;
  kind: 'delivered' | 'failed';
  deliveredKg: Record<string, number>;
  reason?: StopFailReason;
}

export interface DriveOptions {
  base: string;
  driver: DriverLogin;
  route: VehicleRoute;
  depots: ReadonlyMap<string, LngLat>;
  utcOffset: string;
  /** Virtual now in ms, and the factor virtual time runs faster than real time. */
  now: () => number;
  speed: number;
  random: () => number;
  dropRate?: number;
  decide?: (tripIndex: number, stopIndex: number, zoneId: string) => StopDecision;
  /** Checked before each stop: true stops the van there (a breakdown, or the day's checkpoint). */
  halt?: () => boolean;
  onStop?: (outcome: StopOutcome) => void;
  log?: (msg: string) => void;
}

export interface DriveStats { fixes: number; arrived: number; delivered: number; failed: number; drops: number; errors: number }
export const emptyStats = (): DriveStats => ({ fixes: 0, arrived: 0, delivered: 0, failed: 0, drops: 0, errors: 0 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Random handoff failures at `failRate` (the simulator's default behaviour). */
export function randomFailures(random: () => number, failRate: number): NonNullable<DriveOptions['decide']> {
  return () => (random() < failRate
    ? { kind: 'fail', reason: STOP_FAIL_REASONS[Math.floor(random() * STOP_FAIL_REASONS.length)]!, text: '模拟: 交接失败 (simulated)' }
    : { kind: 'deliver' });
}

/**
 * Drives the route's stops not yet done (a replan marks kept stops `done`), in order, waiting for each
 * trip's departure. Returns where it stopped: `halted` when `halt()` said so before a stop.
 */
export async function driveRoute(o: DriveOptions, stats: DriveStats = emptyStats()): Promise<{ halted: boolean; stats: DriveStats }> {
  const { route } = o;
  const vehicleId = route.vehicleId;
  const log = o.log ?? (() => {});
  const decide = o.decide ?? (() => ({ kind: 'deliver' as const }));
  const socket: LiveSocket = openSocket(o.base, o.driver.token);
  socket.on('connect_error', (e) => log(`${vehicleId}: connect error ${e.message}`));
  // A van waiting for its next departure stops waiting when told to halt: the caller (the replay's
  // coordinator at the checkpoint) must not wait until the last van's afternoon trip to learn it halted.
  const waitUntil = async (virtualMs: number) => {
    for (let wait = (virtualMs - o.now()) / o.speed; wait > 0 && !o.halt?.(); wait = (virtualMs - o.now()) / o.speed) await sleep(Math.min(wait, 50));
  };
  let here: LngLat = o.depots.get(route.trips[0]?.depotId ?? '') ?? route.trips[0]?.stops[0]?.location ?? [0, 0];
  // One fix a real second (at least every 5 simulated seconds), like a phone's GPS throttled for battery.
  const fixSimMs = Math.max(5000, 1000 * o.speed);

  async function fix(kmh: number) {
    if (o.random() < (o.dropRate ?? 0)) { stats.drops += 1; socket.io.engine?.close(); }
    const at = new Date(o.now()).toISOString();
    const r = await sendReliably(socket, 'vehicle:move', { key: newKey(), vehicleId, position: { lng: here[0], lat: here[1], speedKmh: kmh, at } });
    if (r.ok) stats.fixes += 1; else { stats.errors += 1; log(`${vehicleId}: move refused ${r.error.code} ${r.error.message}`); }
  }
  async function driveTo(target: LngLat) {
    const kmh = 18 + o.random() * 14; // 18–32 km/h through checkpoints
    while (straightM(here, target) > 1) {
      here = stepTowards(here, target, (kmh / 3.6) * (fixSimMs / 1000));
      // Jitter of a few metres, as a phone's fix has.
      const real = here;
      if (straightM(here, target) > 1) here = [here[0] + (o.random() - 0.5) * 4e-5, here[1] + (o.random() - 0.5) * 4e-5];
      await sleep(fixSimMs / o.speed);
      await fix(kmh);
      here = real;
    }
  }
  async function report<T>(event: 'stop:arrive' | 'stop:deliver' | 'stop:fail', body: Record<string, unknown>) {
    const r = await sendReliably<T>(socket, event, { key: newKey(), vehicleId, planId: route.planId, at: new Date(o.now()).toISOString(), ...body });
    if (!r.ok) { stats.errors += 1; log(`${vehicleId}: ${event} refused ${r.error.code} ${r.error.message}`); }
    return r.ok;
  }

  try {
    for (const [tripIndex, trip] of route.trips.entries()) {
      const open = trip.stops.map((s, i) => ({ s, i })).filter(({ s }) => !s.done);
      if (open.length === 0) continue;
      if (o.halt?.()) return { halted: true, stats };
      await waitUntil(instantOf(route.date, trip.departS, o.utcOffset));
      for (const { s: stop, i: stopIndex } of open) {
        if (o.halt?.()) return { halted: true, stats };
        await driveTo(stop.location);
        if (await report('stop:arrive', { tripIndex, stopIndex })) stats.arrived += 1;
        await sleep(((stop.departureS - stop.arrivalS) * 1000) / o.speed);
        const decision = decide(tripIndex, stopIndex, stop.zoneId);
        const at = new Date(o.now()).toISOString();
        const ref = { vehicleId, planId: route.planId, tripIndex, stopIndex, zoneId: stop.zoneId, at };
        if (decision.kind === 'fail') {
          const ok = await report('stop:fail', { tripIndex, stopIndex, reason: decision.reason, text: decision.text });
          if (ok) stats.failed += 1;
          o.onStop?.({ ...ref, ok, kind: 'failed', deliveredKg: {}, reason: decision.reason });
          log(`${vehicleId}: trip ${tripIndex} stop ${stopIndex} (${stop.zoneId}) failed: ${decision.reason}`);
        } else {
          // Down to the gram: rounding up could claim more than the van carries (the server refuses that).
          const quantitiesKg = Object.fromEntries(Object.entries(stop.quantitiesKg).map(([c, kg]) => [c, Math.floor(kg * 1000) / 1000]));
          const ok = await report('stop:deliver', { tripIndex, stopIndex, quantitiesKg, handoffMode: 'compound_gate' });
          if (ok) stats.delivered += 1;
          o.onStop?.({ ...ref, ok, kind: 'delivered', deliveredKg: ok ? quantitiesKg : {} });
          log(`${vehicleId}: trip ${tripIndex} stop ${stopIndex} (${stop.zoneId}) delivered ${Object.values(quantitiesKg).reduce((a, b) => a + b, 0).toFixed(0)} kg`);
        }
      }
      await driveTo(o.depots.get(trip.depotId) ?? here);
    }
    return { halted: false, stats };
  } finally {
    socket.close();
  }
}

export async function publishedRoute(base: string, token: string, vehicleId: string, date?: string): Promise<VehicleRoute | null> {
  const q = date ? `?date=${date}` : '';
  return (await http<VehicleRoute | null>(base, 'GET', `/api/vehicles/${vehicleId}/route${q}`, token)).data ?? null;
}

/** Driver logins: the given ones, then driver2, driver3, … (password driver123) while they exist. */
export async function driverLogins(base: string, known: { username: string; password: string }[]): Promise<DriverLogin[]> {
  const found: DriverLogin[] = [];
  const tryLogin = async (username: string, password: string) => {
    const token = await login(base, username, password);
    if (!token) return false;
    const me = await http<User>(base, 'GET', '/api/me', token);
    if (me.data.role === 'driver' && me.data.vehicleId) found.push({ token, user: me.data });
    return true;
  };
  for (const u of known) await tryLogin(u.username, u.password);
  for (let n = 2; n <= 200; n++) if (!found.some((f) => f.user.username === `driver${n}`) && !(await tryLogin(`driver${n}`, 'driver123'))) break;
  return found;
}
