import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanResult, StopEventResult } from '../contract';
import { demandForDaysKg } from '../domain/demand';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, type LiveClient } from '../testing/live-kit';

// A delivery a driver records draws the depot's stock there and then (server/services/deliveries/delivery-service.ts).
// A replan from that plan reads the stock as it is now, so it must not take the recorded delivery
// off again: the 2021 Liwan replay found replans reporting no_stock after exactly that double count.
//
// One zone is planned for, and only one depot holds oil and eggs. The published plan's one stop
// there carries oil (half the zone's need, stock 2× that) and eggs (a little, stock 2× that).
// After the driver records the stop, the stock is S−q; the replan must plan with S−q, not S−2q = 0.

let server: TestServer;
let driver: LiveClient;
const DATE = '2021-06-03';
const ZONE = 'liwan-zhongnan';
const DEPOT = 'liwan-lilang-market';
const VAN = 'lw-van-01';

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  // Vans are the only supply here (no household stock, no other channel), so a zone's van demand is its
  // full need, as this test's arithmetic assumes (the plan now fills only the gap the other channels leave).
  for (const c of await server.store.supplyChannels.list()) await server.store.supplyChannels.delete(c.id);
  await server.store.householdStock.set(Object.fromEntries((await server.store.commodities.list()).map((c) => [c.id, 0])));
  // Only ZONE needs goods, and only DEPOT has oil and eggs (none of anything else anywhere).
  for (const z of await server.store.zones.list()) if (z.id !== ZONE) await server.store.zones.upsert({ ...z, status: 'lifted' });
  for (const d of await server.store.depots.list()) await server.store.depots.upsert({ ...d, stockKg: {} });
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
}, 60_000);

afterAll(async () => {
  driver?.close();
  await server?.dispose();
});

const plannedKg = (result: PlanResult, commodityId: string, which: (done: boolean) => boolean) =>
  result.routes.flatMap((r) => r.trips.flatMap((t) => t.stops)).filter((s) => which(s.done ?? false))
    .reduce((sum, s) => sum + (s.quantitiesKg[commodityId] ?? 0), 0);

describe('a replan after a recorded delivery', () => {
  it('plans with the depot stock left after the delivery (S−q, not S−2q) and reports no no_stock where S−q suffices', async () => {
    const zone = (await server.store.zones.get(ZONE))!;
    const need = demandForDaysKg(zone, await server.store.commodities.list(), 1);
    // Oil: the stop brings half the need, and S−q covers the other half. Eggs: S−q covers a fifth of what is left.
    const q = { oil: Math.ceil(need.oil! / 2), eggs: Math.ceil(need.eggs! / 10) };
    const S = { oil: 2 * q.oil, eggs: 2 * q.eggs };
    expect(need.eggs! - q.eggs).toBeGreaterThan(S.eggs - q.eggs);
    await server.store.depots.setStock(DEPOT, 'oil', S.oil);
    await server.store.depots.setStock(DEPOT, 'eggs', S.eggs);

    // The published plan: VAN takes q to ZONE in one early trip, back by 09:00.
    const route = await routeThrough(server, VAN, [ZONE]);
    const trip = route.trips[0]!;
    expect(trip.depotId).toBe(DEPOT);
    const planId = await publishRoutes(server, [{
      ...route, trips: [{ ...trip, returnS: 9 * 3600, loadKg: q.oil + q.eggs, stops: [{ ...trip.stops[0]!, quantitiesKg: q }] }],
    }], { date: DATE, districtId: 'liwan' });

    const ack = await call<StopEventResult>(driver, 'stop:deliver', {
      key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex: 0, at: `${DATE}T00:30:00Z`, quantitiesKg: q, handoffMode: 'compound_gate',
    });
    expect(ack).toMatchObject({ ok: true, data: { depotId: DEPOT } });
    expect((await server.store.depots.get(DEPOT))!.stockKg).toMatchObject({ oil: S.oil - q.oil, eggs: S.eggs - q.eggs });

    // The coordinator replans from the published plan with the delivered stop completed.
    const coord = await server.login('coord', 'coord123');
    const res = await server.call('POST', '/api/plans', {
      token: coord,
      body: {
        date: DATE, districtId: 'liwan', timeLimitS: 0.5, basePlanId: planId,
        situation: { completedStops: [{ vehicleId: VAN, tripIndex: 0, stopIndex: 0 }], loadedVehicles: [], brokenVehicles: [] },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    await server.services.plans.idle();
    const replan = res.json.data.id as string;
    const plan = (await server.call('GET', `/api/plans/${replan}`, { token: coord })).json.data as Plan;
    expect(plan.status, plan.error ?? '').toBe('draft');
    const result = plan.result!;

    // Eggs are short of stock: the new part of the plan moves exactly the S−q the depot still has.
    expect(plannedKg(result, 'eggs', (done) => !done)).toBeCloseTo(S.eggs - q.eggs, 0);
    // Oil: S−q covers what the zone still needs, so the zone gets all of it and no shortfall.
    expect(plannedKg(result, 'oil', (done) => !done)).toBeCloseTo(need.oil! - q.oil, 0);
    const outcome = result.zones.find((z) => z.zoneId === ZONE)!;
    expect(outcome.demandKg.oil).toBeCloseTo(need.oil!, 6);
    expect(outcome.fillRate.oil).toBeCloseTo(1, 6);
    const reasons = outcome.shortfalls.filter((s) => s.commodityId === 'oil' || s.commodityId === 'eggs');
    expect(reasons.map((s) => [s.commodityId, s.code])).toEqual([['eggs', 'stock_short']]);

    // The done stop stands, with what the driver handed over (so a replan of this replan knows it is drawn).
    expect(plannedKg(result, 'oil', (done) => done)).toBe(q.oil);
    const doneStop = result.routes.find((r) => r.vehicleId === VAN)!.trips[0]!.stops[0]!;
    expect(doneStop).toMatchObject({ zoneId: ZONE, done: true, deliveredKg: q });
  }, 60_000);
});
