import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepotOutlook, Plan, PlanSummary, Supplier } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';

// Suppliers behind the depots over the real server (seeded Liwan and Foshan): scoped CRUD, bad input refused
// naming the field with nothing written, the depots' outlook, and a plan for tomorrow seeing tomorrow's stock.

let server: TestServer;
let coord = '';
let official = '';
let liwanDepot = '';
let fsDepot = '';
let fsDistrict = '';
// 10:00 in Guangzhou on the demo's day: "today" is 3 June, "tomorrow" 4 June.
const NOW = new Date('2021-06-03T02:00:00Z');
const TODAY = '2021-06-03';
const TOMORROW = '2021-06-04';

const body = (over: Record<string, unknown> = {}) => ({
  id: 'api-supplier', districtId: 'liwan', name: '测试蛋品企业', nameEn: 'Test eggs', kind: 'enterprise', contact: '王经理 020-0000',
  deliveries: [{ depotId: liwanDepot, commodityId: 'eggs', kgPerDay: 3000, arrivesAt: '04:00', leadTimeDays: 1 }],
  activeFrom: '2021-05-29', ...over,
});
const suppliersNow = async () => (await server.store.suppliers.list()).map((s) => s.id).sort();

async function runPlan(date: string): Promise<Plan> {
  const res = await server.call('POST', '/api/plans', { token: coord, body: { date, districtId: 'liwan', timeLimitS: 0.5 } });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  const id = (res.json.data as PlanSummary).id;
  await server.services.plans.idle();
  return (await server.call('GET', `/api/plans/${id}`, { token: coord })).json.data as Plan;
}

beforeAll(async () => {
  server = await startTestServer(undefined, {}, { now: () => NOW });
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
  const depots = await server.store.depots.list();
  liwanDepot = depots.find((d) => d.districtId === 'liwan')!.id;
  const fs = depots.find((d) => d.districtId !== 'liwan' && d.districtId !== null)!;
  [fsDepot, fsDistrict] = [fs.id, fs.districtId!];
  // Start from no suppliers, so the figures below are this file's own.
  for (const s of await server.store.suppliers.list()) await server.store.suppliers.delete(s.id);
}, 60_000);
afterAll(async () => server?.dispose());

describe('suppliers CRUD', () => {
  it('an official creates, reads, edits and deletes a supplier of their district; the list shows it with its deliveries', async () => {
    const created = await server.call('POST', '/api/suppliers', { token: official, body: body() });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const got = (await server.call('GET', '/api/suppliers/api-supplier', { token: official })).json.data as Supplier;
    expect(got.deliveries).toEqual([{ depotId: liwanDepot, commodityId: 'eggs', kgPerDay: 3000, arrivesAt: '04:00', leadTimeDays: 1 }]);
    const edited = await server.call('PUT', '/api/suppliers/api-supplier', { token: official, body: body({ deliveries: [] }) });
    expect(edited.status).toBe(200);
    expect((await server.store.suppliers.get('api-supplier'))!.deliveries).toEqual([]);
    expect((await server.call('GET', '/api/suppliers', { token: official })).json.data.map((s: Supplier) => s.id)).toContain('api-supplier');
    expect((await server.call('DELETE', '/api/suppliers/api-supplier', { token: official })).status).toBe(200);
    expect(await suppliersNow()).toEqual([]);
  });

  it('a delivery to an unknown depot is refused naming the field, and nothing is written', async () => {
    const res = await server.call('POST', '/api/suppliers', {
      token: coord, body: body({ deliveries: [body().deliveries[0], { depotId: 'no-such-depot', commodityId: 'vegetables', kgPerDay: 1, arrivesAt: '05:00', leadTimeDays: 0 }] }),
    });
    expect(res.status).toBe(404);
    expect(res.json.error.field).toBe('body.deliveries.1.depotId');
    expect(res.json.error.message).toContain('no-such-depot');
    expect(await suppliersNow()).toEqual([]);
  });

  it.each([
    ['a negative daily volume', { deliveries: [{ depotId: 'x', commodityId: 'eggs', kgPerDay: -1, arrivesAt: '04:00', leadTimeDays: 0 }] }, 'body.deliveries.0.kgPerDay'],
    ['an arrival time that is no time of day', { deliveries: [{ depotId: 'x', commodityId: 'eggs', kgPerDay: 1, arrivesAt: '25:00', leadTimeDays: 0 }] }, 'body.deliveries.0.arrivesAt'],
    ['an unknown commodity', { deliveries: [{ depotId: 'DEPOT', commodityId: 'caviar', kgPerDay: 1, arrivesAt: '04:00', leadTimeDays: 0 }] }, 'body.deliveries.0.commodityId'],
    ['an active period that ends before it starts', { activeUntil: '2021-05-01' }, 'body.activeUntil'],
    ['an unknown kind', { kind: 'farm' }, 'body.kind'],
  ])('%s is refused naming the field, nothing written', async (_what, over, field) => {
    const patched = JSON.parse(JSON.stringify(over).replace('"DEPOT"', JSON.stringify(liwanDepot)));
    const res = await server.call('POST', '/api/suppliers', { token: coord, body: body(patched) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json.error.field).toBe(field);
    expect(await suppliersNow()).toEqual([]);
  });

  it('an official may not deliver to another district\'s depot nor write another district\'s supplier', async () => {
    const toForeignDepot = await server.call('POST', '/api/suppliers', { token: official, body: body({ deliveries: [{ ...body().deliveries[0], depotId: fsDepot }] }) });
    expect(toForeignDepot.status).toBe(404);
    expect(toForeignDepot.json.error.field).toBe('body.deliveries.0.depotId');
    const foreign = await server.call('POST', '/api/suppliers', { token: official, body: body({ districtId: fsDistrict, deliveries: [] }) });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.field).toBe('body.districtId');
    expect(await suppliersNow()).toEqual([]);
  });
});

