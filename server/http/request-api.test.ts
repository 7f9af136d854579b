import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settledSnapshot, snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Residents' requests over the real server: public intake with its spam brakes, staff triage, scope,
// and the demand a request adds to the next plan.

let server: TestServer;
let coord: string;
let official: string;
let liwanZone: string;
let fsZone: string;
let seq = 0;
const body = (extra: Record<string, unknown> = {}) => ({
  category: 'food_shortage', building: '12栋3单元', contact: '13912345678', text: `家里没有菜了 ${++seq}`, ...extra,
});

/** A public POST from a device of its own (or the one named), as a phone would send it. */
async function file(zoneId: string, payload: unknown, device = `dev-${++seq}`) {
  const res = await fetch(`${server.url}/api/public/zones/${zoneId}/requests`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-device-id': device }, body: JSON.stringify(payload),
  });
  return { status: res.status, text: await res.text() };
}

const idOf = async (receiptId: string) => (await server.store.requests.list()).find((r) => r.receiptId === receiptId)!.id;

beforeAll(async () => {
  server = await startTestServer();
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
  const zones = (await server.call('GET', '/api/zones', { token: coord })).json.data as { id: string; districtId: string }[];
  liwanZone = zones.find((z) => z.districtId === 'liwan')!.id;
  fsZone = zones.find((z) => z.districtId !== 'liwan')!.id;
}, 60_000);
afterAll(async () => server?.dispose());

