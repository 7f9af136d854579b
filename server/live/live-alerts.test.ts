import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertChangedEvent } from '../contract';
import { loadConfig } from '../config';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, until, type LiveClient } from '../testing/live-kit';

// Alerts fed by the live layer and pushed live: a failed handoff raises an alert for its zone at
// once, heard by that district's officials and the coordinators only; the timer's rules see zones
// left without delivery, counted from publication or the zone's last delivery.

let server: TestServer;
const VAN = 'lw-van-03';
const open: LiveClient[] = [];
const heard = new Map<string, AlertChangedEvent[]>();
let driver: LiveClient;
let zones: string[] = [];

async function watcher(name: string, token: string): Promise<LiveClient> {
  const socket = await connectLive(server.url, token);
  open.push(socket);
  heard.set(name, []);
  socket.on('alert:changed', (e) => heard.get(name)!.push(e));
  return socket;
}

beforeAll(async () => {
  // The no-delivery case stamps a delivery hours ahead of the real clock to play a day forward:
  // the server's bound on future stamps is widened for this file only.
  const config = loadConfig({});
  server = await startTestServer(undefined, { live: { ...config.live, maxFutureMs: 24 * 3600_000 } });
  // Vans are the only supply here (no household stock, no other channel), so a zone's van demand is its
  // full need, as this test's arithmetic assumes (the plan now fills only the gap the other channels leave).
  for (const c of await server.store.supplyChannels.list()) await server.store.supplyChannels.delete(c.id);
  await server.store.householdStock.set(Object.fromEntries((await server.store.commodities.list()).map((c) => [c.id, 0])));
  zones = (await server.store.zones.list()).filter((z) => z.districtId === 'liwan').map((z) => z.id);
  driver = await watcher('driver', (await driverLogin(server, VAN, 'liwan')).token);
  await watcher('liwan', await server.login('liwan', 'liwan123'));
  await watcher('coord', await server.login('coord', 'coord123'));
  await watcher('foshan', await server.login('foshan', 'foshan123'));
}, 60_000);

afterAll(async () => {
  for (const s of open) s.close();
  await server?.dispose();
});

describe('alerts from live data', () => {
  it('a failed handoff in Liwan reaches Liwan\'s official and the coordinators at once, not Foshan\'s official nor the driver', async () => {
    const planId = await publishRoutes(server, [await routeThrough(server, VAN, zones.slice(0, 3))], { date: '2021-06-03', districtId: 'liwan' });
    const fail = { key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex: 1, at: new Date().toISOString(), reason: 'nobody_at_handoff', text: '门岗无人' };
    const reply = await call(driver, 'stop:fail', fail);
    expect(reply.ok).toBe(true);
    await until(() => heard.get('liwan')!.length > 0 && heard.get('coord')!.length > 0, 3000, 'the alert push');
    for (const who of ['liwan', 'coord']) {
      expect(heard.get(who)).toHaveLength(1);
      expect(heard.get(who)![0]).toMatchObject({
        change: 'raised', room: who === 'liwan' ? 'district:liwan' : 'coordinators',
        alert: { rule: 'failed_handoff', zoneId: zones[1], districtId: 'liwan', state: 'open' },
      });
    }
    // The same alert over HTTP, and a retried failure raises nothing new.
    const listed = await server.call('GET', '/api/alerts?rule=failed_handoff', { token: await server.login('liwan', 'liwan123') });
    expect(listed.json.data.map((a: { id: string }) => a.id)).toEqual([heard.get('liwan')![0]!.alert.id]);
    expect(await call(driver, 'stop:fail', fail)).toEqual(reply);
    await server.services.alerts.evaluateAlerts();
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.get('liwan')).toHaveLength(1);
    expect(heard.get('foshan')).toHaveLength(0);
    expect(heard.get('driver')).toHaveLength(0);
  });

  it('acknowledging pushes the change to the same rooms only', async () => {
    const id = heard.get('liwan')![0]!.alert.id;
    const ack = await server.call('POST', `/api/alerts/${id}/ack`, { token: await server.login('liwan', 'liwan123') });
    expect(ack.status).toBe(200);
    await until(() => heard.get('liwan')!.length === 2 && heard.get('coord')!.length === 2, 3000, 'the ack push');
    expect(heard.get('coord')![1]).toMatchObject({ change: 'acknowledged', alert: { id, state: 'acknowledged', ownerId: 'u-liwan' } });
    expect(heard.get('foshan')).toHaveLength(0);
    expect(heard.get('driver')).toHaveLength(0);
  });

  it('the timer raises no_delivery for zones of the published plan with no delivery for noDeliveryS since publication or their last delivery', async () => {
    const [zDelivered, zIdle] = [zones[4]!, zones[5]!];
    const t0 = Date.now();
    const planId = await publishRoutes(server, [await routeThrough(server, VAN, [zDelivered, zIdle])], { date: '2021-06-04', districtId: 'liwan' });
    const hourMs = 3600_000;
    const noDeliveryMs = 12 * hourMs; // DEFAULT_OPS.alerts.noDeliveryS
    const delivered = await call(driver, 'stop:deliver', {
      key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex: 0, at: new Date(t0 + 6 * hourMs).toISOString(),
      quantitiesKg: { vegetables: 5 }, handoffMode: 'compound_gate',
    });
    expect(delivered.ok).toBe(true);
    const noDelivery = async (at: number) => (await server.services.alerts.evaluateAlerts(new Date(at)))
      .filter((a) => a.rule === 'no_delivery').map((a) => a.zoneId).sort();
    expect(await noDelivery(t0 + noDeliveryMs - 60_000)).toEqual([]);
    expect(await noDelivery(t0 + noDeliveryMs + 60_000)).toEqual([zIdle]);
    expect(await noDelivery(t0 + 6 * hourMs + noDeliveryMs + 60_000)).toEqual([zDelivered]);
    // Two raised (one per zone); an alert evaluated far enough ahead may also be pushed as escalated.
    await until(() => heard.get('liwan')!.filter((e) => e.alert.rule === 'no_delivery' && e.change === 'raised').length === 2, 3000, 'no_delivery pushes');
    expect(heard.get('foshan')).toHaveLength(0);
  });
});
