import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StopEventResult } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, type LiveClient } from '../testing/live-kit';

// Deliveries draw on the depot the trip loaded at, in the delivery's own transaction: concurrent
// confirmations from two vans of one depot, each resent, take exactly what was delivered once, and
// a short stock stops at zero with the shortfall in the ack and the audit log.

let server: TestServer;
const DEPOT = 'liwan-lilang-market';
const VANS = ['lw-van-01', 'lw-van-02'];
const DATE = '2021-06-03';
const drivers = new Map<string, LiveClient>();
const plans = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  const zones = (await server.store.zones.list()).filter((z) => z.districtId === 'liwan').map((z) => z.id);
  const stops = Array.from({ length: 40 }, (_, i) => zones[i % zones.length]!);
  // One plan per van: each driver's van has its own published route from the same depot.
  for (const van of VANS) {
    plans.set(van, await publishRoutes(server, [await routeThrough(server, van, stops, { vegetables: 10, eggs: 2, oil: 1 })], { date: DATE, districtId: 'liwan' }));
    drivers.set(van, await connectLive(server.url, (await driverLogin(server, van, 'liwan')).token));
  }
}, 60_000);

afterAll(async () => {
  for (const s of drivers.values()) s.close();
  await server?.dispose();
});

const deliver = (van: string, stopIndex: number, k: string, kg: Record<string, number>) => ({
  key: k, vehicleId: van, planId: plans.get(van)!, tripIndex: 0, stopIndex, at: `${DATE}T01:00:00Z`,
  quantitiesKg: kg, handoffMode: 'compound_gate' as const,
});

const stock = async () => (await server.store.depots.get(DEPOT))!.stockKg;

describe('depot stock', () => {
  it('concurrent deliveries from two vans of one depot, each sent 3 times, decrement the stock exactly once each', async () => {
    await server.store.depots.setStock(DEPOT, 'vegetables', 1000);
    await server.store.depots.setStock(DEPOT, 'eggs', 100);
    const sends = VANS.flatMap((van) => Array.from({ length: 20 }, (_, i) => ({ van, i, k: key() })));
    const replies = await Promise.all(sends.flatMap(({ van, i, k }) => [0, 1, 2].map(() =>
      call<StopEventResult>(drivers.get(van)!, 'stop:deliver', deliver(van, i, k, { vegetables: 12.5, eggs: 2 })))));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(replies.every((r) => r.ok && r.data.depotId === DEPOT && r.data.stockShortKg === undefined)).toBe(true);
    // 40 deliveries × 12.5 kg and × 2 kg.
    expect(await stock()).toMatchObject({ vegetables: 500, eggs: 20 });
  });

  it('a short stock stops at zero: the delivery is recorded, the ack and the audit log carry the shortfall, a retry takes nothing more', async () => {
    await server.store.depots.setStock(DEPOT, 'vegetables', 30);
    await server.store.depots.setStock(DEPOT, 'eggs', 1000);
    // 8 concurrent deliveries of 10 kg each on 30 kg: 3 fully covered, the 4th-8th short.
    const sends = Array.from({ length: 8 }, (_, i) => ({ van: VANS[i % 2]!, i: 20 + i, k: key() }));
    const once = await Promise.all(sends.map(({ van, i, k }) => call<StopEventResult>(drivers.get(van)!, 'stop:deliver', deliver(van, i, k, { vegetables: 10, eggs: 1 }))));
    expect(once.every((r) => r.ok)).toBe(true);
    const shorts = once.map((r) => (r.ok ? r.data.stockShortKg?.vegetables ?? 0 : NaN));
    expect(shorts.reduce((a, b) => a + b, 0)).toBe(50);
    expect(shorts.filter((s) => s === 0)).toHaveLength(3);
    expect(once.every((r) => r.ok && r.data.stockShortKg?.eggs === undefined)).toBe(true);
    expect(await stock()).toMatchObject({ vegetables: 0, eggs: 992 });
    // Retries answer the stored ack (shortfall included) and take nothing more.
    const again = await Promise.all(sends.map(({ van, i, k }) => call<StopEventResult>(drivers.get(van)!, 'stop:deliver', deliver(van, i, k, { vegetables: 10, eggs: 1 }))));
    expect(again).toEqual(once);
    expect(await stock()).toMatchObject({ vegetables: 0, eggs: 992 });
    const audit = (await server.store.audit.list({ entity: 'depot', limit: 100 })).filter((e) => e.action === 'depot.stock_short');
    expect(audit).toHaveLength(5);
    expect(audit.every((e) => e.entityId === DEPOT)).toBe(true);
    // Delivered kg count in full for the zones: the residents got the goods.
    const delivered = await server.store.deliveries.zoneDelivered(DATE);
    expect([...delivered.values()].reduce((sum, z) => sum + (z.vegetables ?? 0), 0)).toBe(500 + 80);
  });

  it('a commodity the depot holds no row for is short by the whole amount, and a refused event takes nothing', async () => {
    const depot = (await server.store.depots.get(DEPOT))!;
    await server.store.depots.upsert({ ...depot, stockKg: { vegetables: 100 } });
    const van = VANS[0]!;
    const first = await call<StopEventResult>(drivers.get(van)!, 'stop:deliver', deliver(van, 30, key(), { vegetables: 5, oil: 3 }));
    expect(first.ok && first.data.stockShortKg).toEqual({ oil: 3 });
    expect(await stock()).toEqual({ vegetables: 95 });
    // The same stop again under a new key is a CONFLICT: the stock is untouched.
    const before = await stock();
    expect(await call(drivers.get(van)!, 'stop:deliver', deliver(van, 30, key(), { vegetables: 5 }))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await stock()).toEqual(before);
  });
});
