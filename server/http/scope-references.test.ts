import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// References in writes are checked against the writer's scope (issue 15, item 8), and another district's
// object answers exactly as a missing one (item "404 alike"): same status, same code, same field, the
// same message but for the id. The official here is Liwan's; Foshan's records are foreign to them.

let server: TestServer;
let coord: string;
let official: string;
const FOREIGN = {
  district: 'foshan-nanhai', depot: 'foshan-nanhai-depot', staff: 'fs-drv-01', vehicle: 'fs-van-01',
  street: 'foshan-street-guicheng', zone: 'foshan-guicheng-block', user: 'u-foshan',
};
let seq = 0;

const vanBody = (over: Record<string, unknown> = {}) => ({
  id: `ref-van-${++seq}`, name: '测试车', kind: 'van', homeDepotId: 'liwan-lilang-market', districtId: 'liwan',
  capacityKg: 1000, coldChainKg: 0, shiftStart: '06:00', shiftEnd: '18:00', ...over,
});
const staffBody = (over: Record<string, unknown> = {}) => ({
  id: `ref-staff-${++seq}`, name: '王五', role: 'driver', passNumber: `REF-${++seq}`, healthCheckValidUntil: '2031-01-01', districtId: 'liwan', ...over,
});
const square = (lng: number, lat: number, d = 0.002) => ({
  type: 'Polygon', coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});
const zoneBody = (over: Record<string, unknown> = {}) => ({
  id: `ref-zone-${++seq}`, districtId: 'liwan', name: '测试小区', tier: 'controlled', population: 100, households: 40,
  polygon: square(113.24 + seq * 0.003, 23.09), ...over,
});
const depotBody = (over: Record<string, unknown> = {}) => ({
  id: `ref-depot-${++seq}`, districtId: 'liwan', name: '测试仓', location: [113.24, 23.09], opensAt: '06:00', closesAt: '20:00', ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
}, 60_000);
afterAll(async () => server?.dispose());

interface Case { method: string; path: (ref: string) => string; body?: (ref: string) => unknown; kind: keyof typeof FOREIGN }

// Every write with a reference an official could point at another district, and path lookups beside them.
const cases: Record<string, Case> = {
  "van's home depot": { method: 'POST', path: () => '/api/vehicles', body: (ref) => vanBody({ homeDepotId: ref }), kind: 'depot' },
  "van's driver": { method: 'POST', path: () => '/api/vehicles', body: (ref) => vanBody({ driverId: ref }), kind: 'staff' },
  "van's district": { method: 'POST', path: () => '/api/vehicles', body: (ref) => vanBody({ districtId: ref }), kind: 'district' },
  "own van's driver (update)": { method: 'PUT', path: () => '/api/vehicles/lw-van-01', body: (ref) => vanBody({ id: undefined, driverId: ref }), kind: 'staff' },
  "crew member's van": { method: 'POST', path: () => '/api/staff', body: (ref) => staffBody({ vehicleId: ref }), kind: 'vehicle' },
  "crew member's district": { method: 'POST', path: () => '/api/staff', body: (ref) => staffBody({ districtId: ref }), kind: 'district' },
  "zone's district": { method: 'POST', path: () => '/api/zones', body: (ref) => zoneBody({ districtId: ref }), kind: 'district' },
  "zone's street": { method: 'POST', path: () => '/api/zones', body: (ref) => zoneBody({ streetId: ref }), kind: 'street' },
  "depot's district": { method: 'POST', path: () => '/api/depots', body: (ref) => depotBody({ districtId: ref }), kind: 'district' },
  "plan's district": { method: 'POST', path: () => '/api/plans', body: (ref) => ({ date: '2021-06-03', districtId: ref, timeLimitS: 0.2 }), kind: 'district' },
  'zone read': { method: 'GET', path: (ref) => `/api/zones/${ref}`, kind: 'zone' },
  'zone update': { method: 'PUT', path: (ref) => `/api/zones/${ref}`, body: () => zoneBody({ id: undefined }), kind: 'zone' },
  'van availability': { method: 'PUT', path: (ref) => `/api/vehicle-availability/${ref}`, body: () => ({ status: 'broken_down' }), kind: 'vehicle' },
  'pass issue': { method: 'POST', path: (ref) => `/api/staff/${ref}/pass`, body: () => ({}), kind: 'staff' },
  'cover history': { method: 'GET', path: (ref) => `/api/districts/${ref}/cover-history`, kind: 'district' },
};

describe('an official referencing another district answers as for a missing record, and writes nothing', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, async () => {
      const before = await snapshot(server);
      const ask = (ref: string) => server.call(c.method, c.path(ref), { token: official, body: c.body?.(ref) });
      const foreign = await ask(FOREIGN[c.kind]);
      const missing = await ask(`no-such-${c.kind}`);
      expect(foreign.status, JSON.stringify(foreign.json)).toBe(404);
      expect(missing.status, JSON.stringify(missing.json)).toBe(404);
      expect(foreign.json.error.code).toBe('NOT_FOUND');
      expect(missing.json.error.code).toBe('NOT_FOUND');
      expect(foreign.json.error.field).toBe(missing.json.error.field);
      expect(foreign.json.error.message.replace(FOREIGN[c.kind], 'ID')).toBe(missing.json.error.message.replace(`no-such-${c.kind}`, 'ID'));
      await server.services.plans.idle();
      expect(await snapshot(server)).toBe(before);
    });
  }

  it("a request's owner from another district is refused as an unknown user is", async () => {
    const { receiptId } = await server.services.requests.file('liwan-baihedong', { category: 'food_shortage', building: '1栋', contact: '13800000000', text: '缺菜' }, 'ref-device');
    const id = (await server.store.requests.list()).find((r) => r.receiptId === receiptId)!.id;
    const before = await snapshot(server);
    const ask = (ownerId: string) => server.call('PATCH', `/api/requests/${id}`, { token: official, body: { status: 'assigned', ownerId } });
    const [foreign, missing] = [await ask(FOREIGN.user), await ask('no-such-user')];
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(foreign.status).toBeLessThan(500);
    expect([foreign.status, foreign.json.error.code, foreign.json.error.field]).toEqual([missing.status, missing.json.error.code, missing.json.error.field]);
    expect(await snapshot(server)).toBe(before);
  });
});

describe('what the scope allows', () => {
  it('an official may use a city-level depot as home depot, and their own driver', async () => {
    const van = await server.call('POST', '/api/vehicles', { token: official, body: vanBody({ homeDepotId: 'gz-jiangnan-market', driverId: 'lw-drv-01' }) });
    expect(van.status, JSON.stringify(van.json)).toBe(201);
  });

  it('a coordinator may reference any district', async () => {
    const van = await server.call('POST', '/api/vehicles', { token: coord, body: vanBody({ homeDepotId: FOREIGN.depot, driverId: FOREIGN.staff }) });
    expect(van.status, JSON.stringify(van.json)).toBe(201);
    const crew = await server.call('POST', '/api/staff', { token: coord, body: staffBody({ vehicleId: FOREIGN.vehicle, districtId: FOREIGN.district }) });
    expect(crew.status, JSON.stringify(crew.json)).toBe(201);
  });
});
