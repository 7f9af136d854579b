import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { loadConfig } from '../config';
import { PLAN_QUEUE, type PlanJobData } from '../cluster/bull-plan-queue';
import { bullConnection, connectRedis } from '../cluster/redis-connection';
import { createRedisPlanEventBus } from '../cluster/redis-plan-events';
import { planEventOf } from '../services/plan-service';
import { executePlan } from '../services/plan-execution';
import { createWorkerRunner } from '../services/plan-runner';
import { openDatabase } from '../store/db';
import { createStore } from '../store/store';

// A planner worker process (cluster mode): takes plan jobs from the shared queue one at a time, runs
// each in its own worker thread, writes the result to the database and tells every server how it went.

const config = loadConfig();
if (!config.cluster) {
  console.error('plan worker: REDIS_URL is not set: workers exist only in cluster mode');
  process.exit(2);
}
const cluster = config.cluster;
const log = (msg: string, err?: unknown) => console.error(msg, err ?? '');
// The servers migrate the database; a worker only reads and writes plans.
const store = createStore(openDatabase(config.databaseUrl));
const redis = await connectRedis(cluster.redisUrl, log);
const events = await createRedisPlanEventBus(redis, `${cluster.prefix}:plan-events`, `worker-${randomUUID()}`, log);
const runner = createWorkerRunner();
const deps = { store, tierRules: config.tierRules, utcOffset: config.live.utcOffset, runner };

const worker = new Worker<PlanJobData>(
  PLAN_QUEUE,
  (job) => executePlan(deps, job.data.planId, (change) => events.publish(planEventOf(change))),
  { connection: bullConnection(cluster.redisUrl), prefix: `${cluster.prefix}:bull`, concurrency: 1 },
);
worker.on('error', (err) => log('plan worker: queue error', err));
await worker.waitUntilReady();
console.log(`plan worker ready (pid ${process.pid}, queue ${cluster.prefix}:${PLAN_QUEUE})`);

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