describe('depot stock rolled forward', () => {
  it('the outlook rolls each depot\'s stock day by day (stock + inbound − shipped) and names whom to call when it runs short', async () => {
    await server.call('PUT', `/api/depots/${liwanDepot}/stock`, { token: coord, body: { stockKg: { eggs: 0 } } });
    const created = await server.call('POST', '/api/suppliers', { token: coord, body: body() });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const res = await server.call('GET', `/api/depot-outlook?date=${TODAY}&horizonDays=3&districtId=liwan`, { token: coord });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const mine = (res.json.data as DepotOutlook[]).find((d) => d.depotId === liwanDepot)!;
    expect(mine.days).toEqual([TODAY, TOMORROW, '2021-06-05']);
    // Stock when the depot opens each day: 04:00 today has passed at 10:00, so today's delivery is in the counted
    // stock (0); tomorrow's and the next day's arrive by the opening and add up.
    expect((await server.store.depots.get(liwanDepot))!.opensAt >= '04:00').toBe(true);
    expect(mine.commodities.eggs!.stockKg).toEqual([0, 3000, 6000]);
    expect(mine.commodities.eggs!.inboundKgPerDay).toBe(3000);

    // A plan for tomorrow sees tomorrow's stock: today's 0 kg plus what arrives before the depot opens.
    const today = await runPlan(TODAY);
    const tomorrow = await runPlan(TOMORROW);
    const eggsFrom = (plan: Plan) => plan.result!.routes.flatMap((r) => r.trips).filter((t) => t.depotId === liwanDepot)
      .flatMap((t) => t.stops).reduce((kg, s) => kg + (s.quantitiesKg.eggs ?? 0), 0);
    expect(today.status, today.error ?? '').toBe('draft');
    expect(tomorrow.status, tomorrow.error ?? '').toBe('draft');
    expect(eggsFrom(today)).toBe(0);
    expect(eggsFrom(tomorrow)).toBeGreaterThan(0);
    expect(eggsFrom(tomorrow)).toBeLessThanOrEqual(3000 + 1e-6);
  }, 120_000);

  it('a depot drawn down with too little inbound is flagged short on the day it runs out, with the suppliers to call', async () => {
    // The only eggs: 100 kg at the depot, 3,000 kg a day coming, and a published plan that draws more than that.
    const plan = await runPlan(TOMORROW);
    const eggs = plan.result!.routes.flatMap((r) => r.trips).filter((t) => t.depotId === liwanDepot).flatMap((t) => t.stops)
      .reduce((kg, s) => kg + (s.quantitiesKg.eggs ?? 0), 0);
    expect(eggs).toBeGreaterThan(0);
    expect((await server.call('POST', `/api/plans/${plan.id}/publish`, { token: coord })).status).toBe(200);
    await server.call('PUT', '/api/suppliers/api-supplier', { token: coord, body: body({ deliveries: [{ ...body().deliveries[0], kgPerDay: 1 }] }) });
    const res = await server.call('GET', `/api/depot-outlook?date=${TOMORROW}&horizonDays=2&districtId=liwan`, { token: coord });
    const out = (res.json.data as DepotOutlook[]).find((d) => d.depotId === liwanDepot)!.commodities.eggs!;
    expect(out.shippedKgPerDay).toBeCloseTo(eggs, 0);
    expect(out.shortOn).toBe(TOMORROW);
    expect(out.call.map((c) => c.supplierId)).toEqual(['api-supplier']);
    expect(out.call[0]!.contact).toBe('王经理 020-0000');
    expect(out.daysOfStock).not.toBeNull();
  }, 120_000);
});
