import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverProjection } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, type LiveClient } from '../testing/live-kit';

// What GET /api/cover counts for the vans (issue 17, stop 21): what drivers recorded as handed off, plus what is
// still due on the stops of the plan in force; a failed stop brings nothing. The replay counts the same, so the
// gap the plan is given (van-gaps.ts) and the replay's accounting start from the same homes.

let server: TestServer;
let driver: LiveClient;
let planId = '';
const VAN = 'lw-van-02';
const DATE = '2021-06-03';
const [SHORT, FAILED, PENDING] = ['liwan-zhongnan', 'liwan-dongsha', 'liwan-hailong'];

beforeAll(async () => {
  server = await startTestServer();
  planId = await publishRoutes(server, [await routeThrough(server, VAN, [SHORT, FAILED, PENDING], { vegetables: 400 })], { date: DATE, districtId: 'liwan' });
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
}, 60_000);
afterAll(async () => {
  driver?.close();
  await server?.dispose();
});

const vanVegetables = async (): Promise<Record<string, number>> => {
  const res = await server.call('GET', `/api/cover?date=${DATE}&horizonDays=1&districtId=liwan`, { token: await server.login('coord', 'coord123') });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  const cover = res.json.data as CoverProjection;
  return Object.fromEntries(cover.zones.map((z) => [z.zoneId, z.commodities.vegetables!.suppliedKgByChannel.mobile_van?.[0] ?? 0]));
};

describe('GET /api/cover: the vans\' column', () => {
  it('counts the plan\'s goods until drivers record the stops, then what they handed off (a failed stop nothing)', async () => {
    expect(await vanVegetables()).toMatchObject({ [SHORT]: 400, [FAILED]: 400, [PENDING]: 400 });
    const at = `${DATE}T01:00:00Z`;
    const ref = (stopIndex: number) => ({ key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex, at });
    expect((await call(driver, 'stop:deliver', { ...ref(0), quantitiesKg: { vegetables: 250 }, handoffMode: 'compound_gate' })).ok).toBe(true);
    expect((await call(driver, 'stop:fail', { ...ref(1), reason: 'other', text: 'gate closed' })).ok).toBe(true);
    expect(await vanVegetables()).toMatchObject({ [SHORT]: 250, [FAILED]: 0, [PENDING]: 400 });
  }, 60_000);
});
