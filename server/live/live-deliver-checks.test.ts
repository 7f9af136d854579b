import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot, Plan, StopEventResult, VehicleRoute } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, type LiveClient } from '../testing/live-kit';

// What a driver may record is bounded by what the van carries: each commodity against the trip's load
// less what its other stops were handed, refused with the field named and nothing written. A replan
// keeps the stops done before it as delivered, with the kilos recorded, on every device. GPS fixes
// outside the province or ahead of the clock are refused.

let server: TestServer;
let driver: LiveClient;
let coord = '';
let planId = '';
const DATE = '2021-06-03';
const VAN = 'lw-van-01';
const ZONES = ['liwan-zhongnan', 'liwan-hailong'];
const open: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  coord = await server.login('coord', 'coord123');
  const zones = await server.store.zones.list();
  const used = ZONES.filter((id) => zones.some((z) => z.id === id));
  if (used.length < ZONES.length) ZONES.splice(0, ZONES.length, ...zones.filter((z) => z.districtId === 'liwan').slice(0, 2).map((z) => z.id));
  // Three stops of one trip: 10 kg vegetables and 2 kg eggs each (30 and 6 loaded).
  planId = await publishRoutes(server, [await routeThrough(server, VAN, [ZONES[0]!, ZONES[1]!, ZONES[0]!])], { date: DATE, districtId: 'liwan' });
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
  open.push(driver);
}, 60_000);

afterAll(async () => {
  for (const s of open) s.close();
  await server?.dispose();
});

const deliver = (stopIndex: number, quantitiesKg: Record<string, number>, extra: object = {}) => ({
  key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex, at: `${DATE}T01:00:00Z`, quantitiesKg, handoffMode: 'compound_gate' as const, ...extra,
});

async function stockOf(depotId: string) {
  return (await server.store.depots.get(depotId))!.stockKg;
}

async function nothingWritten(stopIndex: number, depotId: string, stockBefore: Record<string, number>) {
  expect(await stockOf(depotId)).toEqual(stockBefore);
  const progress = await server.store.deliveries.stopProgress(planId, VAN);
  expect(progress.find((p) => p.stopIndex === stopIndex)).toBeUndefined();
}

describe('recording checks what the van carries', () => {
  it('2,759 kg of eggs on a trip carrying 6 kg: CONFLICT naming the commodity, nothing drawn or recorded', async () => {
    const depotId = (await server.store.vehicles.get(VAN))!.homeDepotId;
    const before = await stockOf(depotId);
    const ack = await call(driver, 'stop:deliver', deliver(0, { eggs: 2759 }));
    expect(ack).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'input.quantitiesKg.eggs' } });
    expect(ack.ok || ack.error.message).toMatch(/more than the van still holds of "eggs".*6 kg left of 6 kg loaded/);
    await nothingWritten(0, depotId, before);
  });

  it('a commodity the trip did not load: VALIDATION naming it, nothing written', async () => {
    const depotId = (await server.store.vehicles.get(VAN))!.homeDepotId;
    const before = await stockOf(depotId);
    const ack = await call(driver, 'stop:deliver', deliver(0, { vegetables: 5, oil: 3 }));
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'input.quantitiesKg.oil' } });
    expect(ack.ok || ack.error.message).toMatch(/carries no "oil"/);
    await nothingWritten(0, depotId, before);
  });

  it('what one stop took is gone for the next: more than is left is refused, a short delivery carries its reason', async () => {
    // More than stop 0's plan is fine while the van holds it (another stop may get less).
    const first = await call<StopEventResult>(driver, 'stop:deliver', deliver(0, { vegetables: 25, eggs: 2 }));
    expect(first.ok, JSON.stringify(first)).toBe(true);
    const over = await call(driver, 'stop:deliver', deliver(1, { vegetables: 6 }));
    expect(over).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'input.quantitiesKg.vegetables' } });
    expect(over.ok || over.error.message).toMatch(/5 kg left of 30 kg loaded/);
    const badReason = await call(driver, 'stop:deliver', deliver(1, { vegetables: 5 }, { shortReason: 'lost' }));
    expect(badReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'input.shortReason' } });
    const short = await call<StopEventResult>(driver, 'stop:deliver', deliver(1, { vegetables: 5, eggs: 1 }, { shortReason: 'not_enough_on_van' }));
    expect(short.ok, JSON.stringify(short)).toBe(true);
    const audit = await server.store.audit.list({ entity: 'stop_event', limit: 100 });
    const row = audit.find((a) => a.entityId === String(short.ok && short.data.eventId));
    expect(row?.detail).toMatchObject({ shortReason: 'not_enough_on_van', quantitiesKg: { vegetables: 5, eggs: 1 } });
  });

  it('another van\'s stop is refused (FORBIDDEN), nothing written', async () => {
    const ack = await call(driver, 'stop:deliver', { ...deliver(2, { vegetables: 1 }), vehicleId: 'lw-van-02' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await server.store.deliveries.stopProgress(planId, 'lw-van-02')).toEqual([]);
  });
});

