/**
 * npm run simulate -- --scenario liwan-2021 --speed 60 [--url http://127.0.0.1:3000] [--fail-rate 0.08] [--drop-rate 0.02]
 *   [--utc-offset +08:00 (default: UTC_OFFSET, as the server reads it)]
 *
 * Drives the published routes of a running server over real HTTP and socket.io: logs in as each
 * driver login the scenario (or the server) has, moves every van along straight legs at a realistic
 * speed with jitter (time runs `speed` times faster, from the plan day's first departure), records
 * arrival and handoff per stop, sometimes fails a handoff and sometimes drops the connection (the
 * retry uses the same idempotency key, so nothing is doubled). With no published plan, it logs in as
 * the coordinator, runs one for the scenario's day and publishes it.
 */
import { parseArgs } from 'node:util';
import { loadUtcOffset } from '../server/config';
import { loadScenario } from '../server/store/scenario-files';
import { instantOf } from '../server/domain/local-time';
import { login } from './live-client';
import { driveRoute, driverLogins, emptyStats, publishedRoute, randomFailures, type DriverLogin } from './live-driver';
import { runAndPublish } from './plan-client';
import type { VehicleRoute } from '../server/contract';
const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'liwan-2021' }, speed: { type: 'string', default: '60' },
    url: { type: 'string', default: 'http://127.0.0.1:3000' }, 'fail-rate': { type: 'string', default: '0.08' },
    'drop-rate': { type: 'string', default: '0.02' }, 'utc-offset': { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const base = args.url!;
const speed = Number(args.speed);
const failRate = Number(args['fail-rate']);
const dropRate = Number(args['drop-rate']);
// The server's local time: plan days and departure times are local to it.
const utcOffset = loadUtcOffset(args['utc-offset'] ? { UTC_OFFSET: args['utc-offset'] } : undefined);
const scenario = loadScenario(args.scenario!);
let seed = Number(args.seed);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const log = (msg: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${msg}`);
const stats = emptyStats();

/** The coordinator runs and publishes a plan for the scenario's day when no van has a route. */
async function ensurePlan(coordToken: string, vehicleIds: string[]): Promise<void> {
  for (const id of vehicleIds) if (await publishedRoute(base, coordToken, id)) return;
  const districtId = scenario.districts.length === 1 ? scenario.districts[0]!.id : undefined;
  log(`no published route: running a plan for ${scenario.date}${districtId ? ` (${districtId})` : ''}`);
  const published = await runAndPublish(base, coordToken, { date: scenario.date, districtId, timeLimitS: 5 }, 500);
  log(`published plan ${published.plan.id}`);
}

async function main() {
  const coordUser = scenario.users.find((u) => u.role === 'coordinator');
  const coordToken = coordUser ? await login(base, coordUser.username, coordUser.password) : null;
  if (!coordToken) throw new Error(`cannot log in as the scenario's coordinator at ${base}`);
  await ensurePlan(coordToken, scenario.vehicles.map((v) => v.id));
  const drivers = await driverLogins(base, scenario.users.filter((u) => u.role === 'driver'));
  const routes = (await Promise.all(drivers.map(async (d) => ({ d, route: await publishedRoute(base, d.token, d.user.vehicleId!) }))))
    .filter((x): x is { d: DriverLogin; route: VehicleRoute } => x.route !== null);
  const idle = scenario.vehicles.filter((v) => !drivers.some((d) => d.user.vehicleId === v.id)).map((v) => v.id);
  log(`${drivers.length} driver login(s), ${routes.length} with a published route; vans without a driver login: ${idle.join(', ') || 'none'}`);
  if (routes.length === 0) return;
  const simStart = Math.min(...routes.map(({ route }) => instantOf(route.date, route.trips[0]?.departS ?? 0, utcOffset)));
  const realStart = Date.now();
  const ticker = setInterval(() => log(`sim ${new Date(simStart + (Date.now() - realStart) * speed).toISOString()} ${JSON.stringify(stats)}`), 10_000);
  const depots = new Map(scenario.depots.map((d) => [d.id, d.location]));
  const now = () => simStart + (Date.now() - realStart) * speed;
  const decide = randomFailures(random, failRate);
  await Promise.all(routes.map(({ d, route }) => driveRoute({
    base, driver: d, route, depots, utcOffset, now, speed, random, dropRate, decide,
    log: (msg) => log(msg),
  }, stats).then(() => log(`${route.vehicleId}: shift done`)).catch((err) => { stats.errors += 1; log(`${route.vehicleId}: ${String(err)}`); })));
  clearInterval(ticker);
  log(`done: ${JSON.stringify(stats)}`);
}

await main();
