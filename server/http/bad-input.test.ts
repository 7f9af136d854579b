import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Bad input per route: each gets a 4xx whose message names the field and the problem, and the
// database (audit log included) is exactly as before.

let server: TestServer;
let token = '';
let liwanDepot = '';
let liwanVan = '';
let liwanZone = '';

const square = (lng: number, lat: number, d = 0.003) => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});
const goodZone = () => ({
  districtId: 'liwan', name: '测试小区', tier: 'sealed', population: 1200, households: 450, polygon: square(113.235, 23.085),
});
const goodDepot = () => ({ name: 'test depot', location: [113.24, 23.09], opensAt: '05:00', closesAt: '21:00' });
const goodVehicle = () => ({
  name: 'test van', kind: 'van', homeDepotId: liwanDepot, capacityKg: 1500, coldChainKg: 300, shiftStart: '06:00', shiftEnd: '18:00',
});
const goodStaff = () => ({ name: '王师傅', role: 'driver', passNumber: 'T-1', healthCheckValidUntil: '2030-01-01' });

interface Case {
  name: string;
  method: string;
  path: () => string;
  body: () => unknown;
  contentType?: string;
  status: number;
  /** Substrings the error message must contain: the field and the problem. */
  mentions: string[];
  /** The one audit entry the refusal itself writes (a failed login is recorded for coordinators: issue 15). */
  audits?: string;
}

