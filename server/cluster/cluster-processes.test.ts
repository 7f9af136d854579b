import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanProgressEvent, VehiclesMovedEvent } from '../contract';
import type { LiveSocket } from '../../scripts/live-client';
import { createPostgresDatabase } from '../store/test-support';
import { startCluster, type Cluster } from '../testing/cluster-processes';
import { loginAt } from '../testing/server-process';
import { dropRedisPrefix, redisReachable, TEST_REDIS_URL } from '../testing/redis';

// Cluster mode as separate processes (server/testing/cluster-processes.ts): two servers and a plan
// worker on one PostgreSQL database and one Redis, behind the round-robin proxy: the harness itself
// (server/cluster/cluster.test.ts is the load test). PostgreSQL pass only, and only with Redis up.

const REDIS_URL = TEST_REDIS_URL;
const runs = await redisReachable();
if (!runs) console.warn(`cluster process tests skipped: Redis is unreachable at ${REDIS_URL} (scripts/setup-test-env.sh starts it)`);

const socketAt = (url: string, token: string) => new Promise<LiveSocket>((resolve, reject) => {
  const s: LiveSocket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  s.once('connect', () => resolve(s));
  s.once('connect_error', reject);
});

describe.skipIf(!runs)('a cluster of processes (2 servers, 1 plan worker, proxy)', () => {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let cluster: Cluster;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    cluster = await startCluster({ servers: 2, workers: 1, databaseUrl: database.url, redisUrl: REDIS_URL, prefix });
  }, 180_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.close();
    await database?.drop();
    await dropRedisPrefix(prefix);
  }, 60_000);

  it('a coordinator on server 0 sees a van move sent through server 1', async () => {
    const [a, b] = cluster.servers.map((s) => s.url) as [string, string];
    const watcher = await socketAt(a, await loginAt(a, 'coord', 'coord123'));
    const driver = await socketAt(b, await loginAt(b, 'driver1', 'driver123'));
    sockets.push(watcher, driver);
    const at = new Date().toISOString();
    const seen = new Promise<VehiclesMovedEvent>((resolve) => {
      watcher.on('vehicles:moved', (e) => { if (e.moves.some((m) => m.vehicle.position?.at === at)) resolve(e); });
    });
    const timed = driver.timeout(10_000);
    const ack = await (timed.emitWithAck as unknown as (e: string, p: unknown) => Promise<{ ok: boolean }>).call(timed, 'vehicle:move', {
      key: randomBytes(16).toString('hex'), vehicleId: 'lw-van-01', position: { lng: 113.24, lat: 23.1, speedKmh: 18, at },
    });
    expect(ack.ok).toBe(true);
    const event = await seen;
    expect(event.moves.find((m) => m.vehicle.position?.at === at)?.vehicle.vehicleId).toBe('lw-van-01');
  });

  it('a plan posted through server 1 is run by the worker; its progress reaches server 0', async () => {
    const [a, b] = cluster.servers.map((s) => s.url) as [string, string];
    const watcher = await socketAt(a, await loginAt(a, 'coord', 'coord123'));
    sockets.push(watcher);
    const statuses: string[] = [];
    const drafted = new Promise<void>((resolve) => {
      watcher.on('plan:progress', (e: PlanProgressEvent) => { statuses.push(e.status); if (e.status === 'draft') resolve(); });
    });
    const token = await loginAt(b, 'coord', 'coord123');
    const res = await fetch(`${b}/api/plans`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2021-06-03', districtId: 'liwan', timeLimitS: 0.5 }),
    });
    expect(res.status).toBe(202);
    await drafted;
    expect(statuses).toContain('running');
    // The servers run no plans themselves in cluster mode: the worker did.
    expect(cluster.workers[0]!.child.exitCode).toBeNull();
  }, 60_000);

  it('the proxy spreads sockets over both servers and skips a killed one', async () => {
    const token = await loginAt(cluster.url, 'coord', 'coord123');
    const before = cluster.proxy.totalPerBackend();
    const pair = await Promise.all([socketAt(cluster.url, token), socketAt(cluster.url, token)]);
    sockets.push(...pair);
    const after = cluster.proxy.totalPerBackend();
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1]);

    await cluster.killServer(1);
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${cluster.url}/api/health`, { headers: { connection: 'close' } });
      expect(res.status).toBe(200);
    }
    const s = await socketAt(cluster.url, token);
    sockets.push(s);
    expect(s.connected).toBe(true);
  });
});
