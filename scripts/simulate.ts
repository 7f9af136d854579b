/**
 * npm run simulate -- --scenario liwan-2021 --speed 60 [--url http://127.0.0.1:3000] [--fail-rate 0.08] [--drop-rate 0.02]
 *
 * Drives the published routes of a running server over real HTTP and socket.io: logs in as each
 * driver login the scenario (or the server) has, moves every van along straight legs at a realistic
 * speed with jitter (time runs `speed` times faster, from the plan day's first departure), records
 * arrival and handoff per stop, sometimes fails a handoff and sometimes drops the connection (the
 * retry uses the same idempotency key, so nothing is doubled). With no published plan, it logs in as
 * the coordinator, runs one for the scenario's day and publishes it.
 */
import { parseArgs } from 'node:util';
import { STOP_FAIL_REASONS, type LngLat, type User, type VehicleRoute } from '../server/contract';
import { loadScenario } from '../server/store/scenario-files';
import { instantOf } from '../server/live/local-time';
import { stepTowards, straightM } from '../server/live/route-geometry';
import { http, login, newKey, openSocket, sendReliably, type LiveSocket } from './live-client';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'liwan-2021' }, speed: { type: 'string', default: '60' },
    url: { type: 'string', default: 'http://127.0.0.1:3000' }, 'fail-rate': { type: 'string', default: '0.08' },
    'drop-rate': { type: 'string', default: '0.02' }, 'utc-offset': { type: 'string', default: '+08:00' },
    seed: { type: 'string', default: '1' },
  },
});
const base = args.url!;
const speed = Number(args.speed);
const failRate = Number(args['fail-rate']);
const dropRate = Number(args['drop-rate']);
const utcOffset = args['utc-offset']!;
const scenario = loadScenario(args.scenario!);
let seed = Number(args.seed);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const log = (msg: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${msg}`);
const stats = { fixes: 0, arrived: 0, delivered: 0, failed: 0, drops: 0, errors: 0 };

async function publishedRoute(token: string, vehicleId: string): Promise<VehicleRoute | null> {
  return (await http<VehicleRoute | null>(base, 'GET', `/api/vehicles/${vehicleId}/route`, token)).data ?? null;
}

/** The coordinator runs and publishes a plan for the scenario's day when no van has a route. */
async function ensurePlan(coordToken: string, vehicleIds: string[]): Promise<void> {
  for (const id of vehicleIds) if (await publishedRoute(coordToken, id)) return;
  const districtId = scenario.districts.length === 1 ? scenario.districts[0]!.id : undefined;
  log(`no published route: running a plan for ${scenario.date}${districtId ? ` (${districtId})` : ''}`);
  const run = await http<{ id: string }>(base, 'POST', '/api/plans', coordToken, { date: scenario.date, districtId, timeLimitS: 5 });
  if (run.status >= 300) throw new Error(`plan run refused: ${run.error?.message}`);
  for (;;) {
    const p = await http<{ status: string; error: string | null }>(base, 'GET', `/api/plans/${run.data.id}`, coordToken);
    if (p.data.status === 'failed') throw new Error(`plan failed: ${p.data.error}`);
    if (p.data.status === 'draft') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const pub = await http(base, 'POST', `/api/plans/${run.data.id}/publish`, coordToken);
  if (pub.status >= 300) throw new Error(`publish refused: ${pub.error?.message}`);
  log(`published plan ${run.data.id}`);
}

/** Driver logins: the scenario's, then driver2, driver3, … (password driver123) while they exist. */
async function driverLogins(): Promise<{ token: string; user: User }[]> {
  const found: { token: string; user: User }[] = [];
  const tryLogin = async (username: string, password: string) => {
    const token = await login(base, username, password);
    if (!token) return false;
    const me = await http<User>(base, 'GET', '/api/me', token);
    if (me.data.role === 'driver' && me.data.vehicleId) found.push({ token, user: me.data });
    return true;
  };
  for (const u of scenario.users.filter((u) => u.role === 'driver')) await tryLogin(u.username, u.password);
  for (let n = 2; n <= 200; n++) if (!found.some((f) => f.user.username === `driver${n}`) && !(await tryLogin(`driver${n}`, 'driver123'))) break;
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function drive(driver: { token: string; user: User }, route: VehicleRoute, simStart: number, realStart: number): Promise<void> {
  const vehicleId = route.vehicleId;
  const socket: LiveSocket = openSocket(base, driver.token);
  socket.on('connect_error', (e) => log(`${vehicleId}: connect error ${e.message}`));
  const simNow = () => simStart + (Date.now() - realStart) * speed;
  const waitUntil = async (simMs: number) => { const wait = (simMs - simNow()) / speed; if (wait > 0) await sleep(wait); };
  const depots = new Map(scenario.depots.map((d) => [d.id, d.location]));
  let here: LngLat = depots.get(route.trips[0]?.depotId ?? '') ?? route.trips[0]?.stops[0]?.location ?? [0, 0];
  // One fix a real second (at least every 5 simulated seconds), like a phone's GPS throttled for battery.
  const fixSimMs = Math.max(5000, 1000 * speed);

  async function fix(kmh: number) {
    if (random() < dropRate) { stats.drops += 1; socket.io.engine?.close(); }
    const at = new Date(simNow()).toISOString();
    const r = await sendReliably(socket, 'vehicle:move', { key: newKey(), vehicleId, position: { lng: here[0], lat: here[1], speedKmh: kmh, at } });
    if (r.ok) stats.fixes += 1; else { stats.errors += 1; log(`${vehicleId}: move refused ${r.error.code} ${r.error.message}`); }
  }
  async function driveTo(target: LngLat) {
    const kmh = 18 + random() * 14; // 18–32 km/h through checkpoints
    while (straightM(here, target) > 1) {
      here = stepTowards(here, target, (kmh / 3.6) * (fixSimMs / 1000));
      // Jitter of a few metres, as a phone's fix has.
      const jittered: LngLat = [here[0] + (random() - 0.5) * 4e-5, here[1] + (random() - 0.5) * 4e-5];
      const real = here;
      here = straightM(here, target) > 1 ? jittered : here;
      await sleep(fixSimMs / speed);
      await fix(kmh);
      here = real;
    }
  }
  async function report(event: 'stop:arrive' | 'stop:deliver' | 'stop:fail', body: Record<string, unknown>) {
    const r = await sendReliably(socket, event, { key: newKey(), vehicleId, planId: route.planId, at: new Date(simNow()).toISOString(), ...body });
    if (!r.ok) { stats.errors += 1; log(`${vehicleId}: ${event} refused ${r.error.code} ${r.error.message}`); }
    return r.ok;
  }

  for (const [tripIndex, trip] of route.trips.entries()) {
    await waitUntil(instantOf(route.date, trip.departS, utcOffset));
    for (const [stopIndex, stop] of trip.stops.entries()) {
      await driveTo(stop.location);
      if (await report('stop:arrive', { tripIndex, stopIndex })) stats.arrived += 1;
      await sleep(((stop.departureS - stop.arrivalS) * 1000) / speed);
      if (random() < failRate) {
        const reason = STOP_FAIL_REASONS[Math.floor(random() * STOP_FAIL_REASONS.length)]!;
        if (await report('stop:fail', { tripIndex, stopIndex, reason, text: '模拟: 交接失败 (simulated)' })) stats.failed += 1;
        log(`${vehicleId}: trip ${tripIndex} stop ${stopIndex} (${stop.zoneId}) failed: ${reason}`);
      } else {
        // Rounded down: rounding each commodity up could add up past the van's capacity.
        const quantitiesKg = Object.fromEntries(Object.entries(stop.quantitiesKg).map(([c, kg]) => [c, Math.floor(kg * 10) / 10]));
        if (await report('stop:deliver', { tripIndex, stopIndex, quantitiesKg, handoffMode: 'compound_gate' })) stats.delivered += 1;
        log(`${vehicleId}: trip ${tripIndex} stop ${stopIndex} (${stop.zoneId}) delivered ${Object.values(quantitiesKg).reduce((a, b) => a + b, 0).toFixed(0)} kg`);
      }
    }
    await driveTo(depots.get(trip.depotId) ?? here);
  }
  log(`${vehicleId}: shift done`);
  socket.close();
}

async function main() {
  const coordUser = scenario.users.find((u) => u.role === 'coordinator');
  const coordToken = coordUser ? await login(base, coordUser.username, coordUser.password) : null;
  if (!coordToken) throw new Error(`cannot log in as the scenario's coordinator at ${base}`);
  await ensurePlan(coordToken, scenario.vehicles.map((v) => v.id));
  const drivers = await driverLogins();
  const routes = (await Promise.all(drivers.map(async (d) => ({ d, route: await publishedRoute(d.token, d.user.vehicleId!) }))))
    .filter((x): x is { d: typeof drivers[number]; route: VehicleRoute } => x.route !== null);
  const idle = scenario.vehicles.filter((v) => !drivers.some((d) => d.user.vehicleId === v.id)).map((v) => v.id);
  log(`${drivers.length} driver login(s), ${routes.length} with a published route; vans without a driver login: ${idle.join(', ') || 'none'}`);
  if (routes.length === 0) return;
  const simStart = Math.min(...routes.map(({ route }) => instantOf(route.date, route.trips[0]?.departS ?? 0, utcOffset)));
  const realStart = Date.now();
  const ticker = setInterval(() => log(`sim ${new Date(simStart + (Date.now() - realStart) * speed).toISOString()} ${JSON.stringify(stats)}`), 10_000);
  await Promise.all(routes.map(({ d, route }) => drive(d, route, simStart, realStart).catch((err) => { stats.errors += 1; log(`${route.vehicleId}: ${String(err)}`); })));
  clearInterval(ticker);
  log(`done: ${JSON.stringify(stats)}`);
}

await main();
