// Where queued plans go: the server's own queue (embedded: one plan at a time in its worker thread)
// or a shared job queue that planner worker processes take from (cluster, server/cluster/).

export interface PlanQueue {
  /** Hands a plan, already stored as queued, to whoever runs plans. */
  enqueue(planId: string): Promise<void>;
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
    async enqueue(planId) {
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
