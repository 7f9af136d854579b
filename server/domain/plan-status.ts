import type { PlanStatus } from '../contract';

// A plan's life: the only moves its status may make. Every status write goes through the plan
// lifecycle (server/services/plans/plan-lifecycle.ts), which asks this table first; a move it does not
// list is refused there, so a slow worker cannot turn a published plan back into a draft, nor a
// shut-down server's late write revive a failed one.

export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  // failed: the server stopped (restart, shutdown) before the plan ran.
  queued: ['running', 'failed'],
  // A worker that died mid-run leaves it running: the next worker starts it again (running → running).
  running: ['running', 'draft', 'failed'],
  draft: ['published'],
  // A newer plan of the same scope was published.
  published: ['superseded'],
  superseded: [],
  failed: [],
};

/** Whether a plan may move from one status to the other. */
export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return PLAN_TRANSITIONS[from].includes(to);
}

/** No move leads out of these. */
export function isFinal(status: PlanStatus): boolean {
  return PLAN_TRANSITIONS[status].length === 0;
}

/** Still to finish: what a caller's share of the plan queue counts. */
export const UNFINISHED_STATUSES: readonly PlanStatus[] = ['queued', 'running'];
