import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Issue 15: zero-width and look-alike whitespace made two names that look the same different to
// every uniqueness check. Names are normalised at the edge (server/domain/names.ts).

let server: TestServer;
let coord: string;

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  coord = await server.login('coord', 'coord123');
}, 60_000);
afterAll(async () => server?.dispose());

const staff = (passNumber: string, name = '张三') => ({
  token: coord, body: { name, role: 'handoff_worker', passNumber, healthCheckValidUntil: '2031-01-01', districtId: 'liwan' },
});

describe('name normalisation', () => {
  it('a zero-width character does not make a second pass number', async () => {
    expect((await server.call('POST', '/api/staff', staff('东漖北-01'))).status).toBe(201);
    const before = await snapshot(server);
    const dup = await server.call('POST', '/api/staff', staff('东漖\u200b北-01'));
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: 'CONFLICT', field: 'body.passNumber' });
    expect(await snapshot(server)).toBe(before);
  });

  it('a fullwidth space (U+3000), doubled or padded spaces are one plain space', async () => {
    const first = await server.call('POST', '/api/staff', staff('东漖\u3000北-02', ' 李\u3000\u3000四 '));
    expect(first.status).toBe(201);
    expect(first.json.data).toMatchObject({ passNumber: '东漖 北-02', name: '李 四' });
    expect((await server.call('POST', '/api/staff', staff(' 东漖  北-02\u200d'))).status).toBe(409);
  });

  it('stores zone, depot and vehicle names normalised, and logs in a username typed with a zero-width space', async () => {
    const ring = [[113.23, 23.09], [113.24, 23.09], [113.24, 23.1], [113.23, 23.1], [113.23, 23.09]];
    const zone = await server.call('POST', '/api/zones', {
      token: coord,
      body: { districtId: 'liwan', name: '东漖\u200b北\uFEFF', nameEn: 'Dongjiao\u00a0 North', tier: 'sealed', population: 10, households: 4, polygon: { type: 'Polygon', coordinates: [ring] } },
    });
    expect(zone.status, JSON.stringify(zone.json)).toBe(201);
    expect(zone.json.data).toMatchObject({ name: '东漖北', nameEn: 'Dongjiao North' });
    const depot = await server.call('POST', '/api/depots', {
      token: coord, body: { name: '芳村\u200b仓', location: [113.235, 23.095], opensAt: '06:00', closesAt: '20:00' },
    });
    expect(depot.status, JSON.stringify(depot.json)).toBe(201);
    expect(depot.json.data.name).toBe('芳村仓');
    expect((await server.call('POST', '/api/sessions', { body: { username: 'coord\u200b', password: 'coord123' } })).status).toBe(201);
  });
});
