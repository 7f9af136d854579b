/**
 * npm run start:cluster [-- --servers 2 --workers 2]
 *
 * Cluster mode on one machine: N API/socket servers (ports PORT+1 … PORT+N) behind a TCP
 * round-robin proxy on PORT (default 3000), and M plan workers, all on one PostgreSQL database and
 * one Redis. Env: CLUSTER_SERVERS / CLUSTER_WORKERS (flags win), DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/baogong, created when missing), REDIS_URL (default
 * redis://127.0.0.1:6379), CLUSTER_PREFIX (default baogong). Ctrl+C stops every process gracefully.
 */
import { parseArgs } from 'node:util';
import { loadClusterLaunchSettings, type ClusterLaunchSettings } from '../server/config';
import { DEMO_SCENARIOS, printDemoLogins } from '../server/demo-logins';
import { startCluster, type Cluster } from '../server/testing/cluster-processes';
import { ensurePostgres, ensureRedis } from '../server/testing/preflight';

let settings: ClusterLaunchSettings;
try {
  const { values } = parseArgs({ options: { servers: { type: 'string' }, workers: { type: 'string' } } });
  settings = loadClusterLaunchSettings(values);
} catch (err) {
  console.error(`${(err as Error).message}\nusage: npm run start:cluster -- [--servers N] [--workers M]`);
  process.exit(2);
}
const { servers, workers, port, databaseUrl, redisUrl, prefix } = settings;

try {
  const [{ created }] = await Promise.all([ensurePostgres(databaseUrl, { create: true }), ensureRedis(redisUrl)]);
  if (created) console.log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
} catch (err) {
  console.error(`cannot start the cluster: ${(err as Error).message}`);
  process.exit(1);
}

console.log(`starting ${servers} server(s) and ${workers} plan worker(s)…`);
let cluster: Cluster;
const bannerDone = new Set<string>();
const bannerSince: Record<string, number> = {};
try {
  cluster = await startCluster({
    servers, workers, databaseUrl, redisUrl, prefix,
    // Like `npm start`: the demo logins only when asked for (the test helper seeds them by default).
    env: { SEED_DEMO: settings.seedDemo ? '1' : '0' },
    // Port 0 stays 0 for every server (any free port); otherwise PORT+1 … PORT+N.
    proxyPort: port,
    serverPorts: Array.from({ length: servers }, (_, i) => (port === 0 ? 0 : port + 1 + i)),
    // In their own process groups: Ctrl+C reaches this process only, which stops the children once each.
    detached: true,
    log: (name, text) => {
      for (const line of text.split('\n')) {
        // Each server's own start banner (URL, demo logins) is summed up once below, for the proxy.
        // (At most its first two seconds: a server that printed no such banner loses nothing else.)
        const since = (bannerSince[name] ??= Date.now());
        if (name.startsWith('server') && !bannerDone.has(name) && Date.now() - since < 2000) {
          if (line.includes('Stop with Ctrl+C.')) bannerDone.add(name);
          continue;
        }
        if (line.trim()) console.log(`[${name}] ${line}`);
      }
    },
  });
} catch (err) {
  console.error(`the cluster did not start: ${(err as Error).message}`);
  process.exit(1);
}

const children = [...cluster.servers.map((s, i) => ({ name: `server ${i}`, p: s })), ...cluster.workers.map((w, i) => ({ name: `worker ${i}`, p: w }))];
// If this process dies some other way, the detached children must not outlive it.
process.on('exit', () => {
  for (const { p } of children) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
});

let stopping = false;
let alive = children.length;
for (const { name, p } of children) {
  void p.exited.then(({ code, signal }) => {
    alive -= 1;
    if (!stopping) console.error(`${name} exited unexpectedly (${code ?? signal})${alive ? '' : ': nothing left running'}`);
    if (alive === 0 && !stopping) {
      void cluster.close().finally(() => process.exit(1));
    }
  });
}

console.log(`\n保供 planner cluster is running: ${cluster.url}  (${servers} server(s): ${cluster.servers.map((s) => s.url).join(', ')}; ${workers} plan worker(s); PostgreSQL ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}, Redis ${new URL(redisUrl).host}, prefix ${prefix})`);
printDemoLogins(DEMO_SCENARIOS);
console.log('Stop with Ctrl+C.\n');

// One Ctrl+C can arrive twice: from the terminal (to the whole foreground group) and forwarded by
// `npm run`. Only a signal a moment after the first means "now".
const REPEAT_MS = 1000;
let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping && Date.now() - firstSignalAt < REPEAT_MS) return;
    if (stopping) {
      console.log(`${signal} again: killing every process now`);
      for (const { p } of children) p.child.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    firstSignalAt = Date.now();
    console.log(`${signal}: stopping ${children.length} process(es)…`);
    const started = Date.now();
    cluster.close().then(
      () => {
        console.log(`cluster stopped in ${Date.now() - started} ms`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error('cluster shutdown failed', err);
        process.exit(1);
      },
    );
  });
}
