import { Queue } from 'bullmq';
import type { PlanQueue } from '../services/plan-queue';
import { bullConnection, type ClusterConfig } from './redis-connection';

// Plans as BullMQ jobs: any planner worker process takes the next (server/workers/plan-worker-main.ts),
// so a slow plan occupies a worker, never an API server.

export const PLAN_QUEUE = 'plans';
export interface PlanJobData { planId: string }

export function createBullPlanQueue(cluster: ClusterConfig): PlanQueue {
  const queue = new Queue<PlanJobData>(PLAN_QUEUE, { connection: bullConnection(cluster.redisUrl), prefix: `${cluster.prefix}:bull` });
  return {
    async enqueue(planId) {
      // The plan id is the job id: queueing the same plan twice is one job. A worker that dies
      // mid-plan leaves a stalled job that another worker takes up again.
      await queue.add('plan', { planId }, { jobId: planId, removeOnComplete: 1000, removeOnFail: 1000 });
    },
    // Jobs live in Redis, not in this process.
    holds: () => false,
    async idle() {
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      // Queued plans stay queued: the workers run them whether or not this server lives.
      await queue.close();
      return [];
    },
  };
}
