/**
 * npm run bench:cluster [-- --quick] [--servers 1,2] [--workers 1,2] [--duration 10] [--clients 32]
 *                       [--sockets 500] [--drivers 20] [--fix-ms 1000] [--fanout-s 15] [--plans 20] [--time-limit 2]
 *                       [--rounds 2] [--plan-rounds 1] [--skip http,fanout,plans]
 *
 * Cluster mode on one machine, 1 vs 2 of each kind of process, on a throwaway PostgreSQL database and
 * a CLUSTER_PREFIX of its own (its Redis keys are deleted at the end):
 *  (a) HTTP requests/s through the round-robin proxy: `--clients` concurrent keep-alive clients doing
 *      GET /api/health (no database) and GET /api/zones?districtId=liwan (a database read), authenticated;
 *  (b) socket fan-out: `--sockets` coordinators and Liwan officials (socket.io-client, websocket,
 *      spread over the servers by the proxy) while `--drivers` vans send a fix every `--fix-ms`
 *      through the proxy; latency from the fix's timestamp to each watcher's receipt, p50/p99;
 *  (c) plan throughput with 1 vs 2 plan workers: a generated city of 20 districts
 *      (scripts/cluster/bench-city.ts), `--plans` district plans POSTed at once, time until all are draft.
 * --quick: shorter runs, 200 sockets, 0.5 s plan searches, one round. Each configuration runs
 * `--rounds` times (1,2 then 2,1 …) on a fresh cluster each time and the table shows the means.
 * Everything shares this machine's cores: servers, workers, PostgreSQL, Redis and this client.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import type { PlanSummary } from '../server/contract';
import { loadBenchSettings } from '../server/config';
import { createPostgresDatabase, postgresAdminUrl } from '../server/store/test-support';
import { startCluster, type Cluster } from '../server/testing/cluster-processes';
import { dropRedisPrefix } from '../server/testing/redis';
import { createInOrder } from '../server/contract/in-order';
import { REORDER_WAIT_MS } from '../server/testing/live-mirror';
import { benchCityScenario } from './cluster/bench-city';
import { prepareBenchDatabase, type BenchTokens } from './cluster/bench-prepare';
import { ensurePostgres, ensureRedis } from '../server/testing/preflight';
import { cpuMeter, cpuSeconds, httpLoad, pct, sleep, type HttpResult } from './cluster/bench-http';
import { http, newKey, type LiveSocket } from './live-client';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    servers: { type: 'string', default: '1,2' },
    workers: { type: 'string', default: '1,2' },
    duration: { type: 'string' },
    clients: { type: 'string', default: '32' },
    sockets: { type: 'string' },
    drivers: { type: 'string', default: '20' },
    'fix-ms': { type: 'string', default: '1000' },
    'fanout-s': { type: 'string' },
    plans: { type: 'string', default: '20' },
    'time-limit': { type: 'string' },
    skip: { type: 'string', default: '' },
    rounds: { type: 'string' },
    'plan-rounds': { type: 'string' },
  },
});
const quick = args.quick!;
const serverCounts = args.servers!.split(',').map(Number);
const workerCounts = args.workers!.split(',').map(Number);
const httpS = Number(args.duration ?? (quick ? 4 : 10));
const clients = Number(args.clients);
const socketCount = Number(args.sockets ?? (quick ? 200 : 500));
const driverCount = Number(args.drivers);
const fixMs = Number(args['fix-ms']);
const fanoutS = Number(args['fanout-s'] ?? (quick ? 6 : 15));
const planCount = Number(args.plans);
const timeLimitS = Number(args['time-limit'] ?? (quick ? 0.5 : 2));
const rounds = Number(args.rounds ?? (quick ? 1 : 2));
const planRounds = Number(args['plan-rounds'] ?? 1);
const skip = new Set(args.skip!.split(',').filter(Boolean));
const { redisUrl } = loadBenchSettings();
const PLAN_DATE = '2021-06-03';

const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

// ---- preflight and the database -----------------------------------------------------------------

try {
  await Promise.all([ensurePostgres(postgresAdminUrl()), ensureRedis(redisUrl)]);
} catch (err) {
  console.error(`bench:cluster cannot run: ${(err as Error).message}`);
  process.exit(1);
}
const prefix = `bench-${randomBytes(4).toString('hex')}`;
const database = await createPostgresDatabase();
console.log(`bench:cluster — ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), load ${load()}; database ${new URL(database.url).pathname.slice(1)}, Redis prefix ${prefix}${quick ? ' (quick)' : ''}`);

async function cluster(servers: number, workers: number): Promise<Cluster> {
  const started = Date.now();
  const c = await startCluster({
    servers, workers, databaseUrl: database.url, redisUrl, prefix: `${prefix}-s${servers}w${workers}`,
    // Quiet servers: no demo seeding, and warnings only (each request's info line would be written
    // to a pipe nobody reads while the HTTP rounds are timed). The bench's one coordinator posts all
    // its plans at once: the per-caller queue bound is off.
    env: { SEED_DEMO: '0', LOG_LEVEL: 'warn', PLAN_QUEUE_PER_USER: '0' },
  });
  console.log(`  cluster of ${servers} server(s), ${workers} worker(s) up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return c;
}

/** Fails the bench, with the dead process's output, when a server or worker has exited. */
function checkAlive(c: Cluster): void {
  for (const [name, p] of [...c.servers.map((s, i) => [`server ${i}`, s] as const), ...c.workers.map((w, i) => [`worker ${i}`, w] as const)]) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) {
      throw new Error(`${name} exited (${p.child.exitCode ?? p.child.signalCode}):\n${p.output().slice(-3000)}`);
    }
  }
}

