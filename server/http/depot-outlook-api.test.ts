import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Depot, DepotOutlook, Plan, PlanSummary, Supplier } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';

// The depots' outlook as the demo meets it (issue 17, stop 21): the server's clock is later than the plan's day
// (the demo runs 3 June 2021 on today's clock), a plan for that day is published, and the outlook must show its
// draws: the day's own loads, and a day's typical draw on the days after it, so the stock does not pile up.

let server: TestServer;
let coord = '';
const DATE = '2021-06-03';
// Years after the plan's day, as in `npm run demo`.
const NOW = new Date('2026-12-07T02:00:00Z');

beforeAll(async () => {
  server = await startTestServer(undefined, {}, { now: () => NOW });
  coord = await server.login('coord', 'coord123');
}, 60_000);
afterAll(async () => server?.dispose());

const drawOf = (plan: Plan) => {
  const out = new Map<string, Record<string, number>>();
  for (const r of plan.result!.routes) for (const t of r.trips) for (const s of t.stops) {
    const kg = out.get(t.depotId) ?? {};
    for (const [c, q] of Object.entries(s.quantitiesKg)) kg[c] = (kg[c] ?? 0) + q;
    out.set(t.depotId, kg);
  }
  return out;
};

describe('GET /api/depot-outlook for a day already past on the server\'s clock', () => {
  it('shows the published plan\'s draws on its day and a day\'s draw after it; a depot no plan touches is not drawn', async () => {
    const run = await server.call('POST', '/api/plans', { token: coord, body: { date: DATE, districtId: 'liwan', timeLimitS: 1, seed: 1 } });
    expect(run.status, JSON.stringify(run.json)).toBe(202);
    const id = (run.json.data as PlanSummary).id;
    await server.services.plans.idle();
    expect((await server.call('POST', `/api/plans/${id}/publish`, { token: coord })).status).toBe(200);
    const plan = (await server.call('GET', `/api/plans/${id}`, { token: coord })).json.data as Plan;
    const draws = drawOf(plan);
    expect(draws.size).toBeGreaterThan(0);

    const res = await server.call('GET', `/api/depot-outlook?date=${DATE}&horizonDays=3`, { token: coord });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const outlook = res.json.data as DepotOutlook[];
    const depots = (await server.call('GET', '/api/depots', { token: coord })).json.data as Depot[];
    const suppliers = (await server.call('GET', '/api/suppliers', { token: coord })).json.data as Supplier[];
    let checked = 0;
    for (const [depotId, kg] of draws) {
      const o = outlook.find((d) => d.depotId === depotId)!;
      const depot = depots.find((d) => d.id === depotId)!;
      for (const [c, drawn] of Object.entries(kg).filter(([, q]) => q > 1)) {
        const row = o.commodities[c]!;
        // The day's own plan, as loaded.
        expect(row.shippedKgPerDay, `${depotId} ${c}`).toBeCloseTo(drawn, 0);
        // Day by day from the opening: + what arrives after it − the day's draw (never below 0) + the next morning's
        // arrivals; the days after the plan's day draw what it drew (no plan for them yet).
        const arrivals = suppliers.flatMap((s) => s.deliveries).filter((d) => d.depotId === depotId && d.commodityId === c);
        const early = arrivals.filter((d) => d.arrivesAt <= depot.opensAt).reduce((a, d) => a + d.kgPerDay, 0);
        const late = arrivals.filter((d) => d.arrivesAt > depot.opensAt).reduce((a, d) => a + d.kgPerDay, 0);
        expect(row.stockKg[0]).toBeCloseTo(depot.stockKg[c] ?? 0, 0);
        for (let i = 0; i < 2; i++) {
          expect(row.stockKg[i + 1], `${depotId} ${c} day ${i + 1}`).toBeCloseTo(Math.max(0, row.stockKg[i]! + late - drawn) + early, 0);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    // Depots with no plan's loads (Foshan's, for a Liwan plan) show no draw.
    for (const o of outlook.filter((d) => !draws.has(d.depotId))) {
      for (const row of Object.values(o.commodities)) expect(row.shippedKgPerDay).toBe(0);
    }
  }, 120_000);
});
