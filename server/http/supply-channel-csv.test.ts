import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupplyChannel } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';

// Supply channels from CSV over the real server: every row through the same checks as the JSON API, a bad
// row refused naming its line and field, and then nothing written (all or nothing).

let server: TestServer;
let coord = '';
let official = '';
let fsZone = '';

const HEADER = 'id,districtId,name,nameEn,kind,zoneIds,opensAt,closesAt,tiers,activeFrom,activeUntil,note,kgPerDay.vegetables,ordersPerDay.eggs,kgPerOrder.eggs';
const ROW_A = 'csv-a,liwan,"华润, 海龙 供应点",CRV,supply_point,liwan-hailong;liwan-chongkou,08:00,17:00,controlled,2021-05-29,2021-06-24,"ASSUMPTION: ""750"" orders",5000,1000,0.5';
const ROW_B = 'csv-b,liwan,团购,Group orders,platform,liwan-dongjiao,00:00,24:00,,2021-05-30,,,2000,,';
const post = (csv: string, token = coord) => server.call('POST', '/api/supply-channels/import', { token, body: csv, contentType: 'text/csv' });
const channelIds = async () => (await server.store.supplyChannels.list()).map((c) => c.id).sort();

beforeAll(async () => {
  server = await startTestServer();
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
  fsZone = (await server.store.zones.list()).find((z) => z.districtId !== 'liwan')!.id;
}, 60_000);
afterAll(async () => server?.dispose());

describe('POST /api/supply-channels/import', () => {
  it('creates channels from rows (quoted commas, lists, capacities, optional cells) and updates them on a second import', async () => {
    const res = await post(`\uFEFF${HEADER}\r\n${ROW_A}\r\n${ROW_B}\r\n`, official);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.data).toEqual({ created: 2, updated: 0 });
    const a = (await server.store.supplyChannels.get('csv-a')) as SupplyChannel;
    expect(a).toMatchObject({
      name: '华润, 海龙 供应点', kind: 'supply_point', zoneIds: ['liwan-chongkou', 'liwan-hailong'], tiers: ['controlled'],
      capacity: { vegetables: { kgPerDay: 5000 }, eggs: { ordersPerDay: 1000, kgPerOrder: 0.5 } }, activeUntil: '2021-06-24', note: 'ASSUMPTION: "750" orders',
    });
    expect((await server.store.supplyChannels.get('csv-b'))).toMatchObject({ activeUntil: null, tiers: [], capacity: { vegetables: { kgPerDay: 2000 } } });
    const again = await post(`${HEADER}\n${ROW_A.replace(',5000,', ',6000,')}\n`);
    expect(again.json.data).toEqual({ created: 0, updated: 1 });
    expect((await server.store.supplyChannels.get('csv-a'))!.capacity.vegetables).toEqual({ kgPerDay: 6000 });
  });

  it.each([
    ['a zone of another district', () => ROW_B.replace('liwan-dongjiao', fsZone), 'body.row 3.zoneIds.0'],
    ['a negative capacity', () => ROW_B.replace(',2000,', ',-5,'), 'body.row 3.kgPerDay.vegetables'],
    ['hours that end before they start', () => ROW_B.replace('00:00,24:00', '18:00,08:00'), 'body.row 3.closesAt'],
    ['an unknown kind', () => ROW_B.replace(',platform,', ',truck,'), 'body.row 3.kind'],
    ['a date that is no date', () => ROW_B.replace('2021-05-30', '30/05/2021'), 'body.row 3.activeFrom'],
    ['an unknown commodity column', () => null, 'body.row 2.capacity.caviar'],
  ])('refuses %s naming the row and field, and writes nothing', async (_what, row, field) => {
    const before = await channelIds();
    const beforeA = await server.store.supplyChannels.get('csv-a');
    const bad = row();
    const csv = bad === null ? `${HEADER},kgPerDay.caviar\n${ROW_A.replace('csv-a', 'csv-new')},1\n` : `${HEADER}\n${ROW_A.replace('csv-a', 'csv-new').replace(',5000,', ',7000,')}\n${bad.replace('csv-b', 'csv-c')}\n`;
    const res = await post(csv);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json.error.field).toBe(field);
    expect(res.json.error.message).toContain(bad === null ? 'row 2' : 'row 3');
    // The good row before the bad one was not written either.
    expect(await channelIds()).toEqual(before);
    expect(await server.store.supplyChannels.get('csv-a')).toEqual(beforeA);
  });

  it('a missing required column is refused naming the header row', async () => {
    const res = await post('id,districtId,name\nx,liwan,n\n');
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe('body.row 1');
    expect(res.json.error.message).toContain('"kind"');
  });

  it('an official may not import a channel of another district', async () => {
    const fsDistrict = (await server.store.zones.list()).find((z) => z.id === fsZone)!.districtId;
    const res = await post(`${HEADER}\n${ROW_B.replace('csv-b,liwan', `csv-f,${fsDistrict}`).replace('liwan-dongjiao', fsZone)}\n`, official);
    expect(res.status).toBe(404);
    expect(res.json.error.field).toBe('body.row 2.districtId');
    expect(await server.store.supplyChannels.get('csv-f')).toBeNull();
  });
});
