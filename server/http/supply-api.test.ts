import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Supply channels and the days-of-cover projection over the real server (seeded Liwan and Foshan scenarios).

let server: TestServer;
let coord: string;
let official: string;
let fsZone: string;
let demo: { zones: { zoneId: string; commodities: Record<string, { coverDays: (number | null)[]; suppliedKgByChannel: Record<string, number[]> }> }[] };
const HAILONG = 'liwan-hailong';

const body = (over: Record<string, unknown> = {}) => ({
  id: 'api-point', districtId: 'liwan', name: '测试供应点', kind: 'supply_point', zoneIds: [HAILONG],
  capacity: { vegetables: { ordersPerDay: 2000, kgPerOrder: 3 } }, opensAt: '08:00', closesAt: '17:00', activeFrom: '2021-05-29', ...over,
});
const cover = async (token: string, query: string) => server.call('GET', `/api/cover?${query}`, { token });

beforeAll(async () => {
  server = await startTestServer();
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
  fsZone = (await server.store.zones.list()).find((z) => z.districtId !== 'liwan')!.id;
  demo = (await cover(coord, 'date=2021-06-03&districtId=liwan')).json.data;
  // The demo's own channels would blur the before/after comparison: start from none.
  for (const ch of await server.store.supplyChannels.list()) await server.store.supplyChannels.delete(ch.id);
}, 60_000);
afterAll(async () => server?.dispose());

describe('GET /api/cover', () => {
  it('on the seeded Liwan demo, before any plan, the channels of the record keep the controlled zones above 1 day and the sealed ones not', () => {
    const worst = new Map(demo.zones.map((z) => [z.zoneId, Math.min(...Object.values(z.commodities).map((c) => c.coverDays[0] ?? Infinity))]));
    expect(worst.size).toBe(9);
    for (const id of ['liwan-baihedong', 'liwan-dongjiao']) expect(worst.get(id)).toBeLessThan(1);
    expect([...worst.values()].filter((d) => d >= 1).length).toBeGreaterThan(0);
    const hl = demo.zones.find((z) => z.zoneId === HAILONG)!.commodities.vegetables!;
    expect(hl.suppliedKgByChannel.supply_point![0]).toBeGreaterThan(0);
    expect(hl.suppliedKgByChannel.platform![0]).toBeGreaterThan(0);
  });


  it('answers one entry per horizon day per zone × commodity, and a supply point raises its zone\'s cover', async () => {
    const before = await cover(official, 'date=2021-06-03&horizonDays=2');
    expect(before.status).toBe(200);
    const zones = before.json.data.zones as { zoneId: string; commodities: Record<string, { coverDays: number[]; suppliedKgByChannel: Record<string, number[]> }> }[];
    expect(zones.length).toBe(9);
    const hl0 = zones.find((z) => z.zoneId === HAILONG)!.commodities.vegetables!;
    expect(hl0.coverDays).toHaveLength(2);
    // Sealed since 1 June with 1 day of vegetables at home and nothing coming in: nothing left by 3 June.
    expect(hl0.coverDays).toEqual([0, 0]);
    expect(hl0.suppliedKgByChannel).toEqual({ mobile_van: [0, 0] });

    const created = await server.call('POST', '/api/supply-channels', { token: official, body: body() });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const after = await cover(official, 'date=2021-06-03&horizonDays=2');
    const hl = after.json.data.zones.find((z: { zoneId: string }) => z.zoneId === HAILONG).commodities.vegetables;
    // 6,000 kg a day against 50,000 × 0.4 kg (+ uplifts) of need: all of it is bought, still under a day's need.
    expect(hl.suppliedKgByChannel.supply_point).toEqual([6000, 6000]);
    expect(hl.coverDays).toEqual([0, 0]);
    // A sealed zone may not use a supply point, even one listing it.
    const sealed = await server.call('PUT', '/api/supply-channels/api-point', { token: official, body: body({ zoneIds: [HAILONG, 'liwan-dongjiao'] }) });
    expect(sealed.status).toBe(200);
    const dj = (await cover(official, 'date=2021-06-03&horizonDays=2')).json.data.zones.find((z: { zoneId: string }) => z.zoneId === 'liwan-dongjiao');
    expect(dj.commodities.vegetables.suppliedKgByChannel.supply_point).toBeUndefined();
  });

  it('a platform delivering enough keeps a zone at its usual household stock', async () => {
    const res = await server.call('POST', '/api/supply-channels', { token: coord, body: body({
      id: 'api-gate', kind: 'platform', zoneIds: ['liwan-zhongnan'], capacity: { eggs: { kgPerDay: 100_000 } }, opensAt: '00:00', closesAt: '24:00',
    }) });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const zn = (await cover(coord, 'date=2021-06-03&districtId=liwan')).json.data.zones.find((z: { zoneId: string }) => z.zoneId === 'liwan-zhongnan');
    // 5 days of eggs at home (the default), bought back each day.
    expect(zn.commodities.eggs.coverDays).toEqual([5, 5, 5]);
  });

  it('refuses bad queries and foreign districts', async () => {
    const zero = await cover(official, 'date=2021-06-03&horizonDays=0');
    expect(zero.status).toBe(400);
    expect(zero.json.error.field).toMatch(/horizonDays/);
    expect((await cover(official, 'date=2021-06-03&districtId=' + (await server.store.zones.get(fsZone))!.districtId)).status).toBe(403);
  });
});

