/**
 * npm run bench:live [-- --drivers 200,1000,2000 --duration 60 --watchers 50 --procs 2 --fix-every 5]
 *
 * Live load on loopback: N drivers each send a fix every 5 s and a delivery every minute (forked
 * client processes), 50 coordinator and district watchers receive the pushes. Prints events/s
 * accepted, p50/p99 latency from a driver's emit to a watcher's receipt, the server's peak RSS and
 * CPU (its own process), errors, and lost or doubled deliveries (acked vs stored).
 * Target at 2,000 drivers: p99 ≤ 200 ms, nothing lost or doubled, RSS ≤ 600 MB.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import type { LiveSocket } from './live-client';
import { loadBenchSettings } from '../server/config';

const { values: args } = parseArgs({
  options: {
    drivers: { type: 'string', default: '200,1000,2000' }, duration: { type: 'string', default: '60' },
    watchers: { type: 'string', default: '50' }, procs: { type: 'string', default: '2' },
    // Seconds between one driver's fixes: 5 is the stress default; a phone's watchPosition throttle sends every 15.
    'fix-every': { type: 'string', default: '5' },
  },
});
const benchSettings = loadBenchSettings();
const durationS = Number(args.duration);
const watcherCount = Number(args.watchers);
const procs = Number(args.procs);
const tsx = { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] as ('ignore' | 'inherit' | 'ipc')[] };

const once = <T>(child: ChildProcess, type: string): Promise<T> => new Promise((resolve, reject) => {
  const on = (msg: { type: string; error?: string }) => {
    if (msg.type === type) { child.off('message', on); resolve(msg as T); } else if (msg.type === 'failed') reject(new Error(msg.error));
  };
  child.on('message', on);
  child.once('exit', (code) => reject(new Error(`child exited (${code}) before "${type}"`)));
});

const pct = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : NaN);

async function bench(drivers: number) {
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there (read the top frames).
  const prof = benchSettings.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${benchSettings.cpuProfileDir}`] : [];
  const server = fork('scripts/bench-live-server.ts', [String(drivers), String(Math.ceil(durationS / 60) + 2), String(watcherCount)], { ...tsx, execArgv: [...tsx.execArgv, ...prof] });
  const ready = await once<{ url: string; planId: string; tokens: { vehicleId: string | null; token: string }[] }>(server, 'ready');
  const samples: number[] = [];
  const debug: [number, number][] = [];
  const watchers = await Promise.all(ready.tokens.filter((t) => !t.vehicleId).map((t) => new Promise<LiveSocket>((resolve, reject) => {
    const s: LiveSocket = io(ready.url, { auth: { token: t.token }, transports: ['websocket'], forceNew: true });
    // A stop event re-pushes the van with its last fix (new ETAs): only a fix's first push times a move.
    const lastFix = new Map<string, string>();
    s.on('vehicles:moved', (e) => {
      const received = Date.now();
      for (const { vehicle } of e.moves) {
        const p = vehicle.position;
        if (!p || lastFix.get(p.vehicleId) === p.at) continue;
        lastFix.set(p.vehicleId, p.at);
        samples.push(received - Date.parse(p.at));
        if (benchSettings.debug) debug.push([received, samples[samples.length - 1]!]);
      }
    });
    s.on('stop:updated', (e) => samples.push(Date.now() - Date.parse(e.event.at)));
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  })));
  const driverTokens = ready.tokens.filter((t): t is { vehicleId: string; token: string } => !!t.vehicleId);
  const children = Array.from({ length: procs }, () => fork('scripts/bench-live-drivers.ts', [], tsx));
  const jobs = children.map((_, i) => ({
    url: ready.url, planId: ready.planId, drivers: driverTokens.filter((_, j) => j % procs === i),
    fixMs: Number(args['fix-every']) * 1000, deliverMs: 60_000, durationMs: durationS * 1000,
  }));
  await Promise.all(children.map((c, i) => { const p = once(c, 'connected'); c.send({ type: 'connect', job: jobs[i] }); return p; }));
  const marked = once(server, 'marked');
  server.send({ type: 'mark' });
  await marked;
  samples.length = 0;
  const done = children.map((c) => once<{ result: { moves: number; deliveries: number; deliveriesSent: number; duplicatesSent: number; errors: number; timeouts: number; errorSamples: string[] } }>(c, 'done'));
  children.forEach((c, i) => c.send({ type: 'go', job: jobs[i] }));
  const results = (await Promise.all(done)).map((d) => d.result);
  // Driver processes wait for more work on their IPC channel: end them, or the bench never exits.
  for (const c of children) c.kill();
  await new Promise((r) => setTimeout(r, 500));
  const statsP = once<{ rssMb: number; cpuPct: number; delivered: number; positions: { written: number; failed: number }; loopMaxMs: number; loopP99Ms: number }>(server, 'stats');
  server.send({ type: 'stats' });
  const stats = await statsP;
  for (const w of watchers) w.close();
  server.send({ type: 'stop' });
  await new Promise((r) => server.once('exit', r));
  const sum = (k: 'moves' | 'deliveries' | 'deliveriesSent' | 'duplicatesSent' | 'errors' | 'timeouts') => results.reduce((a, r) => a + r[k], 0);
  const sorted = Float64Array.from(samples).sort();
  if (debug.length) {
    const t0 = debug[0]![0];
    const buckets = new Map<number, number>();
    for (const [t, l] of debug) buckets.set(Math.floor((t - t0) / 1000), Math.max(buckets.get(Math.floor((t - t0) / 1000)) ?? 0, l));
    console.error('  max latency per second:', JSON.stringify([...buckets]));
  }
  for (const r of results) for (const e of r.errorSamples) console.error(`  error sample: ${e}`);
  for (const r of results as unknown as { slowest: [number, number][]; timeouts: number }[]) console.error(`  timeouts ${r.timeouts}; slow acks [at ms, took ms]: ${JSON.stringify(r.slowest.slice(0, 8))}`);
  return {
    drivers, eventsPerS: (sum('moves') + sum('deliveries')) / durationS, received: samples.length,
    p50: pct(sorted, 0.5), p99: pct(sorted, 0.99), rssMb: stats.rssMb, cpuPct: stats.cpuPct,
    errors: sum('errors') + sum('timeouts'), sent: sum('deliveriesSent'), acked: sum('deliveries'), stored: stats.delivered, dup: sum('duplicatesSent'),
    fixesStored: stats.positions.written, serverLoopMaxMs: stats.loopMaxMs, serverLoopP99Ms: stats.loopP99Ms,
  };
}

console.log(`bench:live — ${durationS} s per run, ${watcherCount} watchers, ${procs} driver processes, ${process.platform} ${process.arch}`);
const rows = [];
for (const n of args.drivers!.split(',').map(Number)) {
  const row = await bench(n);
  rows.push(row);
  console.log(JSON.stringify(row));
}
// Lost: acked but not stored. Doubled: stored more often than distinct deliveries were sent (each
// tenth was sent twice with the same key). An ack that timed out is neither: its delivery may be stored.
console.log('\n| drivers | events/s accepted | pushes received | p50 ms | p99 ms | server RSS MB | server CPU % | errors | positions stored | deliveries sent / acked / stored (resent twice) | lost | doubled |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.drivers} | ${r.eventsPerS.toFixed(0)} | ${r.received} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.rssMb.toFixed(0)} | ${r.cpuPct.toFixed(0)} | ${r.errors} | ${r.fixesStored} | ${r.sent} / ${r.acked} / ${r.stored} (${r.dup}) | ${Math.max(0, r.acked - r.stored)} | ${Math.max(0, r.stored - r.sent)} |`);
}
