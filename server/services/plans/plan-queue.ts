// Where queued plans go: the server's own queue (embedded: one plan at a time in its worker thread)
// or a shared job queue that planner worker processes take from (cluster, server/cluster/). Where a plan
// runs (server/workers/: a worker thread) is injected as a PlanRunner by the composition root.
import type { PlanResult } from '../../contract';
import type { PlanInput, PlanOptions } from '../../planner/plan-input';

/** The planner's options that cross to a worker (no functions: the clock and progress are the worker's). */
export type PlanOptionsData = Omit<PlanOptions, 'now' | 'onProgress' | 'deadlineMs'>;

/** Runs one plan at a time off the main thread (server/workers/thread-runner.ts). */
export interface PlanRunner {
  run(input: PlanInput, options: Partial<PlanOptionsData>, timeLimitS: number, onProgress: (fraction: number) => void): Promise<PlanResult>;
  /** Stops the worker; a plan in flight fails. */
  close(): Promise<void>;
}

export interface PlanQueue {
  /**
   * Whether it can run one plan as district parts side by side (a cluster's workers). The plan
   * service decides whether and how a plan is split (districtParts); the queue only carries it out.
   */
  readonly runsParts: boolean;
  /**
   * Hands a plan, already stored as queued, to whoever runs plans: whole (`parts` null) or as one
   * part per district named, merged once all are done (only a queue that runsParts is given parts).
   */
  enqueue(planId: string, parts: readonly string[] | null): Promise<void>;
  /** Whether the plan waits in this process's own queue (a restart check must leave it alone). */
  holds(planId: string): boolean;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /** Stops taking plans; answers the plans that will now never run here. */
  close(): Promise<string[]>;
}

/** One plan at a time, in this process, in the order queued. */
export function createLocalPlanQueue(execute: (planId: string) => Promise<void>, stopRunner: () => Promise<void>): PlanQueue {
  const waiting: string[] = [];
  let running: Promise<void> | null = null;
  let closed = false;
  const idleWaiters: (() => void)[] = [];

  function pump(): void {
    if (running || closed) return;
    const id = waiting.shift();
    if (!id) {
      for (const done of idleWaiters.splice(0)) done();
      return;
    }
    running = execute(id).finally(() => {
      running = null;
      pump();
    });
  }

  return {
    // One process: a city is planned in one piece (vans may serve several districts).
    runsParts: false,
    async enqueue(planId, parts) {
      if (parts) throw new Error(`plan "${planId}": this queue runs plans whole, not in parts`);
      waiting.push(planId);
      pump();
    },
    holds: (planId) => waiting.includes(planId),
    idle() {
      if (!running && waiting.length === 0) return Promise.resolve();
      return new Promise((done) => idleWaiters.push(done));
    },
    async close() {
      closed = true;
      const dropped = waiting.splice(0);
      await stopRunner();
      await running;
      for (const done of idleWaiters.splice(0)) done();
      return dropped;
    },
  };
}
