import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverHistory, Plan, PlanComparison, PlanSummary, VehicleRoute } from '../contract';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Plans against a real server and SQLite file: run (in the worker thread), publish, compare, the
// driver's route, replanning, and bad input.

let server: TestServer;
let coord = '';
let official = '';
let driver = '';
const LIWAN_DATE = '2021-06-03';

async function waitFor(id: string, token = coord, timeoutMs = 90_000): Promise<Plan> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await server.call('GET', `/api/plans/${id}`, { token });
    const plan = json.data as Plan;
    if (plan.status !== 'queued' && plan.status !== 'running') return plan;
    if (Date.now() > until) throw new Error(`plan ${id} still ${plan.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runPlan(body: Record<string, unknown>, token = coord): Promise<Plan> {
  const res = await server.call('POST', '/api/plans', { token, body });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  const summary = res.json.data as PlanSummary;
  expect(summary.status).toBe('queued');
  return waitFor(summary.id, token);
}

beforeAll(async () => {
  server = await startTestServer();
  [coord, official, driver] = await Promise.all([
    server.login('coord', 'coord123'), server.login('liwan', 'liwan123'), server.login('driver1', 'driver123'),
  ]);
}, 120_000);

afterAll(async () => server?.dispose());

describe('plans', () => {
  let first: Plan;
  let second: Plan;

  it('runs a plan for the Liwan demo in the worker and stores a draft', async () => {
    const events: string[] = [];
    const off = server.services.plans.onPlanEvent((e) => events.push(e.status));
    first = await runPlan({ date: LIWAN_DATE, districtId: 'liwan', timeLimitS: 1 });
    off();
    expect(first.status, first.error ?? '').toBe('draft');
    expect(first.progress).toBe(1);
    expect(events[0]).toBe('queued');
    expect(events).toContain('running');
    expect(events.at(-1)).toBe('draft');
    const result = first.result!;
    expect(result.routes.length).toBeGreaterThan(0);
    expect(first.kpis).toEqual(result.kpis);

    const zones = (await server.store.zones.list({ districtId: 'liwan', status: 'active' })).map((z) => z.id).sort();
    expect(result.zones.map((z) => z.zoneId).sort()).toEqual(zones);
    for (const z of result.zones) {
      const short = Object.entries(z.demandKg).some(([c, kg]) => kg > 0 && z.fillRate[c]! < 1 - 1e-6);
      if (short) expect(z.shortfalls.length, z.zoneId).toBeGreaterThan(0);
    }
    const routed = new Set(result.routes.map((r) => r.vehicleId));
    for (const lapsed of ['lw-van-07', 'lw-bus-04']) {
      expect(routed.has(lapsed)).toBe(false);
      expect(result.excludedVehicles.map((e) => e.vehicleId)).toContain(lapsed);
    }
  });

  it('lists summaries without results, filtered by district and status', async () => {
    const { status, json } = await server.call('GET', '/api/plans?districtId=liwan&status=draft', { token: coord });
    expect(status).toBe(200);
    expect(json.data.map((p: PlanSummary) => p.id)).toContain(first.id);
    expect(json.data[0].result).toBeUndefined();
    const mine = await server.call('GET', '/api/plans', { token: official });
    expect(mine.json.data.every((p: PlanSummary) => p.districtId === 'liwan')).toBe(true);
  });

  it('publishes: version 1, then another plan version 2 and the first superseded', async () => {
    const before = await server.call('GET', `/api/vehicles/lw-van-01/route`, { token: driver });
    expect(before.json.data).toBeNull();

    const pub1 = await server.call('POST', `/api/plans/${first.id}/publish`, { token: coord });
    expect(pub1.status, JSON.stringify(pub1.json)).toBe(200);
    expect(pub1.json.data).toMatchObject({ status: 'published', version: 1 });
    const again = await server.call('POST', `/api/plans/${first.id}/publish`, { token: coord });
    expect(again.status).toBe(409);

    second = await runPlan({ date: LIWAN_DATE, districtId: 'liwan', timeLimitS: 1, seed: 2 }, official);
    expect(second.status).toBe('draft');
    const pub2 = await server.call('POST', `/api/plans/${second.id}/publish`, { token: official });
    expect(pub2.json.data).toMatchObject({ status: 'published', version: 2 });
    expect((await waitFor(first.id)).status).toBe('superseded');
    const audit = await server.store.audit.list({ entity: 'plan' });
    expect(audit.filter((a) => a.action === 'plan.publish').map((a) => a.entityId)).toEqual([second.id, first.id]);
  });

  it("shows a driver only their own van's published route", async () => {
    const own = await server.call('GET', '/api/vehicles/lw-van-01/route', { token: driver });
    expect(own.status).toBe(200);
    const route = own.json.data as VehicleRoute | null;
    const planned = second.result!.routes.find((r) => r.vehicleId === 'lw-van-01') ?? null;
    if (planned) expect(route).toMatchObject({ ...planned, planId: second.id, planVersion: 2, date: LIWAN_DATE });
    else expect(route).toBeNull();
    const other = await server.call('GET', '/api/vehicles/lw-van-02/route', { token: driver });
    expect([403, 404]).toContain(other.status);
    const plan = await server.call('GET', `/api/plans/${second.id}`, { token: driver });
    expect(plan.status).toBe(403);
  });

  it("names the route's zones and handoff points for the driver (no bare ids)", async () => {
    const plan = second.result!.routes.find((r) => r.trips.some((t) => t.stops.some((s) => s.handoffPointId)))!;
    const { json } = await server.call('GET', `/api/vehicles/${plan.vehicleId}/route`, { token: coord });
    const route = json.data as VehicleRoute;
    const stops = route.trips.flatMap((t) => t.stops);
    const zones = new Map((await server.store.zones.list()).map((z) => [z.id, z]));
    const points = new Map((await server.store.handoffPoints.list()).map((p) => [p.id, p]));
    const liwan = (await server.store.districts.get('liwan'))!;
    for (const stop of stops) {
      const zone = zones.get(stop.zoneId)!;
      expect(route.zoneNames[stop.zoneId]).toMatchObject({ name: zone.name, nameEn: zone.nameEn, tier: zone.tier });
      // The handoff mode and the tier's words come from the tier configuration, for the driver's stop card.
      expect(route.zoneNames[stop.zoneId]!.tierName).toMatch(/^封(闭|控)区$|^防范区$/);
      if (!stop.handoffPointId) continue;
      const place = route.handoffPlaces[stop.handoffPointId]!;
      expect(place).toMatchObject({ name: points.get(stop.handoffPointId)!.name, zoneName: zone.name });
      expect(place.area.startsWith(liwan.name)).toBe(true);
      expect(place.areaEn.endsWith(liwan.nameEn)).toBe(true);
    }
    expect(Object.keys(route.zoneNames).sort()).toEqual([...new Set(stops.map((s) => s.zoneId))].sort());
  });

  it('compares two plans', async () => {
    const { status, json } = await server.call('GET', `/api/plans/${first.id}/compare/${second.id}`, { token: coord });
    expect(status).toBe(200);
    const diff = json.data as PlanComparison;
    expect(diff.before.id).toBe(first.id);
    expect(diff.after.id).toBe(second.id);
    expect(diff.kpis.deliveredKg.delta).toBeCloseTo(second.kpis!.deliveredKg - first.kpis!.deliveredKg, 6);
    expect(Array.isArray(diff.vehicles) && Array.isArray(diff.zones)).toBe(true);
    const same = await server.call('GET', `/api/plans/${first.id}/compare/${first.id}`, { token: coord });
    expect(same.json.data.vehicles).toEqual([]);
    expect(same.json.data.zones).toEqual([]);
  });

  it('replans with a broken van, a loaded van and two completed stops', async () => {
    const base = second.result!;
    const withStops = base.routes.filter((r) => r.trips.some((t) => t.stops.length >= 2));
    expect(withStops.length).toBeGreaterThanOrEqual(3);
    const [doneVan, brokenVan, loadedVan] = withStops.map((r) => r.vehicleId) as [string, string, string];
    const doneTrip = base.routes.find((r) => r.vehicleId === doneVan)!.trips.findIndex((t) => t.stops.length >= 2);
    const completedStops = [0, 1].map((stopIndex) => ({ vehicleId: doneVan, tripIndex: doneTrip, stopIndex }));
    const replan = await runPlan({
      date: LIWAN_DATE, districtId: 'liwan', timeLimitS: 1, basePlanId: second.id,
      situation: { completedStops, loadedVehicles: [loadedVan], brokenVehicles: [brokenVan] },
    });
    expect(replan.status, replan.error ?? '').toBe('draft');
    expect(replan.basePlanId).toBe(second.id);
    const result = replan.result!;

    // The completed stops are kept, marked done, with what was handed over.
    const doneStops = result.routes.flatMap((r) => r.trips.flatMap((t) => t.stops.filter((s) => s.done).map((s) => ({ vehicleId: r.vehicleId, s }))));
    expect(doneStops).toHaveLength(2);
    for (const [i, ref] of completedStops.entries()) {
      const planned = base.routes.find((r) => r.vehicleId === doneVan)!.trips[ref.tripIndex]!.stops[ref.stopIndex]!;
      expect(doneStops[i]).toEqual({ vehicleId: doneVan, s: { ...planned, done: true } });
    }
    // The loaded van's current trip is kept verbatim.
    const loadedTrip = base.routes.find((r) => r.vehicleId === loadedVan)!.trips[0]!;
    const keptTrips = result.routes.find((r) => r.vehicleId === loadedVan)!.trips.filter((t) => t.kept);
    expect(keptTrips).toEqual([{ ...loadedTrip, kept: true }]);
    // The broken van is never routed and says why.
    expect(result.routes.map((r) => r.vehicleId)).not.toContain(brokenVan);
    expect(result.excludedVehicles).toContainEqual(expect.objectContaining({ vehicleId: brokenVan, reason: 'broken_down' }));
    for (const lapsed of ['lw-van-07', 'lw-bus-04']) expect(result.routes.map((r) => r.vehicleId)).not.toContain(lapsed);
    // Every zone still has an outcome, and every short zone a reason.
    expect(result.zones).toHaveLength(base.zones.length);
    for (const z of result.zones) {
      if (Object.entries(z.demandKg).some(([c, kg]) => kg > 0 && z.fillRate[c]! < 1 - 1e-6)) expect(z.shortfalls.length).toBeGreaterThan(0);
    }
    // The changes name the broken van's lost stops.
    const brokenChange = replan.changes!.vehicles.find((v) => v.vehicleId === brokenVan)!;
    const brokenStops = base.routes.find((r) => r.vehicleId === brokenVan)!.trips.flatMap((t) => t.stops.map((s) => s.zoneId));
    expect(brokenChange).toEqual({ vehicleId: brokenVan, added: [], removed: brokenStops, reordered: false });

    // A published replan is what the loaded van's driver would see.
    const pub = await server.call('POST', `/api/plans/${replan.id}/publish`, { token: coord });
    expect(pub.json.data.version).toBe(3);
    const route = await server.call('GET', `/api/vehicles/${loadedVan}/route`, { token: coord });
    expect(route.json.data.planId).toBe(replan.id);
    expect(route.json.data.trips[0]).toEqual({ ...loadedTrip, kept: true });
  });

  it('refuses bad input with a 4xx naming the field and writes nothing', async () => {
    await server.services.plans.idle();
    const before = await snapshot(server);
    const cases: { token: string; body: unknown; status: number; field: string }[] = [
      { token: coord, body: { date: LIWAN_DATE, basePlanId: 'no-such-plan' }, status: 404, field: 'body.basePlanId' },
      { token: coord, body: { date: '2021-06-31', districtId: 'liwan' }, status: 400, field: 'body.date' },
      { token: coord, body: { date: 'tomorrow' }, status: 400, field: 'body.date' },
      { token: official, body: { date: LIWAN_DATE, districtId: 'foshan-nanhai' }, status: 404, field: 'body.districtId' }, // another district answers as a missing one
      { token: coord, body: { date: LIWAN_DATE, districtId: 'atlantis' }, status: 404, field: 'body.districtId' },
      { token: coord, body: { date: LIWAN_DATE, districtId: 'liwan', timeLimitS: 0 }, status: 400, field: 'body.timeLimitS' },
      { token: coord, body: { date: LIWAN_DATE, districtId: 'liwan', situation: { brokenVehicles: ['lw-van-02'] } }, status: 400, field: 'body.situation' },
      {
        token: coord, body: { date: LIWAN_DATE, districtId: 'liwan', basePlanId: second.id, situation: { completedStops: [{ vehicleId: 'lw-van-02', tripIndex: 99, stopIndex: 0 }] } },
        status: 400, field: 'body.situation.completedStops.0',
      },
      { token: coord, body: { date: '2021-06-04', districtId: 'liwan', basePlanId: second.id }, status: 400, field: 'body.date' },
      { token: coord, body: { date: LIWAN_DATE, basePlanId: second.id }, status: 400, field: 'body.districtId' },
      { token: coord, body: { date: LIWAN_DATE, colour: 'red' }, status: 400, field: 'body' },
    ];
    for (const c of cases) {
      const res = await server.call('POST', '/api/plans', { token: c.token, body: c.body });
      expect(res.status, JSON.stringify(res.json)).toBe(c.status);
      expect(res.json.error.field, JSON.stringify(res.json)).toBe(c.field);
      expect(res.json.error.message).toContain(c.field);
    }
    expect(await snapshot(server)).toBe(before);

    const unknown = await server.call('GET', '/api/plans/no-such-plan', { token: coord });
    expect(unknown.status).toBe(404);
    const foreign = await server.call('GET', `/api/plans/${first.id}`, { token: await server.login('foshan', 'foshan123') });
    expect(foreign.status).toBe(404);
  });

  it('leaves a van marked broken down out of a new plan, listed with its note; marked available it is planned again', async () => {
    const van = first.result!.routes[0]!.vehicleId;
    const mark = await server.call('PUT', `/api/vehicle-availability/${van}`, { token: official, body: { status: 'broken_down', note: '刹车故障' } });
    expect(mark.status, JSON.stringify(mark.json)).toBe(200);
    const listed = await server.call('GET', '/api/vehicle-availability?districtId=liwan', { token: official });
    expect(listed.json.data.find((a: { vehicleId: string }) => a.vehicleId === van)).toMatchObject({ status: 'broken_down', note: '刹车故障' });
    const without = await runPlan({ date: LIWAN_DATE, districtId: 'liwan', timeLimitS: 0.5 });
    expect(without.result!.routes.map((r) => r.vehicleId)).not.toContain(van);
    expect(without.result!.excludedVehicles.find((e) => e.vehicleId === van)).toMatchObject({ reason: 'broken_down' });
    expect(without.result!.excludedVehicles.find((e) => e.vehicleId === van)!.zh).toContain('刹车故障');
    await server.call('PUT', `/api/vehicle-availability/${van}`, { token: official, body: { status: 'available' } });
    const again = await runPlan({ date: LIWAN_DATE, districtId: 'liwan', timeLimitS: 0.5 });
    expect(again.result!.excludedVehicles.some((e) => e.vehicleId === van)).toBe(false);
  });

  it("cover history: each day's planned goods over the district's daily need, from the plan in force that day", async () => {
    const { zoneDailyDemandKg } = await import('../domain/demand');
    const res = await server.call('GET', '/api/districts/liwan/cover-history?days=3', { token: official });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const history = res.json.data as CoverHistory;
    // Ends at the latest plan day by default.
    expect(history.days).toEqual(['2021-06-01', '2021-06-02', LIWAN_DATE]);
    const published = (await server.call('GET', '/api/plans?districtId=liwan&status=published', { token: official })).json.data as PlanSummary[];
    const inForce = (await server.call('GET', `/api/plans/${published[0]!.id}`, { token: official })).json.data as Plan;
    const zones = await server.store.zones.list({ districtId: 'liwan', status: 'active' });
    const commodities = await server.store.commodities.list();
    for (const c of commodities) {
      const need = zones.reduce((n, z) => n + zoneDailyDemandKg(z, commodities)[c.id]!, 0);
      const kg = inForce.result!.zones.filter((z) => zones.some((x) => x.id === z.zoneId)).reduce((n, z) => n + (z.deliveredKg[c.id] ?? 0), 0);
      expect(history.commodities[c.id]!.planned).toEqual([null, null, Math.round((kg / need) * 100) / 100]);
      expect(history.commodities[c.id]!.delivered).toEqual([null, null, null]);
    }
    const foreign = await server.call('GET', '/api/districts/liwan/cover-history', { token: await server.login('foshan', 'foshan123') });
    expect(foreign.status).toBe(404);
  });
});
