import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../contract';
import { createAlertService } from '../services/alerts/alert-service';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';
import { testLogger } from '../testing/test-log';

// Alerts over the real server: a burst of requests raises a spike alert (once), officials see and
// handle their district's alerts only, acknowledging stops the level and closing needs a note.

let server: TestServer;
let coord: string;
let official: string;
let liwanZone: string;
let fsZone: string;
let seq = 0;

async function burst(zoneId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await server.services.requests.file(zoneId, { category: 'food_shortage', building: '1栋', contact: '139', text: `没有菜 ${++seq}` }, `d${seq}`);
  }
  await server.services.alerts.idle();
}

beforeAll(async () => {
  server = await startTestServer();
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
  const zones = (await server.call('GET', '/api/zones', { token: coord })).json.data as { id: string; districtId: string }[];
  liwanZone = zones.find((z) => z.districtId === 'liwan')!.id;
  fsZone = zones.find((z) => z.districtId !== 'liwan')!.id;
}, 60_000);
afterAll(async () => server?.dispose());

describe('alerts', () => {
  it('a burst of requests raises one spike alert, told to listeners; evaluating again raises no twin', async () => {
    const told: Array<[string, string]> = [];
    const stop = server.services.alerts.onAlert((a, change) => told.push([a.zoneId, change]));
    await burst(liwanZone, 4);
    expect(await server.services.alerts.evaluateAlerts()).toEqual([]);
    await burst(liwanZone, 2);
    expect(told).toEqual([[liwanZone, 'raised']]);
    expect(await server.services.alerts.evaluateAlerts()).toEqual([]);
    stop();
    const list = (await server.call('GET', '/api/alerts?state=open', { token: official })).json.data as Alert[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ zoneId: liwanZone, rule: 'request_spike', level: 'yellow', state: 'open', ownerId: null });
    expect(list[0]!.reasonZh).toMatch(/5条诉求/);
  });

  it('officials see and handle only their district', async () => {
    await burst(fsZone, 6);
    const fsAlert = ((await server.call('GET', '/api/alerts?state=open', { token: coord })).json.data as Alert[]).find((a) => a.zoneId === fsZone)!;
    expect(fsAlert).toBeDefined();
    const mine = (await server.call('GET', '/api/alerts', { token: official })).json.data as Alert[];
    expect(mine.every((a) => a.districtId === 'liwan')).toBe(true);
    expect((await server.call('GET', `/api/alerts?districtId=${fsAlert.districtId}`, { token: official })).status).toBe(403);
    const before = await snapshot(server);
    expect((await server.call('POST', `/api/alerts/${fsAlert.id}/ack`, { token: official })).status).toBe(404);
    expect(await snapshot(server)).toBe(before);
  });

  it('ack takes ownership; close needs a note; both audited', async () => {
    const [alert] = (await server.call('GET', `/api/alerts?zoneId=${liwanZone}`, { token: official })).json.data as Alert[];
    const me = (await server.call('GET', '/api/me', { token: official })).json.data;
    const acked = await server.call('POST', `/api/alerts/${alert!.id}/ack`, { token: official });
    expect(acked.json.data).toMatchObject({ state: 'acknowledged', ownerId: me.id });
    expect((await server.call('POST', `/api/alerts/${alert!.id}/ack`, { token: official })).status).toBe(409);

    const before = await snapshot(server);
    for (const body of [{}, { note: '   ' }]) {
      const res = await server.call('POST', `/api/alerts/${alert!.id}/close`, { token: official, body });
      expect(res.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.note' });
    }
    expect(await snapshot(server)).toBe(before);
    const closed = await server.call('POST', `/api/alerts/${alert!.id}/close`, { token: official, body: { note: '已补送蔬菜，居民确认' } });
    expect(closed.json.data).toMatchObject({ state: 'closed', closeNote: '已补送蔬菜，居民确认', closedBy: me.id });
    const audit = (await server.store.audit.list({ entity: 'alert', entityId: alert!.id })).map((e) => e.action).reverse();
    expect(audit).toEqual(['alert.raise', 'alert.ack', 'alert.close']);
    // Closed within the spike window: the same signal is not raised again at once.
    expect(await server.services.alerts.evaluateAlerts()).toEqual([]);
  });

  it('escalates with age while unacknowledged, frozen once acknowledged', async () => {
    const [open] = (await server.call('GET', `/api/alerts?zoneId=${fsZone}`, { token: coord })).json.data as Alert[];
    expect(open!.level).toBe('yellow');
    const threeHours = new Date(Date.now() + 3 * 3600_000);
    // The same store read three hours later (the level is computed at read time).
    const clock = createAlertService({ store: server.store, now: () => threeHours, log: testLogger(), utcOffset: '+08:00' });
    const coordUser = (await server.call('GET', '/api/me', { token: coord })).json.data;
    expect((await clock.list(coordUser, { zoneId: fsZone }))[0]!.level).toBe('red');
    expect((await clock.list(coordUser, { zoneId: liwanZone }))[0]!.level).toBe('yellow');
  });
});

describe('evaluation triggers', () => {
  it('a burst of triggers joins one waiting evaluation', async () => {
    const runs = [server.services.alerts.evaluateSoon(), server.services.alerts.evaluateSoon(), server.services.alerts.evaluateSoon()];
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
    await Promise.all(runs);
  });
});
