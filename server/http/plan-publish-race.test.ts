import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSummary } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';

// Publishes racing each other (issue 15 item 3), on the suite's engine (run it with --project sqlite
// and --project postgres): N drafts of one district published at once leave exactly one published;
// the others, made before it was published, are refused with 409 and stay drafts.

let server: TestServer;
let coord = '';
let official = '';
const N = 5;

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  [coord, official] = await Promise.all([server.login('coord', 'coord123'), server.login('liwan', 'liwan123')]);
}, 120_000);

afterAll(async () => server?.dispose());

/** N finished drafts of Liwan, one after another (a caller may have only a few plans in the queue). */
async function drafts(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await server.call('POST', '/api/plans', { token: coord, body: { date: '2021-06-03', districtId: 'liwan', timeLimitS: 0.1, seed: i + 1 } });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    await server.services.plans.idle();
    ids.push(res.json.data.id);
  }
  const plans = await Promise.all(ids.map((id) => server.store.plans.get(id)));
  expect(plans.map((p) => p?.status)).toEqual(ids.map(() => 'draft'));
  return ids;
}

/** Publishes them all at once (coordinator and official alternating); answers each reply in order. */
async function publishAll(ids: string[]) {
  return Promise.all(ids.map((id, i) => server.call('POST', `/api/plans/${id}/publish`, { token: i % 2 ? official : coord })));
}

async function publishedIn(districtId: string): Promise<PlanSummary[]> {
  return server.store.plans.list({ districtId, status: 'published' });
}

describe('concurrent publishes of one scope', () => {
  let winner = '';

  it(`${N} drafts published at once: one published (version 1), the others 409 and still drafts`, async () => {
    const ids = await drafts(N);
    const replies = await publishAll(ids);
    const ok = replies.filter((r) => r.status === 200);
    expect(replies.map((r) => r.status).sort(), JSON.stringify(replies.map((r) => r.json))).toEqual([200, ...Array(N - 1).fill(409)]);
    for (const r of replies.filter((x) => x.status === 409)) {
      expect(r.json).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(r.json.error.message).toMatch(/published/);
    }
    winner = ok[0]!.json.data.id;
    expect(ok[0]!.json.data).toMatchObject({ status: 'published', version: 1 });
    expect((await publishedIn('liwan')).map((p) => p.id)).toEqual([winner]);
    const losers = await Promise.all(ids.filter((id) => id !== winner).map((id) => server.store.plans.get(id)));
    expect(losers.map((p) => [p?.status, p?.version])).toEqual(losers.map(() => ['draft', null]));
  }, 120_000);

  it('a second round over a published plan: one more published (version 2), the first superseded', async () => {
    const ids = await drafts(N);
    const replies = await publishAll(ids);
    expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array(N - 1).fill(409)]);
    const ok = replies.find((r) => r.status === 200)!;
    expect(ok.json.data).toMatchObject({ status: 'published', version: 2 });
    expect((await publishedIn('liwan')).map((p) => p.id)).toEqual([ok.json.data.id]);
    expect((await server.store.plans.get(winner))?.status).toBe('superseded');
  }, 120_000);

  it('a draft made before the newest version was published is refused on its own too', async () => {
    const [fresh] = await drafts(1);
    const stale = (await server.store.plans.list({ districtId: 'liwan', status: 'draft' })).filter((p) => p.id !== fresh).at(-1)!;
    const res = await server.call('POST', `/api/plans/${stale.id}/publish`, { token: coord });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'CONFLICT' });
    expect(res.json.error.message).toMatch(/version 2/);
    const ok = await server.call('POST', `/api/plans/${fresh}/publish`, { token: coord });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.data).toMatchObject({ version: 3 });
  }, 120_000);
});
