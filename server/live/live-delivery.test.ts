import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, until, type LiveClient } from '../testing/live-kit';
import { emptyMirror, follow } from '../testing/live-mirror';

// Idempotent driver events and resync after a dropped connection, over real sockets.

let server: TestServer;
let driver: LiveClient;
let planId = '';
const VAN = 'lw-van-02';
const RECOVERY_MS = 1500;
const open: LiveClient[] = [];

beforeAll(async () => {
  // A short recovery window, so the test can also be away for longer than it.
  server = await startTestServer(undefined, { live: { ...loadConfig({}).live, recoveryMs: RECOVERY_MS } });
  const zones = (await server.store.zones.list()).filter((z) => z.districtId === 'liwan').map((z) => z.id);
  const stops = Array.from({ length: 110 }, (_, i) => zones[i % zones.length]!);
  planId = await publishRoutes(server, [await routeThrough(server, VAN, stops)], { date: '2021-06-03', districtId: 'liwan' });
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
  open.push(driver);
}, 60_000);

afterAll(async () => {
  for (const s of open) s.close();
  await server?.dispose();
});

const deliver = (stopIndex: number, k: string, kg = 5) => ({
  key: k, vehicleId: VAN, planId, tripIndex: 0, stopIndex, at: '2021-06-03T01:00:00Z',
  quantitiesKg: { vegetables: kg, eggs: 1 }, handoffMode: 'compound_gate' as const,
});

/** Polls until the check holds (true) or 3 s pass (false). */
async function settles(check: () => Promise<boolean>): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < 3000; await new Promise((r) => setTimeout(r, 20))) if (await check()) return true;
  return false;
}

describe('driver events', () => {
  it('100 concurrent confirmations, each sent 3 times, are recorded exactly 100 times', async () => {
    const sends = Array.from({ length: 100 }, (_, i) => ({ i, k: key() }));
    const replies = await Promise.all(sends.flatMap(({ i, k }) => [0, 1, 2].map(() => call(driver, 'stop:deliver', deliver(i, k)))));
    expect(replies.every((r) => r.ok)).toBe(true);
    for (let i = 0; i < 100; i++) {
      const ids = new Set(replies.slice(i * 3, i * 3 + 3).map((r) => r.ok && r.data.eventId));
      expect(ids.size).toBe(1);
    }
    const events = await server.store.audit.list({ entity: 'stop_event', limit: 1000 });
    expect(events.filter((e) => e.action === 'stop.delivered')).toHaveLength(100);
    const delivered = await server.store.deliveries.zoneDelivered('2021-06-03');
    const vegetables = [...delivered.values()].reduce((sum, z) => sum + (z.vegetables ?? 0), 0);
    expect(vegetables).toBe(500);
  });

  it('a retry gets the stored result; the same key with other content is a CONFLICT; a new key cannot deliver twice', async () => {
    const k = key();
    const first = await call(driver, 'stop:deliver', deliver(100, k));
    const again = await call(driver, 'stop:deliver', deliver(100, k));
    expect(again).toEqual(first);
    expect(await call(driver, 'stop:deliver', deliver(100, k, 7))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call(driver, 'stop:deliver', deliver(100, key()))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const arrive = { key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex: 101, at: '2021-06-03T01:00:00Z' };
    expect((await call(driver, 'stop:arrive', arrive)).ok).toBe(true);
    expect(await call(driver, 'stop:fail', { ...arrive, reason: 'other', text: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('a watcher that was away ends in the server state, whether socket.io recovered the session or not', async () => {
    const watcher = await connectLive(server.url, await server.login('liwan', 'liwan123'), { reconnection: true });
    open.push(watcher);
    const { mirror, ready } = follow(watcher, emptyMirror());
    await ready;
    let n = 0;
    const burst = async (count: number) => {
      for (let i = 0; i < count; i++, n++) {
        const at = new Date(Date.parse('2021-06-03T00:30:00Z') + n * 5000).toISOString();
        await call(driver, 'vehicle:move', { key: key(), vehicleId: VAN, position: { lng: 113.24 + n * 1e-4, lat: 23.12, speedKmh: 18, at } });
      }
    };
    const matches = async () => {
      const fresh = await call(watcher, 'sync:request');
      return fresh.ok && JSON.stringify([fresh.data.v, [...mirror.vehicles.values()], [...mirror.zones.values()]])
        === JSON.stringify([mirror.v, fresh.data.vehicles, fresh.data.zones]);
    };
    // 1: the transport drops; socket.io recovers the session and replays what was missed (the client
    // needs one broadcast's offset to ask for that).
    await burst(1);
    await until(() => mirror.events > 0, 3000, 'a first event');
    watcher.io.engine.close();
    await burst(5);
    await until(() => watcher.connected, 5000, 'reconnect');
    await call(driver, 'stop:arrive', { key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex: 102, at: '2021-06-03T01:10:00Z' });
    expect(await settles(matches)).toBe(true);
    expect(watcher.recovered).toBe(true);
    expect(mirror.resyncs).toBe(1);
    // 2: away for longer than the recovery window: no recovery, the client resyncs by snapshot.
    watcher.disconnect();
    await burst(5);
    await call(driver, 'stop:deliver', deliver(103, key()));
    const resyncs = mirror.resyncs;
    await new Promise((r) => setTimeout(r, RECOVERY_MS + 200));
    watcher.connect();
    await until(() => mirror.resyncs > resyncs, 3000, 'snapshot after reconnect');
    expect(watcher.recovered).toBe(false);
    await burst(2);
    expect(await settles(matches)).toBe(true);
    expect([...mirror.vehicles.values()].find((v) => v.vehicleId === VAN)?.stops.find((s) => s.stopIndex === 103)?.status).toBe('delivered');
  });
});
