import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertChangedEvent, Plan, VehicleRoute } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, key, until, type LiveClient } from '../testing/live-kit';

// A scripted day on the Liwan demo, end to end over real HTTP and sockets with the demo logins:
// the coordinator plans and publishes, driver1 delivers one stop and fails the next, residents of
// one zone file requests from the public page, and the district official sees the alerts this
// raises (listed and pushed), acknowledges them and closes them with a note.

let server: TestServer;
const DATE = '2021-06-03';
const open: LiveClient[] = [];
const pushed: AlertChangedEvent[] = [];
let coord = '';
let official = '';
let route: VehicleRoute;
let driver: LiveClient;

beforeAll(async () => {
  server = await startTestServer();
  [coord, official] = await Promise.all([server.login('coord', 'coord123'), server.login('liwan', 'liwan123')]);
  const watcher = await connectLive(server.url, official);
  open.push(watcher);
  watcher.on('alert:changed', (e) => pushed.push(e));
}, 60_000);

afterAll(async () => {
  for (const s of open) s.close();
  await server?.dispose();
});

/** The route's stops in driving order, each with where it sits in the route. */
const stopsOf = (r: VehicleRoute) => r.trips.flatMap((t, tripIndex) => t.stops.map((s, stopIndex) => ({ ...s, tripIndex, stopIndex, depotId: t.depotId })));

const alertsOf = async (token: string, query = ''): Promise<Alert[]> => (await server.call('GET', `/api/alerts${query}`, { token })).json.data;

describe('a day in Liwan', () => {
  it('the coordinator plans and publishes; driver1 sees the route of van lw-van-01', async () => {
    const run = await server.call('POST', '/api/plans', { token: coord, body: { date: DATE, districtId: 'liwan', timeLimitS: 1 } });
    expect(run.status).toBe(202);
    let plan: Plan;
    for (const start = Date.now(); ; await new Promise((r) => setTimeout(r, 100))) {
      plan = (await server.call('GET', `/api/plans/${run.json.data.id}`, { token: coord })).json.data;
      if (plan.status !== 'queued' && plan.status !== 'running') break;
      if (Date.now() - start > 90_000) throw new Error('plan did not finish');
    }
    expect(plan.status).toBe('draft');
    expect((await server.call('POST', `/api/plans/${plan.id}/publish`, { token: coord })).status).toBe(200);
    const token = await server.login('driver1', 'driver123');
    const res = await server.call('GET', `/api/vehicles/lw-van-01/route?date=${DATE}`, { token });
    expect(res.status).toBe(200);
    route = res.json.data;
    expect(stopsOf(route).length).toBeGreaterThanOrEqual(2);
    driver = await connectLive(server.url, token);
    open.push(driver);
  }, 120_000);

  it('driver1 delivers the first stop (the depot stock drops by it) and fails the second: a failed_handoff alert is pushed to the official', async () => {
    const [first, second] = stopsOf(route) as [ReturnType<typeof stopsOf>[0], ReturnType<typeof stopsOf>[0]];
    const depotBefore = (await server.store.depots.get(first.depotId))!.stockKg;
    const ref = { vehicleId: 'lw-van-01', planId: route.planId };
    const delivered = await call(driver, 'stop:deliver', {
      ...ref, key: key(), tripIndex: first.tripIndex, stopIndex: first.stopIndex, at: new Date().toISOString(),
      quantitiesKg: first.quantitiesKg, handoffMode: 'compound_gate',
    });
    expect(delivered.ok).toBe(true);
    const depotAfter = (await server.store.depots.get(first.depotId))!.stockKg;
    for (const [c, kg] of Object.entries(first.quantitiesKg)) {
      if (kg > 0) expect(depotAfter[c]).toBeCloseTo(Math.max(0, (depotBefore[c] ?? 0) - kg), 6);
    }
    const failed = await call(driver, 'stop:fail', {
      ...ref, key: key(), tripIndex: second.tripIndex, stopIndex: second.stopIndex, at: new Date().toISOString(), reason: 'access_blocked', text: '路口封闭，车辆无法进入',
    });
    expect(failed.ok).toBe(true);
    await until(() => pushed.some((e) => e.alert.rule === 'failed_handoff'), 3000, 'the failed_handoff push');
    expect(pushed.find((e) => e.alert.rule === 'failed_handoff')!.alert).toMatchObject({ zoneId: second.zoneId, districtId: 'liwan', state: 'open' });
  });

  it('residents of one zone file requests from the public page: a spike and a complaint about eggs are raised, listed and pushed alike', async () => {
    const zoneId = stopsOf(route)[0]!.zoneId;
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${server.url}/api/public/zones/${zoneId}/requests`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-device-id': `phone-${i}` },
        body: JSON.stringify({ category: 'food_shortage', commodityId: 'eggs', building: `${i + 1}栋`, contact: `1380000000${i}`, text: `家里没有鸡蛋了，第${i + 1}户` }),
      });
      expect(res.status).toBe(201);
    }
    await until(() => ['request_spike', 'commodity_complaints'].every((r) => pushed.some((e) => e.alert.rule === r)), 5000, 'request alerts');
    const listed = await alertsOf(official, '?state=open');
    // The published plan's own shortfalls (low_cover, the demo's supply is short) may be listed too.
    expect(listed.every((a) => ['commodity_complaints', 'failed_handoff', 'request_spike', 'low_cover'].includes(a.rule))).toBe(true);
    expect(listed.filter((a) => a.rule !== 'low_cover')).toHaveLength(3);
    expect(listed.every((a) => a.districtId === 'liwan')).toBe(true);
    // What was pushed is what the list shows.
    expect(new Set(pushed.filter((e) => e.change === 'raised').map((e) => e.alert.id))).toEqual(new Set(listed.map((a) => a.id)));
    // Another district's official sees none of it.
    expect(await alertsOf(await server.login('foshan', 'foshan123'))).toEqual([]);
  });

  it('the official acknowledges each alert and closes it with a note; closing without a note is refused and changes nothing', async () => {
    const listed = await alertsOf(official, '?state=open');
    for (const a of listed) {
      const ack = await server.call('POST', `/api/alerts/${a.id}/ack`, { token: official });
      expect(ack.json.data).toMatchObject({ state: 'acknowledged', ownerId: 'u-liwan' });
      const bare = await server.call('POST', `/api/alerts/${a.id}/close`, { token: official, body: { note: '  ' } });
      expect(bare.status).toBe(400);
      expect(bare.json.error.message).toContain('note');
      expect((await alertsOf(official, '?state=acknowledged')).map((x) => x.id)).toContain(a.id);
      const closed = await server.call('POST', `/api/alerts/${a.id}/close`, { token: official, body: { note: '已联系街道，补送鸡蛋并改道' } });
      expect(closed.json.data).toMatchObject({ state: 'closed', closedBy: 'u-liwan', closeNote: '已联系街道，补送鸡蛋并改道' });
    }
    expect(await alertsOf(official, '?state=open')).toEqual([]);
    expect((await alertsOf(official, '?state=closed')).map((a) => a.id).sort()).toEqual(listed.map((a) => a.id).sort());
    await until(() => pushed.filter((e) => e.change === 'closed').length === listed.length, 3000, 'close pushes');
    expect(pushed.filter((e) => e.change === 'acknowledged')).toHaveLength(listed.length);
  });
});
