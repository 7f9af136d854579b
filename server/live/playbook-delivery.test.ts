import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReport, ZoneChecklist } from '../contract';
import { loadConfig } from '../config';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, type LiveClient } from '../testing/live-kit';
import { startTestServer, type TestServer } from '../testing/test-server';

// A delivery recorded by a driver over the real socket completes the playbook's "first delivery"
// step at the event's time, and counts in that day's report in tonnes.

const VAN = 'lw-van-02';
const clock = Date.parse('2021-06-03T00:00:00.000Z');
let server: TestServer;
let driver: LiveClient;
let coord: string;

beforeAll(async () => {
  const config = loadConfig({});
  // The delivery is stamped 01:30 against a clock held at 00:00: widen the bound on future stamps.
  server = await startTestServer(undefined, { ops: { ...config.ops, alerts: { ...config.ops.alerts, intervalMs: 0 } }, live: { ...config.live, maxFutureMs: 24 * 3600_000 } }, { now: () => new Date(clock) });
  coord = await server.login('coord', 'coord123');
  const polygon = { type: 'Polygon', coordinates: [[[113.241, 23.091], [113.243, 23.091], [113.243, 23.093], [113.241, 23.093], [113.241, 23.091]]] };
  const res = await server.call('POST', '/api/zones', { token: coord, body: { id: 'pbd-1', districtId: 'liwan', name: '交付测试小区', tier: 'sealed', population: 500, households: 200, polygon } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  await publishRoutes(server, [await routeThrough(server, VAN, ['pbd-1'], { vegetables: 1250, eggs: 40 })], { date: '2021-06-03', districtId: 'liwan' });
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
}, 60_000);

afterAll(async () => {
  driver?.close();
  await server?.dispose();
});

describe('playbook and report from live deliveries', () => {
  it('first delivery ticks its step at the event time and shows in the day report', async () => {
    const before = (await server.call('GET', '/api/zones/pbd-1/checklist', { token: coord })).json.data as ZoneChecklist;
    expect(before.steps.find((s) => s.id === 'first_delivery')!.doneAt).toBeNull();
    const planId = (await server.store.plans.list({ status: 'published', districtId: 'liwan' }))[0]!.id;
    const ack = await call(driver, 'stop:deliver', {
      key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex: 0, at: '2021-06-03T01:30:00Z',
      quantitiesKg: { vegetables: 1250, eggs: 40 }, handoffMode: 'door',
    });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    const after = (await server.call('GET', '/api/zones/pbd-1/checklist', { token: coord })).json.data as ZoneChecklist;
    expect(after.steps.find((s) => s.id === 'first_delivery')).toMatchObject({ doneAt: '2021-06-03T01:30:00.000Z', autoDone: true });
    const report = (await server.call('GET', '/api/reports/daily?date=2021-06-03&districtId=liwan', { token: coord })).json.data as DailyReport;
    expect(report.tonnesDelivered).toMatchObject({ vegetables: 1.25, eggs: 0.04 });
  });
});
