import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Health } from './contract';
import type { Config } from './config';
import { createHttpApp } from './http/app';
import { answerClientErrors } from './http/client-errors';
import { createLiveService, type LiveService } from './services/live/live-service';
import { attachLiveGateway } from './live/socket-gateway';
import { createLogger } from './logger';
import { wireReactions } from './reactions';
import { createServices, type Services } from './services';
import type { Logger } from './services/logger';
import type { Store } from './services/ports';
import { migrateLatest, openDatabase } from './store/db';
import { createStore } from './store/store';
import { hashPassword, verifyPassword } from './store/passwords';
import { isEmpty, seedScenario } from './store/seed';
import { loadOrCreateKeyFile } from './store/key-file';
import { KEY_ID } from './services/staff/pass-service';
import { loadScenario } from './store/scenario-files';
import { startClusterLink, type ClusterLink } from './cluster/cluster-link';
import { createThreadRunner } from './workers/thread-runner';

export const VERSION = '0.1.0';

/** How long shutdown waits for HTTP requests in flight; the process must be gone within 10 s. */
const SHUTDOWN_DRAIN_MS = 7000;

export interface RunningServer {
  url: string;
  http: Server;
  store: Store;
  services: Services;
  live: LiveService;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Scenarios seeded into an empty database (the embedded demo seeds Liwan and Foshan). */
  seedScenarios?: string[];
  now?: () => Date;
  /** Default: pino at config.logLevel on stdout. Tests pass a silent or capturing one (server/testing/test-log.ts). */
  log?: Logger;
}

/** The composition root: config → database → services → HTTP (+ live layer) → listen. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel, { name: 'server' });
  const now = options.now ?? (() => new Date());
  const db = openDatabase(config.databaseUrl);
  await migrateLatest(db);
  const store = createStore(db);
  const passwords = { hash: hashPassword, verify: verifyPassword };
  if (options.seedScenarios?.length && (await isEmpty(store))) {
    for (const name of options.seedScenarios) await seedScenario(store, loadScenario(name), hashPassword);
  }
  // Read (or made) before anything is served, so a bad key file stops the start, not the first pass.
  const keyFile = config.passKeyFile
    ? Promise.resolve(await loadOrCreateKeyFile(config.passKeyFile, async () => (await store.passes.getKey(KEY_ID))?.privatePem ?? null))
    : null;
  // Cluster mode: Redis carries socket.io, the room sequences, the live sync and the plan jobs.
  const cluster: ClusterLink | null = config.cluster ? await startClusterLink(config.cluster, log.child({ component: 'cluster' })) : null;
  const services = createServices({
    store, passwords, clock: now, tierRules: config.tierRules, sessionTtlS: config.sessionTtlS,
    ops: config.ops,
    utcOffset: config.live.utcOffset,
    coverHorizonDays: config.coverHorizonDays,
    passSigningKey: keyFile ? () => keyFile : undefined,
    planCluster: cluster?.plans,
    // Started on the first plan only; a cluster server hands plans to worker processes instead.
    planRunner: cluster ? undefined : createThreadRunner(),
    rateLimiters: cluster?.rateLimiters,
    windowCounters: cluster?.windowCounters,
    planQueuePerUser: config.planQueuePerUser,
    log,
  });
  // One process runs the plans (not a cluster): those a previous run left unfinished never will finish.
  // In a cluster they wait in the job queue for a worker.
  if (!cluster) await services.plans.failInterrupted();
  const startedAt = Date.now();
  const health = (): Health => ({
    status: 'ok', version: VERSION, database: store.kind, uptimeS: Math.round((Date.now() - startedAt) / 1000),
  });
  const app = createHttpApp({
    services, health, version: VERSION, maxBodyBytes: config.maxBodyBytes, sessionTtlS: config.sessionTtlS,
    webRoot: resolve('web/dist'), tiles: config.tiles, utcOffset: config.live.utcOffset, log: log.child({ component: 'http' }), edge: config.edge,
  });
  const http = createServer(app);
  const requests = trackRequests(http);
  answerClientErrors(http);
  const liveLog = log.child({ component: 'live' });
  const live = createLiveService({ store, config: config.live, now, log: liveLog });
  const gateway = attachLiveGateway({
    http, live, auth: services.auth, store, config: config.live, now, log: liveLog, edge: config.edge,
    cluster: cluster ? { adapter: cluster.live.adapter, sequencer: cluster.live.sequencer } : undefined,
  });
  await cluster?.live.join(live);
  // Features reacting to one another (plan events → sockets, failed stop / filed request / playbook → alerts).
  const reactions = wireReactions({ services, live, store, liveConfig: config.live, now, log });
  // After the reactions: the first timed evaluation already sees the playbook's rule.
  const stopAlertTimer = services.alerts.startTimer(cluster?.takeTurn);
  await new Promise<void>((done) => http.listen(config.port, config.host, done));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    http, store, services, live,
    /**
     * Graceful stop (SIGTERM): stop accepting connections, tell socket clients to come back in a
     * moment, let HTTP requests in flight finish (up to drainMs), close the sockets, let driver events
     * already received finish, write the buffered GPS fixes, then close the planner and the database.
     */
    async close() {
      const stopped = new Promise<void>((done) => http.close(() => done()));
      requests.closing = true;
      reactions.stopPlanPush();
      gateway.announceShutdown(config.live.shutdownRetryAfterMs);
      await requests.drained(SHUTDOWN_DRAIN_MS);
      await gateway.close();
      // After the sockets: driver events handled during the drain still raise their alerts.
      reactions.stop();
      // Keep-alive connections left idle, and requests still running after drainMs, are cut.
      http.closeAllConnections();
      await stopped;
      stopAlertTimer();
      await services.alerts.idle();
      await services.plans.close();
      await cluster?.close();
      await store.close();
    },
  };
}

/** Counts HTTP requests in flight, so shutdown can wait for them; once closing, answers close their connection. */
function trackRequests(http: Server) {
  let inFlight = 0;
  let idle: Array<() => void> = [];
  const state = {
    closing: false,
    drained(maxMs: number): Promise<void> {
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((done) => {
        const timer = setTimeout(done, maxMs);
        idle.push(() => { clearTimeout(timer); done(); });
      });
    },
  };
  http.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    // A keep-alive client would otherwise send its next request down a connection about to be cut.
    if (state.closing && !res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of idle.splice(0)) wake();
    });
  });
  return state;
}
