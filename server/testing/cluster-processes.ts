/**
 * Cluster mode on one machine, as separate processes: N API/socket servers (`tsx server/main.ts`
 * with REDIS_URL set) behind a TCP round-robin proxy, and M plan workers
 * (`server/workers/plan-worker-main.ts`), all on one PostgreSQL database and one Redis, namespaced by
 * CLUSTER_PREFIX. Used by `npm run start:cluster`, `npm run bench:cluster` and cluster tests.
 */
import type { ChildProcess } from 'node:child_process';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';
import { startServerProcess, startWorkerProcess, type ServerProcess, type WorkerProcess } from './server-process';

export { startWorkerProcess, type ServerProcess, type WorkerProcess };

export interface ClusterOptions {
  servers: number;
  workers: number;
  /** A postgres:// URL (the servers share it; server 0 migrates and seeds it when empty). */
  databaseUrl: string;
  redisUrl: string;
  /** CLUSTER_PREFIX: namespaces every Redis key, stream and queue of this cluster. */
  prefix: string;
  /** Extra environment for every server and worker. */
  env?: Record<string, string>;
  /** The proxy's port (default 0: any free one). */
  proxyPort?: number;
  /** Each server's port (default 0 for all: any free one). */
  serverPorts?: number[];
  /** Follows every child's output after it is up (before that, it is in the child's output()). */
  log?: (name: string, text: string) => void;
  /** Children in process groups of their own (a terminal's Ctrl+C reaches only the caller, which stops them). */
  detached?: boolean;
}

export interface Cluster {
  /** The proxy's URL: what clients use. */
  url: string;
  servers: ServerProcess[];
  workers: WorkerProcess[];
  proxy: RoundRobinProxy;
  /** Kills server i (default SIGKILL) and resolves when it has exited; the proxy then skips it. */
  killServer(i: number, signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM to every server and worker (SIGKILL after 10 s), then closes the proxy. */
  close(): Promise<void>;
}

const portOf = (url: string) => Number(new URL(url).port);

/** Sends `signal`, waits for the exit, and kills with SIGKILL after `graceMs`. */
async function stop(p: { child: ChildProcess; exited: Promise<unknown> }, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  try {
    await p.exited;
  } finally {
    clearTimeout(timer);
  }
}

function follow(log: ClusterOptions['log'], name: string, p: { child: ChildProcess; output(): string }) {
  if (!log) return;
  if (p.output()) log(name, p.output());
  p.child.stdout!.on('data', (d) => log(name, String(d)));
  p.child.stderr!.on('data', (d) => log(name, String(d)));
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (options.servers < 1) throw new Error('startCluster: at least one server');
  const env = { REDIS_URL: options.redisUrl, CLUSTER_PREFIX: options.prefix, ...options.env };
  const port = (i: number) => options.serverPorts?.[i] ?? 0;
  const spawnOptions = { detached: options.detached ?? false };
  const servers: ServerProcess[] = [];
  const workers: WorkerProcess[] = [];
  const stopAll = () => Promise.all([...servers, ...workers].map((p) => stop(p)));
  try {
    // Server 0 alone first: it migrates the empty database and seeds the demo; two at once would clash.
    servers.push(await startServerProcess(options.databaseUrl, env, port(0), spawnOptions));
    follow(options.log, 'server 0', servers[0]!);
    const started = await Promise.allSettled([
      ...Array.from({ length: options.servers - 1 }, async (_, k) => {
        const s = await startServerProcess(options.databaseUrl, env, port(k + 1), spawnOptions);
        servers[k + 1] = s;
        follow(options.log, `server ${k + 1}`, s);
      }),
      ...Array.from({ length: options.workers }, async (_, k) => {
        const w = await startWorkerProcess({ DATABASE_URL: options.databaseUrl, ...env }, spawnOptions);
        workers[k] = w;
        follow(options.log, `worker ${k}`, w);
      }),
    ]);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (err) {
    await Promise.all([...servers, ...workers].filter(Boolean).map((p) => stop(p)));
    throw err;
  }
  const proxy = await startRoundRobinProxy({
    port: options.proxyPort ?? 0,
    backends: servers.map((s) => ({ host: new URL(s.url).hostname, port: portOf(s.url) })),
  }).catch(async (err: unknown) => {
    await stopAll();
    throw err;
  });
  let closing: Promise<void> | undefined;
  return {
    url: proxy.url,
    servers,
    workers,
    proxy,
    async killServer(i, signal = 'SIGKILL') {
      const s = servers[i];
      if (!s) throw new Error(`killServer: no server ${i}`);
      await stop(s, signal);
    },
    close: () => (closing ??= (async () => {
      await stopAll();
      await proxy.close();
    })()),
  };
}
