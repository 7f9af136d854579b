import type { PlanEvent } from '../contract';

/** Progress arrives on every step of the search (hundreds a second); clients need a few a second. */
export const PROGRESS_EVERY_MS = 200;

/** Whether a plan event should go out now: every status change does, progress at most every PROGRESS_EVERY_MS. */
export function createProgressThrottle(nowMs: () => number, everyMs = PROGRESS_EVERY_MS) {
  const last = new Map<string, { status: string; at: number }>();
  return {
    due(event: PlanEvent): boolean {
      const prev = last.get(event.planId);
      const t = nowMs();
      const done = event.status !== 'queued' && event.status !== 'running';
      if (done) { last.delete(event.planId); return true; }
      if (prev && prev.status === event.status && t - prev.at < everyMs) return false;
      last.set(event.planId, { status: event.status, at: t });
      return true;
    },
  };
}
