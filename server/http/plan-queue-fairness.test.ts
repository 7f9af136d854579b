import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';

// One caller cannot fill the plan queue (issue 15, low): at most PLAN_QUEUE_PER_USER (default 3) of
// a caller's plans are queued or running at once; past that, 429 with a message, and nothing stored.

let server: TestServer;
let coord = '';
let official = '';

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  [coord, official] = await Promise.all([server.login('coord', 'coord123'), server.login('liwan', 'liwan123')]);
}, 120_000);

afterAll(async () => server?.dispose());

// A long search holds the one worker thread, so every plan posted after it is still queued when the
// next request comes (no timing involved); dispose() stops the search.
const long = { date: '2021-06-03', districtId: 'liwan', timeLimitS: 300 };

it('an official queues 3 plans, the 4th is refused with 429; another caller still queues', async () => {
  expect((await server.call('POST', '/api/plans', { token: coord, body: long })).status).toBe(202);
  for (let i = 0; i < 3; i++) {
    const res = await server.call('POST', '/api/plans', { token: official, body: { ...long, seed: i + 1 } });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
  }
  const before = (await server.store.plans.list()).length;
  const fourth = await server.call('POST', '/api/plans', { token: official, body: { ...long, seed: 4 } });
  expect(fourth.status).toBe(429);
  expect(fourth.json).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  expect(fourth.json.error.message).toMatch(/3/);
  expect((await server.store.plans.list()).length).toBe(before);

  const other = await server.call('POST', '/api/plans', { token: coord, body: { ...long, seed: 5 } });
  expect(other.status, JSON.stringify(other.json)).toBe(202);
}, 120_000);