const cases: Case[] = [
  { name: 'zone without a name', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), name: undefined }), status: 400, mentions: ['body.name'] },
  { name: 'zone population as text', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), population: '1200' }), status: 400, mentions: ['body.population', 'number'] },
  { name: 'zone negative population', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), population: -5 }), status: 400, mentions: ['body.population', 'negative'] },
  { name: 'zone unknown district', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), districtId: 'atlantis' }), status: 404, mentions: ['body.districtId', 'atlantis'] },
  { name: 'zone unknown tier', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), tier: 'lockdown-9' }), status: 400, mentions: ['body.tier', 'lockdown-9'] },
  { name: 'zone unknown field', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), colour: 'red' }), status: 400, mentions: ['colour'] },
  { name: 'zone households above population', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), households: 5000 }), status: 400, mentions: ['body.households'] },
  {
    name: 'self-intersecting polygon (bow tie)', method: 'POST', path: () => '/api/zones', status: 400, mentions: ['body.polygon', 'crosses itself'],
    body: () => ({ ...goodZone(), polygon: { type: 'Polygon', coordinates: [[[113.23, 23.08], [113.24, 23.09], [113.24, 23.08], [113.23, 23.09], [113.23, 23.08]]] } }),
  },
  {
    name: 'open ring', method: 'POST', path: () => '/api/zones', status: 400, mentions: ['body.polygon', 'closed'],
    body: () => ({ ...goodZone(), polygon: { type: 'Polygon', coordinates: [[[113.23, 23.08], [113.24, 23.08], [113.24, 23.09], [113.23, 23.09]]] } }),
  },
  {
    name: 'coordinates in [lat, lng] order', method: 'POST', path: () => '/api/zones', status: 400, mentions: ['body.polygon', '[lat, lng]'],
    body: () => ({ ...goodZone(), polygon: { type: 'Polygon', coordinates: square(113.235, 23.085).coordinates.map((r) => r.map(([a, b]) => [b, a])) } }),
  },
  { name: 'polygon in another city', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), polygon: square(116.39, 39.9) }), status: 400, mentions: ['body.polygon', 'outside district'] },
  { name: 'latitude out of range', method: 'POST', path: () => '/api/zones', body: () => ({ ...goodZone(), polygon: square(113.2, 95) }), status: 400, mentions: ['body.polygon', 'latitude'] },
  { name: 'update of an unknown zone', method: 'PUT', path: () => '/api/zones/no-such-zone', body: goodZone, status: 404, mentions: ['no-such-zone'] },
  { name: 'update with a mismatched id', method: 'PUT', path: () => `/api/zones/${liwanZone}`, body: () => ({ ...goodZone(), id: 'other-id' }), status: 400, mentions: ['body.id'] },
  { name: 'body that is not JSON', method: 'POST', path: () => '/api/zones', body: () => '{"name": ', status: 400, mentions: ['JSON'] },
  {
    name: 'GeoJSON import with one bad feature (nothing imported)', method: 'POST', path: () => '/api/zones/import', status: 400, mentions: ['features.1', 'crosses itself'],
    body: () => ({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: square(113.236, 23.086), properties: { ...goodZone(), polygon: undefined, name: 'ok zone' } },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[113.23, 23.08], [113.24, 23.09], [113.24, 23.08], [113.23, 23.09], [113.23, 23.08]]] }, properties: { ...goodZone(), polygon: undefined } },
      ],
    }),
  },
  {
    name: 'a 5 MB GeoJSON import', method: 'POST', path: () => '/api/zones/import', status: 413, mentions: ['larger than'],
    body: () => ({ type: 'FeatureCollection', features: Array.from({ length: 15_000 }, (_, i) => ({ type: 'Feature', geometry: square(113.2 + (i % 100) * 0.0004, 23.05 + Math.floor(i / 100) * 0.0004, 0.0003), properties: { name: `z${i}`, districtId: 'liwan', tier: 'sealed', population: 10, households: 4 } })) }),
  },
  { name: 'depot without location', method: 'POST', path: () => '/api/depots', body: () => ({ ...goodDepot(), location: undefined }), status: 400, mentions: ['body.location'] },
  { name: 'depot bad opening time', method: 'POST', path: () => '/api/depots', body: () => ({ ...goodDepot(), opensAt: '25:00' }), status: 400, mentions: ['body.opensAt', 'HH:MM'] },
  { name: 'depot stock of an unknown commodity', method: 'POST', path: () => '/api/depots', body: () => ({ ...goodDepot(), stockKg: { caviar: 5 } }), status: 404, mentions: ['body.stockKg.caviar'] },
  { name: 'negative stock', method: 'PUT', path: () => `/api/depots/${liwanDepot}/stock`, body: () => ({ stockKg: { eggs: -10 } }), status: 400, mentions: ['body.stockKg.eggs', 'negative'] },
  { name: 'stock of an unknown depot', method: 'PUT', path: () => '/api/depots/nowhere/stock', body: () => ({ stockKg: { eggs: 10 } }), status: 404, mentions: ['nowhere'] },
  { name: 'stock CSV with a negative quantity', method: 'POST', path: () => '/api/stock/import', contentType: 'text/csv', body: () => `depotId,commodityId,kg\n${liwanDepot},eggs,50\n${liwanDepot},meat,-3\n`, status: 400, mentions: ['line 3', 'kg', 'negative'] },
  { name: 'stock CSV with an unknown depot', method: 'POST', path: () => '/api/stock/import', contentType: 'text/csv', body: () => `depotId,commodityId,kg\n${liwanDepot},eggs,50\nghost,eggs,3\n`, status: 404, mentions: ['line 3', 'ghost'] },
  ...[['1e308', 'plain decimal'], ['0x10', 'plain decimal'], ['Infinity', 'plain decimal'], ['1,5', 'plain decimal'], [' ', 'plain decimal'], ['100000001', 'implausibly large']].map(([kg, why]) => ({
    name: `stock CSV with the quantity ${JSON.stringify(kg)} (issue 15)`, method: 'POST' as const, path: () => '/api/stock/import', contentType: 'text/csv',
    body: () => `depotId,commodityId,kg\n${liwanDepot},eggs,50\n${liwanDepot},meat,"${kg}"\n`, status: 400, mentions: ['line 3', 'column "kg"', why!],
  })),
  { name: 'stock CSV without a header', method: 'POST', path: () => '/api/stock/import', contentType: 'text/csv', body: () => `${liwanDepot},eggs,50\n`, status: 400, mentions: ['header'] },
  { name: 'vehicle with an unknown home depot', method: 'POST', path: () => '/api/vehicles', body: () => ({ ...goodVehicle(), homeDepotId: 'nope' }), status: 404, mentions: ['body.homeDepotId', 'nope'] },
  { name: 'vehicle with negative capacity', method: 'POST', path: () => '/api/vehicles', body: () => ({ ...goodVehicle(), capacityKg: -1 }), status: 400, mentions: ['body.capacityKg'] },
  { name: 'vehicle cold chain above capacity', method: 'POST', path: () => '/api/vehicles', body: () => ({ ...goodVehicle(), coldChainKg: 9000 }), status: 400, mentions: ['body.coldChainKg'] },
  { name: 'vehicle shift ending before it starts', method: 'POST', path: () => '/api/vehicles', body: () => ({ ...goodVehicle(), shiftEnd: '05:00' }), status: 400, mentions: ['body.shiftEnd'] },
  { name: 'vehicle kind not in the list', method: 'POST', path: () => '/api/vehicles', body: () => ({ ...goodVehicle(), kind: 'rocket' }), status: 400, mentions: ['body.kind'] },
  { name: 'staff with a bad health-check date', method: 'POST', path: () => '/api/staff', body: () => ({ ...goodStaff(), healthCheckValidUntil: 'next week' }), status: 400, mentions: ['body.healthCheckValidUntil'] },
  { name: 'staff bound to an unknown vehicle', method: 'POST', path: () => '/api/staff', body: () => ({ ...goodStaff(), vehicleId: 'ghost-van' }), status: 404, mentions: ['body.vehicleId'] },
  { name: 'ration as a negative number', method: 'PUT', path: () => '/api/commodities/eggs', body: () => ({ dailyRationKgPerPerson: -0.05 }), status: 400, mentions: ['body.dailyRationKgPerPerson'] },
  { name: 'ration of an unknown commodity', method: 'PUT', path: () => '/api/commodities/caviar', body: () => ({ dailyRationKgPerPerson: 0.01 }), status: 404, mentions: ['caviar'] },
  { name: 'login without a password', method: 'POST', path: () => '/api/sessions', body: () => ({ username: 'coord' }), status: 400, mentions: ['body.password'] },
  { name: 'login with a wrong password', method: 'POST', path: () => '/api/sessions', body: () => ({ username: 'coord', password: 'nope' }), status: 401, mentions: ['password'], audits: 'session.fail' },
  { name: 'list with an unknown query field', method: 'GET', path: () => '/api/zones?colour=red', body: () => undefined, status: 400, mentions: ['colour'] },
  { name: 'van availability not in the list', method: 'PUT', path: () => `/api/vehicle-availability/${liwanVan}`, body: () => ({ status: 'on_holiday' }), status: 400, mentions: ['body.status'] },
  { name: 'van availability note over 200 characters', method: 'PUT', path: () => `/api/vehicle-availability/${liwanVan}`, body: () => ({ status: 'broken_down', note: 'x'.repeat(201) }), status: 400, mentions: ['body.note'] },
  { name: 'van availability with an extra field', method: 'PUT', path: () => `/api/vehicle-availability/${liwanVan}`, body: () => ({ status: 'broken_down', capacityKg: 1 }), status: 400, mentions: ['capacityKg'] },
  { name: 'availability of an unknown van', method: 'PUT', path: () => '/api/vehicle-availability/ghost-van', body: () => ({ status: 'broken_down' }), status: 404, mentions: ['ghost-van'] },
  { name: 'cover history over 0 days', method: 'GET', path: () => '/api/districts/liwan/cover-history?days=0', body: () => undefined, status: 400, mentions: ['query.days'] },
  { name: 'cover history over 40 days', method: 'GET', path: () => '/api/districts/liwan/cover-history?days=40', body: () => undefined, status: 400, mentions: ['query.days', '31'] },
  { name: 'cover history until a date that does not exist', method: 'GET', path: () => '/api/districts/liwan/cover-history?until=2021-02-30', body: () => undefined, status: 400, mentions: ['query.until'] },
  { name: 'cover history of an unknown district', method: 'GET', path: () => '/api/districts/atlantis/cover-history', body: () => undefined, status: 404, mentions: ['atlantis'] },
  { name: 'an unknown API route', method: 'GET', path: () => '/api/teleporters', body: () => undefined, status: 404, mentions: ['/api/teleporters'] },
  { name: 'deleting a depot that vans call home', method: 'DELETE', path: () => `/api/depots/${liwanDepot}`, body: () => undefined, status: 409, mentions: [liwanDepot] },
];

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  token = await server.login('coord', 'coord123');
  const vehicles = (await server.call('GET', '/api/vehicles', { token })).json.data;
  liwanDepot = vehicles.find((v: { districtId: string }) => v.districtId === 'liwan').homeDepotId;
  liwanVan = vehicles.find((v: { districtId: string }) => v.districtId === 'liwan').id;
  liwanZone = (await server.call('GET', '/api/zones', { token })).json.data[0].id;
}, 120_000);