// ---- (a) HTTP requests/s: scripts/cluster/bench-http.ts ------------------------------------------

// ---- (b) socket fan-out -------------------------------------------------------------------------

interface FanoutResult { p50: number; p99: number; max: number; received: number; expected: number; fixesAcked: number; errors: number; perBackend: number[]; sequenceBreaks: number; resyncsNeeded: number; serversPct: number; clientPct: number }

function connect(url: string, token: string): Promise<LiveSocket> {
  return new Promise((resolve, reject) => {
    const s: LiveSocket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => { s.close(); reject(err); });
  });
}

async function fanout(c: Cluster, tokens: BenchTokens): Promise<FanoutResult> {
  const samples: number[] = [];
  let sequenceBreaks = 0;
  let resyncsNeeded = 0;
  let measuring = false;
  const before = c.proxy.totalPerBackend();
  const watchers: LiveSocket[] = [];
  for (let i = 0; i < tokens.watchers.length; i += 50) {
    watchers.push(...await Promise.all(tokens.watchers.slice(i, i + 50).map(async (token) => {
      const s = await connect(c.url, token);
      // A stop event re-pushes a van with its last fix: only a fix's first push times it.
      const lastFix = new Map<string, string>();
      let lastV: number | null = null;
      let maxV = 0;
      // What a client does (server/contract/in-order.ts): an event out of turn waits for those before it;
      // a gap still open after the wait costs a snapshot (here: counted, and the position moved on).
      const order = createInOrder<{ epoch: string; v: number }>({
        waitMs: REORDER_WAIT_MS, deliver: () => {},
        onGap: () => { if (measuring) resyncsNeeded += 1; order.reset(epoch, maxV); },
      });
      let epoch = '';
      s.on('vehicles:moved', (e) => {
        const received = Date.now();
        // A number out of turn (the servers of a cluster draw numbers from one counter, but their
        // stream appends may land in another order).
        if (measuring && lastV !== null && e.v !== lastV + 1) sequenceBreaks += 1;
        if (lastV === null) order.reset(e.epoch, e.v - 1);
        lastV = e.v;
        epoch = e.epoch;
        maxV = Math.max(maxV, e.v);
        order.push(e);
        for (const { vehicle } of e.moves) {
          const p = vehicle.position;
          if (!p || lastFix.get(p.vehicleId) === p.at) continue;
          lastFix.set(p.vehicleId, p.at);
          if (measuring) samples.push(received - Date.parse(p.at));
        }
      });
      return s;
    })));
  }
  const drivers = await Promise.all(tokens.drivers.map((d) => connect(c.url, d.token)));
  // Where this phase's sockets landed (the HTTP phase's idle keep-alive connections left aside).
  const perBackend = c.proxy.totalPerBackend().map((n, i) => n - before[i]!);
  await sleep(500);
  let acked = 0;
  let errors = 0;
  const pending = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  measuring = true;
  const cpu = cpuMeter(c);
  const end = Date.now() + fanoutS * 1000;
  tokens.drivers.forEach((d, i) => {
    let n = 0;
    const fix = () => {
      if (Date.now() >= end) return;
      n += 1;
      const position = { lng: 113.23 + (i % 30) * 1e-3 + n * 1e-5, lat: 23.11 + Math.floor(i / 30) * 1e-3, speedKmh: 20, at: new Date().toISOString() };
      const timed = drivers[i]!.timeout(10_000);
      const p = (timed.emitWithAck as unknown as (e: string, p: unknown) => Promise<{ ok: boolean }>).call(timed, 'vehicle:move', { key: newKey(), vehicleId: d.vehicleId, position })
        .then((r) => { if (r.ok) acked += 1; else errors += 1; }, () => { errors += 1; });
      pending.add(p);
      void p.finally(() => pending.delete(p));
    };
    timers.push(setTimeout(() => { fix(); timers.push(setInterval(fix, fixMs)); }, Math.random() * fixMs));
  });
  await sleep(fanoutS * 1000 + 50);
  for (const t of timers) clearTimeout(t);
  await Promise.all(pending);
  const used = cpu();
  await sleep(1000); // the last pushes arrive
  measuring = false;
  for (const s of [...watchers, ...drivers]) s.close();
  const sorted = Float64Array.from(samples).sort();
  return { p50: pct(sorted, 0.5), p99: pct(sorted, 0.99), max: sorted.at(-1) ?? NaN, received: samples.length, expected: acked * watchers.length, fixesAcked: acked, errors, perBackend, sequenceBreaks, resyncsNeeded, ...used };
}

