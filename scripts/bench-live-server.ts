/**
 * The server side of `npm run bench:live`, in its own process so its RSS and CPU are its own: a real
 * server on a fresh SQLite file with the Liwan demo, N extra vans with driver logins and sessions, a
 * published plan giving each van enough stops, and 50 watcher logins. Talks to the parent over IPC.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { PlannedRoute, PlanResult, User } from '../server/contract';
import { loadBenchSettings, loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { startServer } from '../server/server';
import { benchSession } from './bench-sessions';
import { hashPassword } from '../server/store/passwords';

const drivers = Number(process.argv[2] ?? 200);
const stopsPerVan = Number(process.argv[3] ?? 5);
const watchers = Number(process.argv[4] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'baogong-bench-live-'));
// BENCH_BOARD_PUSH_MS=0 measures without the van board's push (LIVE_BOARD_PUSH_MS), for comparison.
const base = loadConfig({});
const boardPushMs = loadBenchSettings().boardPushMs ?? base.live.boardPushMs;
const server = await startServer({ ...base, live: { ...base.live, boardPushMs }, port: 0, databaseUrl: `sqlite:${join(dir, 'bench.sqlite')}` }, { seedScenarios: ['liwan-2021'], log: createLogger('warn', { name: 'bench-server' }) });
const { store } = server;
const zones = (await store.zones.list()).filter((z) => z.districtId === 'liwan');
const gates = await store.handoffPoints.list();
const depot = (await store.depots.list()).find((d) => d.districtId === 'liwan') ?? (await store.depots.list())[0]!;
const hash = await hashPassword('bench-only');
const now = new Date();
const date = now.toISOString().slice(0, 10);

const tokens: { vehicleId: string | null; token: string }[] = [];
const routes: PlannedRoute[] = [];
await store.transaction(async (tx) => {
  const session = async (user: User) => { tokens.push({ vehicleId: user.vehicleId, token: await benchSession(tx, user, hash, now) }); };
  for (let i = 0; i < drivers; i++) {
    const id = `bench-van-${i}`;
    await tx.vehicles.upsert({ id, name: id, kind: 'van', homeDepotId: depot.id, districtId: 'liwan', capacityKg: 1500, coldChainKg: 0, shiftStart: '00:00', shiftEnd: '23:59', driverId: null });
    await session({ id: `bench-driver-${i}`, username: `bench-driver-${i}`, displayName: id, role: 'driver', districtId: 'liwan', vehicleId: id });
    routes.push({
      vehicleId: id, driverId: null, distanceM: 0,
      trips: [{
        depotId: depot.id, departS: 0, returnS: 86_000, distanceM: 0, loadKg: 0, coldChainLoadKg: 0,
        stops: Array.from({ length: stopsPerVan }, (_, s) => {
          const zone = zones[(i + s) % zones.length]!;
          const location = gates.find((g) => g.zoneId === zone.id)?.location ?? depot.location;
          return { zoneId: zone.id, handoffPointId: null, location, arrivalS: 3600 + s * 600, departureS: 3900 + s * 600, quantitiesKg: { vegetables: 20, eggs: 5 } };
        }),
      }],
    });
  }
  for (let i = 0; i < watchers; i++) {
    const official = i % 2 === 1;
    await session({ id: `bench-watch-${i}`, username: `bench-watch-${i}`, displayName: 'watcher', role: official ? 'district_official' : 'coordinator', districtId: official ? 'liwan' : null, vehicleId: null });
  }
});
const planId = randomUUID();
const result: PlanResult = {
  routes, zones: [], excludedVehicles: [], supplyLimits: [],
  kpis: { minFillRate: 1, allocationFillRate: 1, deliveredKg: 0, demandKg: 0, distanceKm: 0, vehiclesUsed: drivers, vanUtilisation: 0, zonesShort: 0, minDaysOfCover: null, runtimeMs: 0 },
};
await store.plans.insert({
  id: planId, version: 1, status: 'published', date, districtId: 'liwan', createdAt: now.toISOString(), createdBy: 'u-coord',
  publishedAt: now.toISOString(), basePlanId: null, progress: 1, error: null, kpis: result.kpis, result, changes: null, inputSettings: {},
});

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let maxRss = process.memoryUsage().rss;
setInterval(() => { maxRss = Math.max(maxRss, process.memoryUsage().rss); }, 250).unref();
let cpuMark = process.cpuUsage();
let wallMark = Date.now();

process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'mark') {
    cpuMark = process.cpuUsage();
    wallMark = Date.now();
    maxRss = process.memoryUsage().rss;
    loop.reset();
    process.send!({ type: 'marked' });
  } else if (msg.type === 'stats') {
    await server.live.flush();
    const cpu = process.cpuUsage(cpuMark);
    const delivered = (await store.audit.list({ entity: 'stop_event', limit: 10_000_000 })).filter((e) => e.action === 'stop.delivered').length;
    process.send!({ type: 'stats', rssMb: maxRss / 2 ** 20, cpuPct: ((cpu.user + cpu.system) / 1000 / (Date.now() - wallMark)) * 100, delivered, positions: server.live.stats(), loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6 });
  } else if (msg.type === 'stop') {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
process.send!({ type: 'ready', url: server.url, planId, tokens });
