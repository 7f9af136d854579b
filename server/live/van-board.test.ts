import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VanBoard } from '../contract';
import { loadScenario } from '../store/scenario-files';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, type LiveClient } from '../testing/live-kit';

// GET /api/vans/board over a real server: built from the published plan and what drivers sent over the socket.

const NOW = Date.parse('2021-06-03T02:00:00Z'); // 10:00 local, two hours after the first planned stop
let server: TestServer;
let driver: LiveClient;
let planId = '';
let coord = '';
let liwan = '';
const VAN = 'lw-van-03';
let zones: string[] = [];

beforeAll(async () => {
  server = await startTestServer(['liwan-2021', 'foshan-2021'], {}, { now: () => new Date(NOW) });
  zones = (await server.store.zones.list()).filter((z) => z.districtId === 'liwan').slice(0, 3).map((z) => z.id);
  planId = await publishRoutes(server, [await routeThrough(server, VAN, zones)], { date: '2021-06-03', districtId: 'liwan' });
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
  coord = await server.login('coord', 'coord123');
  liwan = await server.login('liwan', 'liwan123');
}, 60_000);
afterAll(async () => {
  driver?.close();
  await server?.dispose();
});

const board = async (token: string): Promise<VanBoard> => {
  const res = await server.call('GET', '/api/vans/board', { token });
  expect(res.status).toBe(200);
  return res.json.data as VanBoard;
};

describe('van board', () => {
  it('shows a van without a fix as silent and late by the clock, first', async () => {
    const row = (await board(coord)).vans[0]!;
    expect(row).toMatchObject({ vehicleId: VAN, planId, state: 'not_started', silent: true, late: true, position: null, stopsTotal: 3 });
    expect(row.nextStop?.zoneId).toBe(zones[0]);
    expect(row.nextStop?.eta).toBe('10:00'); // no ETA without a fix: the clock
    expect(row.minutesLate).toBe(120);
  });

  it("follows the driver's position and deliveries: state, next stop, ETA, kg", async () => {
    const at = new Date(NOW - 20_000).toISOString();
    const moved = await call(driver, 'vehicle:move', { key: key(), vehicleId: VAN, position: { lng: 113.235, lat: 23.115, speedKmh: 20, at } });
    expect(moved.ok).toBe(true);
    const delivered = await call(driver, 'stop:deliver', {
      key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex: 0, at, quantitiesKg: { vegetables: 10, eggs: 2 }, handoffMode: 'compound_gate',
    });
    expect(delivered.ok).toBe(true);
    const row = (await board(coord)).vans.find((v) => v.vehicleId === VAN)!;
    expect(row.position).toMatchObject({ lng: 113.235, lat: 23.115, at });
    expect(row.positionAgeS).toBe(20);
    expect(row.silent).toBe(false);
    expect(['en_route', 'at_stop']).toContain(row.state);
    expect(row.nextStop?.zoneId).toBe(zones[1]);
    expect(row.nextStop?.etaAt).not.toBeNull();
    expect(row.nextStop?.eta).toMatch(/^\d{2}:\d{2}$/);
    expect(row.nextStop?.eta).toBe(new Date(Date.parse(row.nextStop!.etaAt!) + 8 * 3600_000).toISOString().slice(11, 16));
    expect([row.deliveredKg, row.plannedKg, row.stopsDone]).toEqual([12, 36, 1]);
  });

  it("is scoped: Liwan's official sees the van, Foshan's does not, a driver may not ask", async () => {
    expect((await board(liwan)).vans.map((v) => v.vehicleId)).toContain(VAN);
    const scenario = loadScenario('foshan-2021');
    const login = scenario.users.find((u) => u.role === 'district_official')!;
    const foshan = await server.login(login.username, login.password);
    expect((await board(foshan)).vans.map((v) => v.vehicleId)).not.toContain(VAN);
    const { token } = await driverLogin(server, 'lw-van-05', 'liwan');
    const refused = await server.call('GET', '/api/vans/board', { token });
    expect(refused.status).toBe(403);
  });
});
