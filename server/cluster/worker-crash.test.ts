import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanSummary } from '../contract';
import { startCluster, startWorkerProcess, type Cluster, type WorkerProcess } from '../testing/cluster-processes';
import { loginAt } from '../testing/server-process';
import { http } from '../../scripts/live-client';
import { dropRedisPrefix, redisReachable, TEST_REDIS_URL } from '../testing/redis';
import { createPostgresDatabase } from '../store/test-support';

// A planner worker killed in the middle of a plan loses nothing: its job's lock lapses, another
// worker takes the plan up again and finishes it, and the API kept answering all along.

const redisUp = await redisReachable();
if (!redisUp) console.warn(`worker crash test skipped: Redis is unreachable at ${TEST_REDIS_URL}`);

const LOCK_MS = 2000;

describe.skipIf(!redisUp)('cluster: a worker dies mid-plan', () => {
  let db: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let cluster: Cluster;
  const prefix = `test-${randomUUID()}`;
  const env = { PLAN_JOB_LOCK_MS: String(LOCK_MS) };
  const spare: WorkerProcess[] = [];

  beforeAll(async () => {
    db = await createPostgresDatabase();
    cluster = await startCluster({ servers: 1, workers: 1, databaseUrl: db.url, redisUrl: TEST_REDIS_URL, prefix, env });
  }, 120_000);

  afterAll(async () => {
    for (const w of spare) { w.child.kill('SIGKILL'); await w.exited; }
    await cluster?.close();
    await db?.drop();
    await dropRedisPrefix(prefix);
  }, 60_000);

  it('another worker finishes the plan of a worker killed with SIGKILL while the API keeps answering', async () => {
    const url = cluster.servers[0]!.url;
    const token = await loginAt(url, 'coord', 'coord123');
    // A plan that takes its whole time limit: the planner searches until the deadline.
    const posted = await http<PlanSummary>(url, 'POST', '/api/plans', token, { date: '2021-06-03', districtId: 'liwan', timeLimitS: 6 });
    expect(posted.status).toBe(202);
    const run = posted.data;
    const get = async () => (await http<Plan>(url, 'GET', `/api/plans/${run.id}`, token)).data;
    for (let i = 0; i < 150 && (await get()).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await get()).status).toBe('running');

    cluster.workers[0]!.child.kill('SIGKILL');
    await cluster.workers[0]!.exited;
    const killedAt = Date.now();
    spare.push(await startWorkerProcess({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, CLUSTER_PREFIX: prefix, ...env }));

    // The API answers at once while no worker holds the plan.
    const t0 = performance.now();
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(2000);

    let plan = await get();
    for (let i = 0; i < 400 && plan.status !== 'draft' && plan.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      plan = await get();
    }
    expect(plan.status, plan.error ?? '').toBe('draft');
    expect(plan.result!.routes.length).toBeGreaterThan(0);
    // Taken up again only after the dead worker's lock lapsed.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(LOCK_MS);
  }, 90_000);
});
