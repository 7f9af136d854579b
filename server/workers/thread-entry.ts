import { parentPort } from 'node:worker_threads';
import type { PlanResult } from '../contract';
import type { PlanInput } from '../planner/plan-input';
import { plan } from '../planner/plan/plan';

// Worker-thread entry: runs the pure planner off the main thread so the API stays responsive.
// Started by thread-runner.ts; one job at a time, the clock and the deadline are the worker's own.

import type { PlanOptionsData } from '../services/plans/plan-queue';

export type { PlanOptionsData };

export interface PlanJobMessage {
  type: 'plan';
  jobId: number;
  input: PlanInput;
  options: Partial<PlanOptionsData>;
  /** Routing search budget, from when the worker starts the job. */
  timeLimitS: number;
}

export type PlanWorkerReply =
  | { type: 'progress'; jobId: number; progress: number }
  | { type: 'done'; jobId: number; result: PlanResult }
  | { type: 'error'; jobId: number; message: string };

const port = parentPort;
if (!port) throw new Error('thread-entry.ts must run in a worker thread');

port.on('message', (job: PlanJobMessage) => {
  const reply = (m: PlanWorkerReply) => port.postMessage(m);
  try {
    const now = () => performance.now();
    const result = plan(job.input, {
      ...job.options,
      now,
      deadlineMs: now() + job.timeLimitS * 1000,
      onProgress: (progress) => reply({ type: 'progress', jobId: job.jobId, progress }),
    });
    reply({ type: 'done', jobId: job.jobId, result });
  } catch (err) {
    reply({ type: 'error', jobId: job.jobId, message: err instanceof Error ? err.message : String(err) });
  }
});
