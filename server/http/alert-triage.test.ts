import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Plan, PlanSummary } from '../contract';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Low-cover alerts over real plans: one per zone and commodity however often plans are published, a
// severity from what is at stake that the list filters on, bulk acknowledge and assign (all or
// nothing), and a plan that no longer leaves a zone short closes its alert.

let server: TestServer;
let coord = '';
let official = '';
let officialId = '';
const DATE = '2021-06-03';

async function publishPlan(seed: number): Promise<Plan> {
  const res = await server.call('POST', '/api/plans', { token: coord, body: { date: DATE, districtId: 'liwan', timeLimitS: 0.5, seed } });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  const id = (res.json.data as PlanSummary).id;
  await server.services.plans.idle();
  const pub = await server.call('POST', `/api/plans/${id}/publish`, { token: coord });
  expect(pub.status, JSON.stringify(pub.json)).toBe(200);
  return (await server.call('GET', `/api/plans/${id}`, { token: coord })).json.data as Plan;
}

const openAlerts = async (query = '') =>
  (await server.call('GET', `/api/alerts?state=open${query}`, { token: coord })).json.data as Alert[];

beforeAll(async () => {
  server = await startTestServer();
  [coord, official] = await Promise.all([server.login('coord', 'coord123'), server.login('liwan', 'liwan123')]);
  officialId = ((await server.call('GET', '/api/me', { token: official })).json.data as { id: string }).id;
}, 120_000);
afterAll(async () => server?.dispose());

describe('low-cover alerts', () => {
  let plan: Plan;

  it('a second publish updates the open low-cover alerts instead of adding twins', async () => {
    plan = await publishPlan(1);
    const short = plan.result!.zones.flatMap((z) => Object.entries(z.daysOfCover).filter(([, d]) => d !== null && d < 1).map(([c]) => `${z.zoneId}/${c}`));
    expect(short.length).toBeGreaterThan(0); // the demo's supply is short: the rule has something to say
    await server.services.alerts.evaluateAlerts();
    const first = (await openAlerts()).filter((a) => a.rule === 'low_cover');
    expect(first.map((a) => `${a.zoneId}/${a.commodityId}`).sort()).toEqual([...short].sort());

    plan = await publishPlan(2);
    await server.services.alerts.evaluateAlerts();
    const second = (await openAlerts()).filter((a) => a.rule === 'low_cover');
    const keys = second.map((a) => `${a.zoneId}/${a.commodityId}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Same pairs short under the new plan keep their alert (same id); none is raised twice.
    const kept = first.filter((a) => keys.includes(`${a.zoneId}/${a.commodityId}`));
    for (const a of kept) expect(second.find((b) => b.zoneId === a.zoneId && b.commodityId === a.commodityId)!.id).toBe(a.id);
  });

  it('each alert carries a severity, and ?severity= returns exactly the open alerts of it', async () => {
    const all = await openAlerts();
    expect(all.every((a) => ['low', 'medium', 'high', 'critical'].includes(a.severity))).toBe(true);
    for (const severity of ['low', 'medium', 'high', 'critical'] as const) {
      const listed = await openAlerts(`&severity=${severity}`);
      expect(listed.map((a) => a.id).sort()).toEqual(all.filter((a) => a.severity === severity).map((a) => a.id).sort());
    }
    const bad = await server.call('GET', '/api/alerts?severity=urgent', { token: coord });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toMatch(/severity/);
  });

  it('a zone the newest plan no longer leaves short has its alert closed', async () => {
    // The demo is short of every planned commodity everywhere, so the stale alert names one the plan
    // does not leave short: a commodity it does not plan at all.
    const covered = plan.result!.zones[0]!;
    const commodityId = 'rice';
    expect(covered.daysOfCover[commodityId]).toBeUndefined();
    const id = `stale-${covered.zoneId}-${commodityId}`;
    await server.store.alerts.insert({
      id, key: `low_cover/${covered.zoneId}/${commodityId}`, zoneId: covered.zoneId, districtId: 'liwan', rule: 'low_cover', commodityId,
      severity: 'high', reasonZh: '旧', reasonEn: 'old', state: 'open', ownerId: null, raisedAt: new Date().toISOString(),
      acknowledgedAt: null, closedAt: null, closedBy: null, closeNote: null,
    });
    await server.services.alerts.evaluateAlerts();
    const after = await server.store.alerts.get(id);
    expect(after).toMatchObject({ state: 'closed', closedBy: null });
    expect(after!.closeNote).toMatch(/no longer leaves this zone short/);
  });
});

describe('bulk acknowledge and assign', () => {
  it('assigns several alerts to a staff owner and acknowledges them, all or nothing', async () => {
    const open = (await openAlerts()).filter((a) => a.districtId === 'liwan').slice(0, 3);
    expect(open.length).toBe(3);
    const ids = open.map((a) => a.id);

    const assigned = await server.call('POST', '/api/alerts/bulk', { token: coord, body: { ids, action: 'assign', ownerId: officialId } });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
    expect((await openAlerts(`&ownerId=${officialId}`)).map((a) => a.id).sort()).toEqual([...ids].sort());

    // One bad id refuses the whole batch and changes nothing.
    const before = await snapshot(server);
    const refused = await server.call('POST', '/api/alerts/bulk', { token: official, body: { ids: [...ids, 'no-such-alert'], action: 'acknowledge' } });
    expect(refused.status).toBe(404);
    expect(refused.json.error.field).toBe('body.ids.3');
    expect(await snapshot(server)).toBe(before);

    const acked = await server.call('POST', '/api/alerts/bulk', { token: official, body: { ids, action: 'acknowledge' } });
    expect(acked.status, JSON.stringify(acked.json)).toBe(200);
    expect((acked.json.data as Alert[]).every((a) => a.state === 'acknowledged' && a.ownerId === officialId)).toBe(true);
    const again = await server.call('POST', '/api/alerts/bulk', { token: official, body: { ids, action: 'acknowledge' } });
    expect(again.status).toBe(409);
  });

  it('refuses an owner who is not staff of the alert\'s district', async () => {
    const [alert] = (await openAlerts()).filter((a) => a.districtId === 'liwan');
    const driverId = ((await server.call('GET', '/api/me', { token: await server.login('driver1', 'driver123') })).json.data as { id: string }).id;
    const res = await server.call('POST', '/api/alerts/bulk', { token: coord, body: { ids: [alert!.id], action: 'assign', ownerId: driverId } });
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe('body.ownerId');
    const missingOwner = await server.call('POST', '/api/alerts/bulk', { token: coord, body: { ids: [alert!.id], action: 'assign' } });
    expect(missingOwner.json.error.field).toBe('body.ownerId');
  });
});