describe('public intake', () => {
  it('files a request without login and echoes nothing personal', async () => {
    const payload = body({ contact: '13900001111', building: '七号楼 701' });
    const res = await file(liwanZone, payload);
    expect(res.status).toBe(201);
    const data = JSON.parse(res.text).data;
    expect(Object.keys(data).sort()).toEqual(['message', 'receiptId']);
    for (const secret of [payload.contact, payload.building, payload.text]) expect(res.text).not.toContain(secret);
    const stored = await server.store.requests.get(await idOf(data.receiptId));
    expect(stored).toMatchObject({ zoneId: liwanZone, districtId: 'liwan', status: 'new', contact: '13900001111' });
  });

  it('shows only the zone name and the goods a request may name on the public page, 404 for unknown zones', async () => {
    const res = await server.call('GET', `/api/public/zones/${liwanZone}`);
    expect(Object.keys(res.json.data).sort()).toEqual(['commodities', 'name', 'nameEn', 'zoneId']);
    // Names only: nothing about stock, rations or plans.
    expect(res.json.data.commodities.length).toBeGreaterThan(0);
    for (const c of res.json.data.commodities) expect(Object.keys(c).sort()).toEqual(['id', 'name', 'nameEn']);
    expect((await server.call('GET', '/api/public/zones/nope')).status).toBe(404);
    expect((await file('nope', body())).status).toBe(404);
  });

  it('rate-limits a device: 429 with a message once its burst is spent', async () => {
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 7; i++) {
      const res = await file(liwanZone, body(), 'one-phone');
      statuses.push(res.status);
      last = res.text;
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(JSON.parse(last).error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(JSON.parse(last).error.message).toMatch(/try again in \d+ s/);
    // Another device in the same zone is not held up.
    expect((await file(liwanZone, body(), 'other-phone')).status).toBe(201);
  });

  it('refuses the honeypot, duplicates and over-long text, storing nothing', async () => {
    const before = await settledSnapshot(server);
    const honey = await file(liwanZone, body({ website: 'http://spam.example' }));
    expect(honey.status).toBe(400);
    expect(JSON.parse(honey.text).error.field).toBe('body.website');
    const long = await file(liwanZone, body({ text: '菜'.repeat(501) }));
    expect(JSON.parse(long.text).error).toMatchObject({ code: 'VALIDATION', field: 'body.text' });
    const badCategory = await file(liwanZone, body({ category: 'pizza' }));
    expect(JSON.parse(badCategory.text).error.field).toBe('body.category');
    expect(await snapshot(server)).toBe(before);

    const text = '三天没有收到鸡蛋了';
    expect((await file(liwanZone, body({ text }))).status).toBe(201);
    const dup = await file(liwanZone, body({ text: ` 三天没有收到鸡蛋了！ ` }));
    expect(dup.status).toBe(409);
    expect(JSON.parse(dup.text).error.field).toBe('body.text');
    // The same words in another zone are another request.
    expect((await file(fsZone, body({ text }))).status).toBe(201);
  });
});

describe('triage', () => {
  it('assigns, then resolves with a note; each change audited; ages shown', async () => {
    const { text } = await file(liwanZone, body());
    const id = await idOf(JSON.parse(text).data.receiptId);
    const me = (await server.call('GET', '/api/me', { token: official })).json.data;
    const assigned = await server.call('PATCH', `/api/requests/${id}`, { token: official, body: { status: 'assigned', ownerId: me.id } });
    expect(assigned.json.data).toMatchObject({ status: 'assigned', ownerId: me.id });
    expect(assigned.json.data.ageS).toBeGreaterThanOrEqual(0);

    const before = await settledSnapshot(server);
    const noNote = await server.call('PATCH', `/api/requests/${id}`, { token: official, body: { status: 'resolved' } });
    expect(noNote.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.note' });
    expect(await snapshot(server)).toBe(before);

    const resolved = await server.call('PATCH', `/api/requests/${id}`, { token: official, body: { status: 'resolved', note: '已送蔬菜包' } });
    expect(resolved.json.data).toMatchObject({ status: 'resolved', note: '已送蔬菜包' });
    const again = await server.call('PATCH', `/api/requests/${id}`, { token: official, body: { status: 'assigned', ownerId: me.id } });
    expect(again.status).toBe(409);
    const audit = (await server.store.audit.list({ entity: 'request', entityId: id })).map((e) => e.action).reverse();
    expect(audit).toEqual(['request.file', 'request.assigned', 'request.resolved']);
  });

  it('keeps officials to their district', async () => {
    const foreign = await idOf(JSON.parse((await file(fsZone, body())).text).data.receiptId);
    expect((await server.call('GET', `/api/requests/${foreign}`, { token: official })).status).toBe(404);
    expect((await server.call('PATCH', `/api/requests/${foreign}`, { token: official, body: { status: 'referred', note: 'x' } })).status).toBe(404);
    expect((await server.call('GET', `/api/requests?districtId=foshan`, { token: official })).status).toBe(403);
    const mine = (await server.call('GET', '/api/requests', { token: official })).json.data as { districtId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.districtId === 'liwan')).toBe(true);
    const all = (await server.call('GET', '/api/requests?status=new&maxAgeS=3600', { token: coord })).json.data as { districtId: string }[];
    expect(new Set(all.map((r) => r.districtId)).size).toBeGreaterThan(1);
  });

  it('bulk changes are all or nothing', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await idOf(JSON.parse((await file(liwanZone, body())).text).data.receiptId));
    const foreign = await idOf(JSON.parse((await file(fsZone, body())).text).data.receiptId);
    const before = await settledSnapshot(server);
    const refused = await server.call('POST', '/api/requests/bulk', { token: official, body: { ids: [...ids, foreign], action: 'refer', note: '转街道' } });
    expect(refused.json.error).toMatchObject({ code: 'NOT_FOUND', field: 'body.ids.3' });
    expect(await snapshot(server)).toBe(before);
    const done = await server.call('POST', '/api/requests/bulk', { token: official, body: { ids, action: 'refer', note: '转街道' } });
    expect(done.json.data.map((r: { status: string }) => r.status)).toEqual(['referred', 'referred', 'referred']);
  });
});

describe('demand from requests', () => {
  async function eggsDemand(zoneId: string): Promise<number> {
    const { id } = (await server.call('POST', '/api/plans', { token: coord, body: { date: '2021-06-03', districtId: 'liwan', timeLimitS: 0.2 } })).json.data;
    await server.services.plans.idle();
    const plan = (await server.call('GET', `/api/plans/${id}`, { token: coord })).json.data;
    return plan.result.zones.find((z: { zoneId: string }) => z.zoneId === zoneId).demandKg.eggs;
  }

  it('infant_needs requests raise eggs in the next plan', async () => {
    const zones = (await server.call('GET', '/api/zones?districtId=liwan', { token: coord })).json.data as { id: string }[];
    const zone = zones[zones.length - 1]!.id;
    const before = await eggsDemand(zone);
    for (let i = 0; i < 3; i++) expect((await file(zone, body({ category: 'infant_needs', text: `宝宝需要鸡蛋 ${i}` }))).status).toBe(201);
    expect(await eggsDemand(zone)).toBeCloseTo(before + 3, 6);
  }, 60_000);
});