describe('supply channel writes', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a zone of another district', { id: 'bad-1', zoneIds: [HAILONG, 'FS'] }, 'body.zoneIds.1'],
    ['hours that end before they start', { id: 'bad-2', opensAt: '17:00', closesAt: '08:00' }, 'body.closesAt'],
    ['a negative capacity', { id: 'bad-3', capacity: { vegetables: { kgPerDay: -5 } } }, 'body.capacity.vegetables.kgPerDay'],
    ['an unknown commodity', { id: 'bad-4', capacity: { rice: { kgPerDay: 5 } } }, 'body.capacity.rice'],
    ['an unknown kind', { id: 'bad-5', kind: 'drone' }, 'body.kind'],
  ];
  for (const [what, over, field] of cases) {
    it(`refuses ${what}, naming ${field}, and writes nothing`, async () => {
      const patched = JSON.parse(JSON.stringify(body(over)).replace('"FS"', JSON.stringify(fsZone)));
      const before = await snapshot(server);
      const res = await server.call('POST', '/api/supply-channels', { token: official, body: patched });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error.field).toBe(field);
      expect(await snapshot(server)).toBe(before);
    });
  }

  it('an official may not create a channel in another district', async () => {
    const fsDistrict = (await server.store.zones.get(fsZone))!.districtId;
    const res = await server.call('POST', '/api/supply-channels', { token: official, body: body({ id: 'bad-6', districtId: fsDistrict, zoneIds: [fsZone] }) });
    // Another district's id answers like a missing one (issue 15: 404 alike).
    expect(res.status).toBe(404);
    expect(res.json.error.field).toBe('body.districtId');
  });
});

describe('household stock at sealing', () => {
  it('reads the defaults, refuses officials and bad days (naming the field, writing nothing), and the projection follows a change', async () => {
    expect((await server.call('GET', '/api/household-stock', { token: official })).json.data).toEqual({ vegetables: 1, eggs: 5, meat: 2, oil: 20 });
    expect((await server.call('PUT', '/api/household-stock', { token: official, body: { days: { eggs: 3 } } })).status).toBe(403);
    for (const [days, field] of [[{ eggs: -1 }, 'body.days.eggs'], [{ rice: 2 }, 'body.days.rice']] as const) {
      const before = await snapshot(server);
      const res = await server.call('PUT', '/api/household-stock', { token: coord, body: { days } });
      expect(res.status).toBe(400);
      expect(res.json.error.field).toBe(field);
      expect(await snapshot(server)).toBe(before);
    }
    const ok = await server.call('PUT', '/api/household-stock', { token: coord, body: { days: { eggs: 3 } } });
    expect(ok.json.data.eggs).toBe(3);
    // 中南 gets all the eggs it buys from the platform of the test above: it holds its (new) usual 3 days.
    const zn = (await cover(coord, 'date=2021-06-03&districtId=liwan')).json.data.zones.find((z: { zoneId: string }) => z.zoneId === 'liwan-zhongnan');
    expect(zn.commodities.eggs.coverDays).toEqual([3, 3, 3]);
  });
});
