import type { E2E } from '../web/e2e/harness';

/** The screenshot scripts' (tour, walk) published plan for Liwan on the demo day, made and published through the API. */
export async function publishDemoPlan(e2e: E2E): Promise<void> {
  const token = await e2e.apiToken('coordinator');
  const post = (path: string, body?: unknown) => fetch(`${e2e.url}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  }).then((r) => r.json() as Promise<{ ok: boolean; data: { id: string } }>);
  const plan = await post('/api/plans', { date: '2021-06-03', districtId: 'liwan', timeLimitS: 1, seed: 1 });
  if (!plan.ok) throw new Error(`plan: ${JSON.stringify(plan)}`);
  await e2e.server.services.plans.idle();
  const published = await post(`/api/plans/${plan.data.id}/publish`);
  if (!published.ok) throw new Error(`publish: ${JSON.stringify(published)}`);
}
