import { FlowProducer, Queue } from 'bullmq';
import type { PlanResult } from '../contract';
import type { PlanQueue } from '../services/plans/plan-queue';
import { bullConnection, type ClusterConfig } from './redis-connection';

// Plans as BullMQ jobs that planner worker processes take (server/workers/plan-worker-main.ts), so a
// slow plan occupies a worker, never an API server. A plan the plan service splits (a city-wide one)
// is one job per district part plus a merge job that runs once every part is done; any other plan is one job.

export const PLAN_QUEUE = 'plans';

export type PlanJobData =
  | { kind: 'plan'; planId: string }
  | { kind: 'part'; planId: string; districtId: string; parts: number }
  | { kind: 'merge'; planId: string };

/** What a part job returns to its merge job. */
export interface PartOutcome { districtId: string; result: PlanResult }

const KEEP = { removeOnComplete: 1000, removeOnFail: 1000 };

export function createBullPlanQueue(cluster: ClusterConfig): PlanQueue {
  const connection = bullConnection(cluster.redisUrl);
  const prefix = `${cluster.prefix}:bull`;
  const queue = new Queue<PlanJobData>(PLAN_QUEUE, { connection, prefix });
  const flows = new FlowProducer({ connection, prefix });
  return {
    runsParts: true,
    async enqueue(planId, parts) {
      // The plan id names the job: queueing the same plan twice is one job. A worker that dies
      // mid-plan leaves a stalled job that another worker takes up again.
      if (!parts) {
        await queue.add('plan', { kind: 'plan', planId }, { jobId: planId, ...KEEP });
        return;
      }
      await flows.add({
        name: 'merge', queueName: PLAN_QUEUE, data: { kind: 'merge', planId }, opts: { jobId: planId, ...KEEP },
        children: parts.map((districtId) => ({
          name: 'part', queueName: PLAN_QUEUE, data: { kind: 'part' as const, planId, districtId, parts: parts.length },
          opts: { jobId: `${planId}.${districtId}`, failParentOnFailure: true, ...KEEP },
        })),
      });
    },
    // Jobs live in Redis, not in this process.
    holds: () => false,
    async idle() {
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children');
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      // Queued plans stay queued: the workers run them whether or not this server lives.
      await flows.close();
      await queue.close();
      return [];
    },
  };
}