// ---- (c) plan throughput ------------------------------------------------------------------------

interface PlanThroughput { plansPerMin: number; seconds: number; drafts: number; failed: number; meanRunS: number; meanKm: number; meanDeliveredT: number; workerCpuS: number[]; cityS: number; cityDeliveredT: number }

async function planRun(c: Cluster, token: string, districts: Array<string | undefined>, limitS: number): Promise<{ seconds: number; drafts: number; failed: number; meanRunS: number; meanKm: number; meanDeliveredT: number }> {
  const t0 = performance.now();
  const posted = await Promise.all(districts.map(async (districtId) => {
    const r = await http<PlanSummary>(c.url, 'POST', '/api/plans', token, { date: PLAN_DATE, districtId, timeLimitS: limitS, seed: 1 });
    if (r.status >= 300) throw new Error(`POST /api/plans ${districtId ?? 'city-wide'}: ${r.status} ${r.error?.message}`);
    return r.data.id;
  }));
  const open = new Set(posted);
  const doneAt = new Map<string, number>();
  let failed = 0;
  const kpis: NonNullable<PlanSummary['kpis']>[] = [];
  while (open.size) {
    await sleep(200);
    const list = await http<PlanSummary[]>(c.url, 'GET', `/api/plans?date=${PLAN_DATE}`, token);
    for (const p of list.data ?? []) {
      if (!open.has(p.id)) continue;
      if (p.status === 'draft' || p.status === 'failed') {
        open.delete(p.id);
        doneAt.set(p.id, performance.now());
        if (p.status === 'failed') failed += 1;
        else if (p.kpis) kpis.push(p.kpis);
      }
    }
    if (performance.now() - t0 > 20 * 60_000) throw new Error(`plans still open after 20 minutes: ${open.size}`);
  }
  const seconds = (Math.max(...doneAt.values()) - t0) / 1000;
  const meanRunS = [...doneAt.values()].reduce((s, t) => s + (t - t0), 0) / doneAt.size / 1000;
  const avg = (f: (k: (typeof kpis)[number]) => number) => kpis.reduce((a, k) => a + f(k), 0) / Math.max(1, kpis.length);
  return { seconds, drafts: posted.length - failed, failed, meanRunS, meanKm: avg((k) => k.distanceKm), meanDeliveredT: avg((k) => k.deliveredKg) / 1000 };
}

async function planThroughput(c: Cluster, token: string, workers: number): Promise<PlanThroughput> {
  const districts = benchCityScenario().districts.map((d) => d.id).sort();
  // Warm-up: one short plan per worker (each loads the planner into its thread once, seconds under tsx).
  await planRun(c, token, districts.slice(0, workers), 0.2);
  const picked = Array.from({ length: planCount }, (_, i) => districts[i % districts.length]!);
  // CPU per worker process (its planner thread included): both workers should have worked.
  const cpuBefore = c.workers.map((w) => cpuSeconds(w.child.pid));
  const r = await planRun(c, token, picked, timeLimitS);
  const workerCpuS = c.workers.map((w, i) => cpuSeconds(w.child.pid) - cpuBefore[i]!);
  // One city-wide plan: in cluster mode one job per district part, spread over the workers, then merged.
  const city = await planRun(c, token, [undefined], timeLimitS);
  if (city.failed) throw new Error('the city-wide plan failed');
  return { ...r, plansPerMin: (r.drafts / r.seconds) * 60, workerCpuS, cityS: city.seconds, cityDeliveredT: city.meanDeliveredT };
}

