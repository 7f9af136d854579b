import { Worker } from 'node:worker_threads';
import type { PlanResult } from '../contract';
import type { PlanRunner } from '../services/plans/plan-queue';
import type { PlanJobMessage, PlanWorkerReply } from './thread-entry';

export type { PlanRunner };

export interface ThreadRunnerOptions {
  /** A job that overruns its time limit by this much is stopped and the worker restarted. */
  graceMs?: number;
}

const ENTRY = new URL('./thread-entry.ts', import.meta.url);
const BOOT = new URL('./thread-boot.mjs', import.meta.url);

/**
 * A worker thread started on the first plan and kept for the next (loading the planner costs
 * seconds under tsx). A TypeScript entry is loaded through thread-boot.mjs; compiled
 * JavaScript would be started directly.
 */
export function createThreadRunner(options: ThreadRunnerOptions = {}): PlanRunner {
  const graceMs = options.graceMs ?? 120_000;
  let worker: Worker | null = null;
  let nextJob = 1;
  // Set by close(): a plan whose input was still being read when the server began to shut down must not
  // start a fresh worker afterwards and hold the shutdown for its whole time limit.
  let closed = false;
  let current: { jobId: number; resolve: (r: PlanResult) => void; reject: (e: Error) => void; onProgress: (f: number) => void } | null = null;

  function fail(err: Error) {
    const job = current;
    current = null;
    job?.reject(err);
  }

  function start(): Worker {
    const w = ENTRY.pathname.endsWith('.ts')
      ? new Worker(BOOT, { workerData: { entry: ENTRY.href } })
      : new Worker(ENTRY);
    w.unref();
    w.on('message', (m: PlanWorkerReply) => {
      if (!current || m.jobId !== current.jobId) return;
      if (m.type === 'progress') current.onProgress(m.progress);
      else if (m.type === 'done') {
        const job = current;
        current = null;
        job.resolve(m.result);
      } else fail(new Error(m.message));
    });
    w.on('error', (err) => {
      if (worker === w) worker = null;
      fail(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      fail(new Error(`the planner's worker thread stopped (exit code ${code})`));
    });
    return w;
  }

  return {
    run(input, planOptions, timeLimitS, onProgress) {
      if (closed) return Promise.reject(new Error('the server is shutting down'));
      if (current) return Promise.reject(new Error('the runner is busy: run one plan at a time'));
      worker ??= start();
      const w = worker;
      const jobId = nextJob++;
      return new Promise<PlanResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          fail(new Error(`the plan ran ${timeLimitS} s + ${graceMs / 1000} s over its time limit and was stopped`));
          void w.terminate();
        }, timeLimitS * 1000 + graceMs);
        timer.unref();
        const settle = <T>(fn: (v: T) => void) => (v: T) => { clearTimeout(timer); fn(v); };
        current = { jobId, resolve: settle(resolve), reject: settle(reject), onProgress };
        const message: PlanJobMessage = { type: 'plan', jobId, input, options: planOptions, timeLimitS };
        w.postMessage(message);
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      if (w) await w.terminate();
      fail(new Error('the server is shutting down'));
    },
  };
}