afterAll(async () => server?.dispose());

describe('bad input is refused with a message naming the problem, and changes nothing', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const before = await snapshot(server);
      const res = await server.call(c.method, c.path(), { token, body: c.body(), contentType: c.contentType });
      expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(c.status);
      expect(res.json.ok).toBe(false);
      for (const m of c.mentions) expect(res.json.error.message).toContain(m);
      if (!c.audits) {
        expect(await snapshot(server)).toBe(before);
        return;
      }
      // Nothing changed but one new audit entry on top of the log (snapshot's 10th part).
      const [was, now] = [JSON.parse(before) as unknown[][], JSON.parse(await snapshot(server)) as unknown[][]];
      const [wasAudit, nowAudit] = [was.splice(9, 1)[0]!, now.splice(9, 1)[0]!];
      expect(now).toEqual(was);
      expect(nowAudit.slice(1)).toEqual(wasAudit);
      expect(nowAudit[0]).toMatchObject({ action: c.audits });
    });
  }

  it('the good versions of those inputs are accepted (so the refusals above are about the flaw)', async () => {
    const zone = await server.call('POST', '/api/zones', { token, body: goodZone() });
    expect(zone.status, JSON.stringify(zone.json)).toBe(201);
    const depot = await server.call('POST', '/api/depots', { token, body: { ...goodDepot(), stockKg: { eggs: 5 } } });
    expect(depot.status, JSON.stringify(depot.json)).toBe(201);
    const vehicle = await server.call('POST', '/api/vehicles', { token, body: goodVehicle() });
    expect(vehicle.status, JSON.stringify(vehicle.json)).toBe(201);
    const staff = await server.call('POST', '/api/staff', { token, body: goodStaff() });
    expect(staff.status, JSON.stringify(staff.json)).toBe(201);
    const csv = await server.call('POST', '/api/stock/import', { token, body: `depotId,commodityId,kg\n${liwanDepot},eggs,50\n`, contentType: 'text/csv' });
    expect(csv.status, JSON.stringify(csv.json)).toBe(200);
    expect(csv.json.data).toEqual({ created: 0, updated: 1 });
    const broken = await server.call('PUT', `/api/vehicle-availability/${liwanVan}`, { token, body: { status: 'broken_down', note: '刹车故障' } });
    expect(broken.status, JSON.stringify(broken.json)).toBe(200);
    expect(broken.json.data).toMatchObject({ vehicleId: liwanVan, status: 'broken_down', note: '刹车故障' });
  });
});
