// The coordinator's plan calls for scripts: run a plan (or a replan), wait for the draft, publish it.
// Shared by `npm run simulate` and the replay; times each step on the wall clock.
import type { Plan, PlanRunInput, PlanSummary } from '../server/contract';
import { http } from './live-client';

export interface PublishedPlan {
  plan: Plan;
  /** Wall-clock ms from the POST to the draft, and from the POST to the publish reply. */
  runMs: number;
  totalMs: number;
  publishedAt: string;
}

export async function runAndPublish(base: string, token: string, input: PlanRunInput, pollMs = 200): Promise<PublishedPlan> {
  const t0 = performance.now();
  const run = await http<PlanSummary>(base, 'POST', '/api/plans', token, input);
  if (run.status >= 300) throw new Error(`plan run refused: ${run.error?.message}`);
  let plan: Plan;
  for (;;) {
    plan = (await http<Plan>(base, 'GET', `/api/plans/${run.data.id}`, token)).data;
    if (plan.status === 'failed') throw new Error(`plan failed: ${plan.error}`);
    if (plan.status === 'draft') break;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  const runMs = performance.now() - t0;
  const pub = await http<PlanSummary>(base, 'POST', `/api/plans/${run.data.id}/publish`, token);
  if (pub.status >= 300) throw new Error(`publish refused: ${pub.error?.message}`);
  return { plan: { ...plan, ...pub.data }, runMs, totalMs: performance.now() - t0, publishedAt: pub.data.publishedAt! };
}
