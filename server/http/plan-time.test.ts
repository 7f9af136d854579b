import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Depot, Plan, PlanSummary } from '../contract';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Time in plans made through the API: depot hours edited with PUT /api/depots/:id bound loading,
// and a replan's situation.nowS keeps every new stop after now.

let server: TestServer;
let coord = '';
const LIWAN_DATE = '2021-06-03';
const H = 3600;

async function runPlan(body: Record<string, unknown>): Promise<Plan> {
  const res = await server.call('POST', '/api/plans', { token: coord, body });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  const id = (res.json.data as PlanSummary).id;
  for (const until = Date.now() + 90_000; ;) {
    const plan = (await server.call('GET', `/api/plans/${id}`, { token: coord })).json.data as Plan;
    if (plan.status !== 'queued' && plan.status !== 'running') return plan;
    if (Date.now() > until) throw new Error(`plan ${id} still ${plan.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  coord = await server.login('coord', 'coord123');
}, 120_000);
afterAll(async () => server?.dispose());

describe('plans: depot hours and now', () => {
  let base: Plan;
  it('depot hours set with PUT /api/depots/:id bound every trip loaded there', async () => {
    const depots = (await server.call('GET', '/api/depots', { token: coord })).json.data as Depot[];
    for (const d of depots) {
      const { id, districtId, name, nameEn, location, stockKg } = d;
      const put = await server.call('PUT', `/api/depots/${id}`, { token: coord, body: { districtId, name, nameEn, location, stockKg, opensAt: '09:00', closesAt: '11:00' } });
      expect(put.status, JSON.stringify(put.json)).toBe(200);
    }
    base = await runPlan({ date: LIWAN_DATE, districtId: 'liwan', timeLimitS: 1 });
    expect(base.status, base.error ?? '').toBe('draft');
    const trips = base.result!.routes.flatMap((r) => r.trips);
    expect(trips.length).toBeGreaterThan(0);
    for (const t of trips) {
      expect(t.departS).toBeGreaterThanOrEqual(9 * H);
      expect(t.departS).toBeLessThanOrEqual(11 * H);
    }
  });

  it('a replan with situation.nowS schedules no new stop before now', async () => {
    const nowS = 10 * H;
    const replan = await runPlan({ date: LIWAN_DATE, districtId: 'liwan', timeLimitS: 1, basePlanId: base.id, situation: { nowS } });
    expect(replan.status, replan.error ?? '').toBe('draft');
    const newTrips = replan.result!.routes.flatMap((r) => r.trips.filter((t) => !t.kept && t.stops.every((s) => !s.done)));
    expect(newTrips.length).toBeGreaterThan(0);
    for (const t of newTrips) {
      expect(t.departS).toBeGreaterThanOrEqual(nowS);
      for (const s of t.stops) expect(s.arrivalS).toBeGreaterThanOrEqual(nowS);
    }
  });

  it('refuses a nowS outside the plan day, naming the field, and writes nothing', async () => {
    await server.services.plans.idle();
    const before = await snapshot(server);
    const res = await server.call('POST', '/api/plans', { token: coord, body: { date: LIWAN_DATE, basePlanId: base.id, situation: { nowS: -5 } } });
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe('body.situation.nowS');
    expect(await snapshot(server)).toEqual(before);
  });
});
