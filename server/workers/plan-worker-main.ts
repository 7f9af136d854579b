import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { PLAN_QUEUE, type PartOutcome, type PlanJobData } from '../cluster/bull-plan-queue';
import { bullConnection, connectRedis } from '../cluster/redis-connection';
import { createRedisPlanEventBus } from '../cluster/redis-plan-events';
import { executePlan, failPlan, finishSplitPlan, runPlanPart } from '../services/plans/plan-execution';
import { createPlanLifecycle } from '../services/plans/plan-lifecycle';
import { createThreadRunner } from './thread-runner';
import { openDatabase } from '../store/db';
import { createStore } from '../store/store';

// A planner worker process (cluster mode): takes plan jobs from the shared queue one at a time, runs
// each in its own worker thread, writes the result to the database and tells every server how it went.

const config = loadConfig();
const log = createLogger(config.logLevel, { name: 'plan-worker' });
if (!config.cluster) {
  log.error('plan worker: REDIS_URL is not set: workers exist only in cluster mode');
  process.exit(2);
}
const cluster = config.cluster;
// The servers migrate the database; a worker only reads and writes plans.
const store = createStore(openDatabase(config.databaseUrl));
const redis = await connectRedis(cluster.redisUrl, log);
const events = await createRedisPlanEventBus(redis, `${cluster.prefix}:plan-events`, `worker-${randomUUID()}`, log);
const runner = createThreadRunner();
const lifecycle = createPlanLifecycle({ store, events, log });
const deps = { store, tierRules: config.tierRules, utcOffset: config.live.utcOffset, runner, lifecycle, log };

/** A part done: the plan's progress is the share of its parts done (they run side by side). */
async function partDone(planId: string, parts: number): Promise<void> {
  const key = `${cluster.prefix}:plan-parts-done:${planId}`;
  const done = await redis.incr(key);
  await redis.expire(key, 24 * 3600);
  lifecycle.tell({ id: planId, districtId: null, status: 'running', progress: Math.min(0.99, done / parts), version: null });
}

const worker = new Worker<PlanJobData, PartOutcome | void>(
  PLAN_QUEUE,
  async (job) => {
    const data = job.data;
    if (data.kind === 'part') {
      try {
        const result = await runPlanPart(deps, data.planId, data.districtId);
        await partDone(data.planId, data.parts);
        return { districtId: data.districtId, result };
      } catch (err) {
        await failPlan(lifecycle, data.planId, `district ${data.districtId}: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
    }
    if (data.kind === 'merge') {
      const parts = Object.values(await job.getChildrenValues<PartOutcome>()).sort((a, b) => a.districtId.localeCompare(b.districtId));
      return finishSplitPlan(deps, data.planId, parts.map((p) => p.result));
    }
    return executePlan(deps, data.planId);
  },
  {
    connection: bullConnection(cluster.redisUrl), prefix: `${cluster.prefix}:bull`, concurrency: 1,
    lockDuration: cluster.jobLockMs, stalledInterval: cluster.jobLockMs,
  },
);
worker.on('error', (err) => log.error({ err }, 'plan worker: queue error'));
await worker.waitUntilReady();
// server/testing/server-process.ts waits for this line.
log.info({ queue: `${cluster.prefix}:${PLAN_QUEUE}` }, 'plan worker ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // The plan in hand may finish (worker.close waits for it); past 9 s the process goes and its job,
    // left stalled, is taken up again by another worker.
    setTimeout(() => process.exit(1), 9_000).unref();
    void (async () => {
      await worker.close();
      await runner.close();
      await events.close();
      await redis.quit().catch(() => {});
      await store.close();
      process.exit(0);
    })();
  });
}