// ---- run ----------------------------------------------------------------------------------------


const rows: { measure: string; unit: string; values: number[]; text?: string[]; better: 'higher' | 'lower' }[] = [];
const loads: string[] = [];
let current: Cluster | null = null;
const stopCurrent = async () => { await current?.close(); current = null; };
process.once('SIGINT', () => { void stopCurrent().finally(() => process.exit(130)); });

try {
  const tokens = await prepareBenchDatabase(database.url, driverCount, socketCount);
  // Per configuration, the runs of every round; a round runs the configurations in turn, every
  // other round in reverse (1,2 then 2,1), so a drift in the machine's load hits both alike.
  const httpRuns = new Map<number, { health: HttpResult[]; zones: HttpResult[] }>(serverCounts.map((n) => [n, { health: [], zones: [] }]));
  const fanRuns = new Map<number, FanoutResult[]>(serverCounts.map((n) => [n, []]));
  const planRuns = new Map<number, PlanThroughput[]>(workerCounts.map((n) => [n, []]));
  const order = <T>(list: T[], round: number) => (round % 2 ? [...list].reverse() : list);
  if (!skip.has('http') || !skip.has('fanout')) {
    for (let round = 0; round < rounds; round++) {
      for (const n of order(serverCounts, round)) {
        current = await cluster(n, 0);
        if (!skip.has('http')) {
          const health = await httpLoad(current, clients, '/api/health', tokens.coordinator, httpS);
          const zones = await httpLoad(current, clients, '/api/zones?districtId=liwan', tokens.coordinator, httpS);
          httpRuns.get(n)!.health.push(health);
          httpRuns.get(n)!.zones.push(zones);
          for (const e of [...health.errorSamples, ...zones.errorSamples]) console.error(`    error sample: ${e}`);
          checkAlive(current);
          console.log(`  ${n} server(s) HTTP: /api/health ${health.rps.toFixed(0)} req/s (p99 ${health.p99.toFixed(1)} ms, errors ${health.errors}, connections per server ${health.perBackend.join('/')}); /api/zones ${zones.rps.toFixed(0)} req/s (p99 ${zones.p99.toFixed(1)} ms, errors ${zones.errors})`);
        }
        if (!skip.has('fanout')) {
          const f = await fanout(current, tokens);
          fanRuns.get(n)!.push(f);
          checkAlive(current);
          console.log(`  ${n} server(s) fan-out: p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms; pushes ${f.received} of ${f.expected} (fixes acked ${f.fixesAcked}, errors ${f.errors}); sequence breaks ${f.sequenceBreaks}, resyncs after the reorder wait ${f.resyncsNeeded}; sockets per server ${f.perBackend.join('/')}`);
        }
        loads.push(`after ${n} server(s): ${load()}`);
        await stopCurrent();
      }
    }
  }
  if (!skip.has('plans')) {
    for (let round = 0; round < planRounds; round++) {
      for (const w of order(workerCounts, round)) {
        current = await cluster(1, w);
        const r = await planThroughput(current, tokens.cityCoordinator, w);
        checkAlive(current);
        planRuns.get(w)!.push(r);
        console.log(`  ${w} worker(s): ${planCount} plans in ${r.seconds.toFixed(1)} s = ${r.plansPerMin.toFixed(1)} plans/min (mean time to draft ${r.meanRunS.toFixed(1)} s, failed ${r.failed}; CPU s per worker ${r.workerCpuS.map((x) => x.toFixed(1)).join('/')}); city-wide plan ${r.cityS.toFixed(1)} s`);
        loads.push(`after ${w} worker(s): ${load()}`);
        await stopCurrent();
      }
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const httpRows = {
    health: serverCounts.map((n) => httpRuns.get(n)!.health).filter((r) => r.length).map((runs) => ({ rps: mean(runs.map((r) => r.rps)), p99: mean(runs.map((r) => r.p99)), serversPct: mean(runs.map((r) => r.serversPct)), clientPct: mean(runs.map((r) => r.clientPct)) })),
    zones: serverCounts.map((n) => httpRuns.get(n)!.zones).filter((r) => r.length).map((runs) => ({ rps: mean(runs.map((r) => r.rps)), p99: mean(runs.map((r) => r.p99)), serversPct: mean(runs.map((r) => r.serversPct)), clientPct: mean(runs.map((r) => r.clientPct)) })),
  };
  const fanRows = serverCounts.map((n) => fanRuns.get(n)!).filter((r) => r.length).map((runs) => ({
    p50: mean(runs.map((r) => r.p50)), p99: mean(runs.map((r) => r.p99)), serversPct: mean(runs.map((r) => r.serversPct)), clientPct: mean(runs.map((r) => r.clientPct)), received: runs.reduce((a, r) => a + r.received, 0), expected: runs.reduce((a, r) => a + r.expected, 0),
    sequenceBreaks: mean(runs.map((r) => r.sequenceBreaks)), resyncsNeeded: mean(runs.map((r) => r.resyncsNeeded)),
  }));
  const planRows = workerCounts.map((n) => planRuns.get(n)!).filter((r) => r.length).map((runs) => ({
    meanKm: mean(runs.map((r) => r.meanKm)), meanDeliveredT: mean(runs.map((r) => r.meanDeliveredT)), workerCpuS: mean(runs.map((r) => r.workerCpuS.reduce((a, b) => a + b, 0))),
    plansPerMin: mean(runs.map((r) => r.plansPerMin)), seconds: mean(runs.map((r) => r.seconds)), meanRunS: mean(runs.map((r) => r.meanRunS)), failed: runs.reduce((a, r) => a + r.failed, 0),
    cityS: mean(runs.map((r) => r.cityS)), cityDeliveredT: mean(runs.map((r) => r.cityDeliveredT)),
  }));

  if (httpRows.health.length) {
    rows.push({ measure: `GET /api/health, ${clients} clients`, unit: 'req/s', values: httpRows.health.map((r) => r.rps), better: 'higher' });
    rows.push({ measure: `GET /api/health p99`, unit: 'ms', values: httpRows.health.map((r) => r.p99), better: 'lower' });
    rows.push({ measure: `  servers' CPU (sum) / bench client's CPU`, unit: '% of a core', values: [], text: httpRows.health.map((r) => `${r.serversPct.toFixed(0)} / ${r.clientPct.toFixed(0)}`), better: 'lower' });
    rows.push({ measure: `GET /api/zones?districtId=liwan (PostgreSQL read), ${clients} clients`, unit: 'req/s', values: httpRows.zones.map((r) => r.rps), better: 'higher' });
    rows.push({ measure: `GET /api/zones p99`, unit: 'ms', values: httpRows.zones.map((r) => r.p99), better: 'lower' });
    rows.push({ measure: `  servers' CPU (sum) / bench client's CPU`, unit: '% of a core', values: [], text: httpRows.zones.map((r) => `${r.serversPct.toFixed(0)} / ${r.clientPct.toFixed(0)}`), better: 'lower' });
  }
  if (fanRows.length) {
    const perS = (driverCount * 1000) / fixMs;
    rows.push({ measure: `fan-out p50, ${socketCount} sockets, ${driverCount} vans × ${perS / driverCount}/s`, unit: 'ms', values: fanRows.map((r) => r.p50), better: 'lower' });
    rows.push({ measure: `fan-out p99`, unit: 'ms', values: fanRows.map((r) => r.p99), better: 'lower' });
    rows.push({ measure: `  servers' CPU (sum) / bench client's CPU`, unit: '% of a core', values: [], text: fanRows.map((r) => `${r.serversPct.toFixed(0)} / ${r.clientPct.toFixed(0)}`), better: 'lower' });
    rows.push({ measure: `pushes received ÷ expected`, unit: '%', values: fanRows.map((r) => (100 * r.received) / Math.max(1, r.expected)), better: 'higher' });
    rows.push({ measure: `events out of turn seen by watchers`, unit: '', values: fanRows.map((r) => r.sequenceBreaks), better: 'lower' });
    rows.push({ measure: `  gaps still open after ${REORDER_WAIT_MS} ms (each a snapshot)`, unit: '', values: fanRows.map((r) => r.resyncsNeeded), better: 'lower' });
  }
  const fmt = (v: number) => (Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v >= 1 || v === 0 ? v.toFixed(1) : v.toFixed(3));
  const ratio = (vals: number[]) => (vals.length >= 2 && vals[0] ? `${(vals[1]! / vals[0]).toFixed(2)}×` : '–');
  console.log(`\nMeans over ${rounds} round(s) per server count${!skip.has('plans') ? ` and ${planRounds} per worker count` : ''}; each round starts a fresh cluster.`);
  if (rows.length) console.log(`\n| measure | unit | ${serverCounts.map((n) => `${n} server${n > 1 ? 's' : ''}`).join(' | ')} | ${serverCounts.length >= 2 ? `${serverCounts[1]} vs ${serverCounts[0]}` : 'ratio'} |`);
  if (rows.length) console.log(`|---|---|${serverCounts.map(() => '---:').join('|')}|---:|`);
  for (const r of rows) console.log(`| ${r.measure} | ${r.unit} | ${(r.text ?? r.values.map(fmt)).join(' | ')} | ${r.text ? '' : ratio(r.values)} |`);
  if (planRows.length) {
    console.log(`\n| measure (1 server) | unit | ${workerCounts.map((n) => `${n} worker${n > 1 ? 's' : ''}`).join(' | ')} | ${workerCounts.length >= 2 ? `${workerCounts[1]} vs ${workerCounts[0]}` : 'ratio'} |`);
    console.log(`|---|---|${workerCounts.map(() => '---:').join('|')}|---:|`);
    const pr = [
      { measure: `plan throughput, ${planCount} district plans (~320 zones, 7–10 vans each), ${timeLimitS} s search`, unit: 'plans/min', values: planRows.map((r) => r.plansPerMin) },
      { measure: `all ${planCount} drafts`, unit: 's', values: planRows.map((r) => r.seconds) },
      { measure: 'mean time to draft', unit: 's', values: planRows.map((r) => r.meanRunS) },
      { measure: 'failed plans', unit: '', values: planRows.map((r) => r.failed) },
      // Searches stop at their time limit: two on a contended core do less each. Same plans, same seeds: compare.
      { measure: 'quality check: mean route km per plan', unit: 'km', values: planRows.map((r) => r.meanKm) },
      { measure: 'quality check: mean tonnes delivered per plan', unit: 't', values: planRows.map((r) => r.meanDeliveredT) },
      { measure: 'workers\' CPU (sum) for the run', unit: 'CPU s', values: planRows.map((r) => r.workerCpuS) },
      { measure: `one city-wide plan (${benchCityScenario().districts.length} district parts + merge), time to draft`, unit: 's', values: planRows.map((r) => r.cityS) },
      { measure: '  its tonnes delivered', unit: 't', values: planRows.map((r) => r.cityDeliveredT) },
    ];
    for (const r of pr) console.log(`| ${r.measure} | ${r.unit} | ${r.values.map(fmt).join(' | ')} | ${r.measure === 'failed plans' ? '' : ratio(r.values)} |`);
  }
  const clientBound = [...httpRows.health, ...httpRows.zones, ...fanRows].some((r) => r.clientPct >= 85);
  if (clientBound) console.log('\nThe bench client used most of a core in some runs (client CPU ≥ 85 %): there the client, not the servers, sets the pace.');
  console.log(`\n${availableParallelism()} cores; load average (1/5/15 min) ${loads.join('; ')}.`);
  if (availableParallelism() <= 2) {
    console.log('On 2 cores the servers, plan workers, PostgreSQL, Redis and this bench client (its sockets and HTTP loops) share the same cores: a second process can only help as far as a core is idle.');
  }
} catch (err) {
  console.error(`bench:cluster failed: ${err instanceof Error ? err.message : String(err)}`);
  if (current) {
    for (const [i, s] of current.servers.entries()) console.error(`--- server ${i} (exit ${s.child.exitCode ?? s.child.signalCode}), last output:\n${s.output().slice(-2000)}`);
    for (const [i, w] of current.workers.entries()) console.error(`--- worker ${i} (exit ${w.child.exitCode ?? w.child.signalCode}), last output:\n${w.output().slice(-2000)}`);
  }
  process.exitCode = 1;
} finally {
  await stopCurrent();
  await database.drop().catch((err: unknown) => console.error('could not drop the bench database', err));
  const dropped = await dropRedisPrefix(prefix, redisUrl).catch(() => -1);
  console.log(`dropped the bench database and ${dropped} Redis key(s) under ${prefix}`);
}
