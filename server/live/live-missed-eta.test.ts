import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertChangedEvent } from '../contract';
import { loadConfig } from '../config';
import { instantOf } from '../domain/local-time';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, until, type LiveClient } from '../testing/live-kit';

// missed_eta over the real server with a clock the test moves: a stop of the published plan still
// pending MISSED_ETA_S (30 min by default) after its planned arrival raises one alert, pushed to the
// district room at once; stops the driver reached, delivered or failed raise none, nor do stops of a
// superseded plan. The alert climbs yellow → orange → red unacknowledged and closes only with a note.

const DATE = '2021-06-05';
const VAN = 'lw-van-03';
const OTHER_VAN = 'lw-van-04';
const MIN = 60_000;
const planned = (arrivalS: number) => instantOf(DATE, arrivalS, '+08:00');
// routeThrough plans stop i at 08:00 + 10 min × i (local).
const stopAt = (i: number) => planned(8 * 3600 + i * 600);

let clock = stopAt(0) - 60 * MIN;
let server: TestServer;
let official: string;
let driver: LiveClient;
let zones: string[] = [];
let planId = '';
const heard: AlertChangedEvent[] = [];
const open: LiveClient[] = [];

const missed = async (at: number) => {
  clock = at;
  return (await server.services.alerts.evaluateAlerts()).filter((a) => a.rule === 'missed_eta');
};
const listed = async (query = '?rule=missed_eta') => (await server.call('GET', `/api/alerts${query}`, { token: official })).json.data as Alert[];

beforeAll(async () => {
  const config = loadConfig({});
  server = await startTestServer(undefined, { ops: { ...config.ops, alerts: { ...config.ops.alerts, intervalMs: 0 } } }, { now: () => new Date(clock) });
  zones = (await server.store.zones.list()).filter((z) => z.districtId === 'liwan').map((z) => z.id);
  official = await server.login('liwan', 'liwan123');
  const watcher = await connectLive(server.url, official);
  open.push(watcher);
  watcher.on('alert:changed', (e) => heard.push(e));
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
  open.push(driver);
  planId = await publishRoutes(server, [await routeThrough(server, VAN, zones.slice(0, 4))], { date: DATE, districtId: 'liwan' });
}, 60_000);

afterAll(async () => {
  for (const s of open) s.close();
  await server?.dispose();
});

describe('missed_eta', () => {
  it('fires for a pending stop at the threshold past its planned arrival, not a second before; reached, delivered and failed stops never', async () => {
    const ref = { vehicleId: VAN, planId, tripIndex: 0 };
    clock = stopAt(0) + 5 * MIN;
    expect((await call(driver, 'stop:deliver', {
      ...ref, key: key(), stopIndex: 0, at: new Date(clock).toISOString(), quantitiesKg: { vegetables: 10 }, handoffMode: 'compound_gate',
    })).ok).toBe(true);
    clock = stopAt(2) + 2 * MIN;
    expect((await call(driver, 'stop:arrive', { ...ref, key: key(), stopIndex: 2, at: new Date(clock).toISOString() })).ok).toBe(true);
    clock = stopAt(3) - 20 * MIN;
    expect((await call(driver, 'stop:fail', {
      ...ref, key: key(), stopIndex: 3, at: new Date(clock).toISOString(), reason: 'nobody_at_handoff', text: '门岗无人',
    })).ok).toBe(true);

    // Stop 1 (08:10) is the only one still pending.
    expect(await missed(stopAt(1) + 30 * MIN - 1000)).toEqual([]);
    const raised = await missed(stopAt(1) + 30 * MIN);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ rule: 'missed_eta', zoneId: zones[1], districtId: 'liwan', state: 'open', level: 'yellow' });
    const zoneName = (await server.store.zones.get(zones[1]!))!.name;
    const vanName = (await server.store.vehicles.get(VAN))!.name;
    expect(raised[0]!.reasonZh).toBe(`${zoneName}：配送车${vanName}已超过计划到达时间30分钟，仍未到达`);
    expect(raised[0]!.reasonEn).toContain('30 min past its planned arrival');
    await until(() => heard.some((e) => e.alert.rule === 'missed_eta'), 3000, 'the missed_eta push');
    expect(heard.filter((e) => e.alert.rule === 'missed_eta')).toMatchObject([{ change: 'raised', room: 'district:liwan', alert: { id: raised[0]!.id } }]);

    // Hours later: still one alert for stop 1, none for the stops reached, delivered or failed.
    expect(await missed(stopAt(3) + 3 * 3600_000)).toEqual([]);
    expect((await listed()).map((a) => a.id)).toEqual([raised[0]!.id]);
  });

  it('climbs yellow → orange → red while unacknowledged, and closes only with a note', async () => {
    const [alert] = await listed();
    const raisedAt = Date.parse(alert!.raisedAt);
    clock = raisedAt + 30 * MIN - 1000;
    expect((await listed())[0]!.level).toBe('yellow');
    clock = raisedAt + 30 * MIN;
    expect((await listed())[0]!.level).toBe('orange');
    clock = raisedAt + 2 * 3600_000;
    expect((await listed())[0]!.level).toBe('red');

    const before = await snapshot(server);
    for (const body of [{}, { note: '  ' }]) {
      const res = await server.call('POST', `/api/alerts/${alert!.id}/close`, { token: official, body });
      expect(res.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.note' });
    }
    expect(await snapshot(server)).toBe(before);
    const closed = await server.call('POST', `/api/alerts/${alert!.id}/close`, { token: official, body: { note: '司机堵车，已电话告知楼长' } });
    expect(closed.json.data).toMatchObject({ state: 'closed', closeNote: '司机堵车，已电话告知楼长', closedBy: 'u-liwan' });
    // The same late stop is not raised again once closed.
    expect(await missed(clock + 60 * MIN)).toEqual([]);
  });

  it('a superseded plan\'s pending stops raise nothing; the plan replacing it is watched instead', async () => {
    await server.store.plans.update(planId, { status: 'superseded' });
    const next = await publishRoutes(server, [await routeThrough(server, OTHER_VAN, [zones[5]!])], { date: DATE, districtId: 'liwan' });
    const raised = await missed(stopAt(0) + 4 * 3600_000);
    expect(raised.map((a) => a.zoneId)).toEqual([zones[5]]);
    const keys = (await server.store.alerts.list({ rule: 'missed_eta' })).map((a) => a.key).sort();
    expect(keys).toEqual([`missed_eta:${next}:${OTHER_VAN}:0/0`, `missed_eta:${planId}:${VAN}:0/1`].sort());
  });
});