describe('GPS fixes are bounded', () => {
  const move = (lng: number, lat: number, at: string) => ({ key: key(), vehicleId: VAN, position: { lng, lat, speedKmh: 20, at } });

  it('outside the province or ahead of the clock: VALIDATION naming the field, no fix stored; inside: stored', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const beijing = await call(driver, 'vehicle:move', move(116.4, 39.9, at));
    expect(beijing).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'input.position' } });
    const nullIsland = await call(driver, 'vehicle:move', move(0, 0, at));
    expect(nullIsland).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'input.position' } });
    const future = await call(driver, 'vehicle:move', move(113.24, 23.12, new Date(Date.now() + 3_600_000).toISOString()));
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'input.position.at' } });
    await server.live.flush();
    expect(await server.store.tracks.lastPositions(VAN)).toEqual([]);
    const good = await call(driver, 'vehicle:move', move(113.24, 23.12, at));
    expect(good).toMatchObject({ ok: true, data: { accepted: true } });
    expect((await server.store.tracks.lastPositions(VAN)).map((p) => [p.lng, p.lat])).toEqual([[113.24, 23.12]]);
  });
});

describe('a replan keeps done stops done', () => {
  it('the replan (basePlanId) shows the delivered stop delivered with the recorded kg, to a new device too, and it cannot be delivered again', async () => {
    const res = await server.call('POST', '/api/plans', {
      token: coord,
      body: { date: DATE, districtId: 'liwan', timeLimitS: 0.5, basePlanId: planId, situation: { completedStops: [], loadedVehicles: [], brokenVehicles: [] } },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    await server.services.plans.idle();
    const replanId = res.json.data.id as string;
    const plan = (await server.call('GET', `/api/plans/${replanId}`, { token: coord })).json.data as Plan;
    expect(plan.status, plan.error ?? '').toBe('draft');
    expect(plan.basePlanId).toBe(planId);
    const published = await server.call('POST', `/api/plans/${replanId}/publish`, { token: coord });
    expect(published.status, JSON.stringify(published.json)).toBe(200);

    // Where the done stops landed in the replan (indices may differ from the base plan's).
    const route = plan.result!.routes.find((r) => r.vehicleId === VAN)!;
    const done = route.trips.flatMap((t, tripIndex) => t.stops.map((s, stopIndex) => ({ s, tripIndex, stopIndex }))).filter((x) => x.s.done);
    expect(done.map((d) => d.s.deliveredKg)).toEqual([{ vegetables: 25, eggs: 2 }, { vegetables: 5, eggs: 1 }]);

    // A second device: a fresh login and socket.
    const second = await connectLive(server.url, await server.login(`drv-${VAN}`, 'driver123'));
    open.push(second);
    const snap = await call<LiveSnapshot>(second, 'sync:request');
    expect(snap.ok).toBe(true);
    const stops = snap.ok ? snap.data.vehicles.find((v) => v.vehicleId === VAN)!.stops : [];
    for (const d of done) {
      const live = stops.find((s) => s.tripIndex === d.tripIndex && s.stopIndex === d.stopIndex)!;
      expect(live).toMatchObject({ planId: replanId, status: 'delivered', deliveredKg: d.s.deliveredKg });
    }
    const driverRoute = (await server.call('GET', `/api/vehicles/${VAN}/route`, { token: await server.login(`drv-${VAN}`, 'driver123') })).json.data as VehicleRoute;
    expect(driverRoute.planId).toBe(replanId);

    const again = await call(second, 'stop:deliver', { ...deliver(done[0]!.stopIndex, { vegetables: 1 }), planId: replanId, tripIndex: done[0]!.tripIndex });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(again.ok || again.error.message).toMatch(/already delivered/);
  }, 60_000);
});
