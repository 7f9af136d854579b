import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanSummary } from '../contract';
import { zoneDailyDemandKg } from '../domain/demand';
import { startTestServer, type TestServer } from '../testing/test-server';

// The plan fills the gap (issue 17): over the real server and the seeded Liwan demo, a zone's demand in the
// plan is what household stock and the other channels leave short of its target cover, not a day's need.

let server: TestServer;
let coord = '';
const DATE = '2021-06-03';
const ZHONGNAN = 'liwan-zhongnan';

async function runPlan(): Promise<Plan> {
  const res = await server.call('POST', '/api/plans', { token: coord, body: { date: DATE, districtId: 'liwan', timeLimitS: 1 } });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  const id = (res.json.data as PlanSummary).id;
  for (const until = Date.now() + 90_000; Date.now() < until;) {
    const plan = (await server.call('GET', `/api/plans/${id}`, { token: coord })).json.data as Plan;
    if (plan.status !== 'queued' && plan.status !== 'running') return plan;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`plan ${id} did not finish`);
}

beforeAll(async () => {
  server = await startTestServer();
  coord = await server.login('coord', 'coord123');
}, 60_000);
afterAll(async () => server?.dispose());

describe('the vans fill the gap the other channels leave', () => {
  it('a sealed zone with no other channel asks for its gap; fed in full by a platform at its gate, it draws no van', async () => {
    for (const ch of await server.store.supplyChannels.list()) await server.store.supplyChannels.delete(ch.id);
    const zone = (await server.store.zones.list()).find((z) => z.id === ZHONGNAN)!;
    expect(zone.tier).toBe('sealed');
    const daily = zoneDailyDemandKg(zone, await server.store.commodities.list());

    const bare = await runPlan();
    expect(bare.status, bare.error ?? '').toBe('draft');
    const before = bare.result!.zones.find((z) => z.zoneId === ZHONGNAN)!;
    // Sealed since before the 3rd with no channel: the homes are out of vegetables, so the vans owe the day's
    // need plus the target (2 days, capped at the usual 1 day of vegetables at home): 2 × daily need.
    expect(before.demandKg.vegetables).toBeCloseTo(2 * daily.vegetables!, 0);
    expect(before.deliveredKg.vegetables ?? 0).toBeGreaterThan(0);

    const platform = await server.call('POST', '/api/supply-channels', { token: coord, body: {
      id: 'gap-gate', districtId: 'liwan', name: '测试平台', kind: 'platform', zoneIds: [ZHONGNAN],
      capacity: Object.fromEntries(Object.keys(daily).map((c) => [c, { kgPerDay: 1_000_000 }])),
      opensAt: '00:00', closesAt: '24:00', activeFrom: '2021-05-01',
    } });
    expect(platform.status, JSON.stringify(platform.json)).toBe(201);
    const fed = await runPlan();
    expect(fed.status, fed.error ?? '').toBe('draft');
    const after = fed.result!.zones.find((z) => z.zoneId === ZHONGNAN);
    // The platform brings the homes back to their usual stock every day: no gap, no van stop.
    for (const kg of Object.values(after?.demandKg ?? {})) expect(kg).toBeCloseTo(0, 6);
    const stops = fed.result!.routes.flatMap((r) => r.trips.flatMap((t) => t.stops)).filter((s) => s.zoneId === ZHONGNAN);
    expect(stops).toEqual([]);
    // The other sealed streets still get vans.
    expect(fed.result!.routes.length).toBeGreaterThan(0);
  }, 120_000);
});
