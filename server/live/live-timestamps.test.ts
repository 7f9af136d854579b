import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, type LiveClient } from '../testing/live-kit';

// Driver timestamps are bounded by the server's clock (LIVE_MAX_FUTURE_S, default 300 s) and stop
// events by their plan's day: a refusal answers VALIDATION naming the field and writes nothing.

let server: TestServer;
let driver: LiveClient;
let planId = '';
const VAN = 'lw-van-03';

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  const zones = (await server.store.zones.list()).filter((z) => z.districtId === 'liwan').map((z) => z.id);
  planId = await publishRoutes(server, [await routeThrough(server, VAN, zones.slice(0, 4))], { date: '2021-06-03', districtId: 'liwan' });
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
}, 60_000);
afterAll(async () => {
  driver?.close();
  await server?.dispose();
});

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const move = (at: string) => ({ key: key(), vehicleId: VAN, position: { lng: 113.24, lat: 23.1, speedKmh: 20, at } });
const stop = (stopIndex: number, at: string) => ({ key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex, at });

describe('driver timestamps', () => {
  it('a GPS fix from year 9999 is refused and does not freeze the van; one a minute ahead is taken', async () => {
    const far = await call(driver, 'vehicle:move', move('9999-01-01T00:00:00Z'));
    expect(far).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'input.position.at' } });
    expect((far as { error: { message: string } }).error.message).toMatch(/input\.position\.at/);
    expect((await call(driver, 'vehicle:move', move(inMs(10 * 60_000)))).ok).toBe(false);
    const near = inMs(60_000);
    expect((await call(driver, 'vehicle:move', move(near))).ok).toBe(true);
    await server.live.flush();
    const fixes = await server.store.tracks.lastPositions(VAN);
    expect(fixes.map((f) => f.at)).toEqual([near]);
  });

  it('a stop event dated ahead of the clock, or before its plan\'s day, is refused and not recorded', async () => {
    const ahead = await call(driver, 'stop:arrive', stop(0, inMs(2 * 3600_000)));
    expect(ahead).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'input.at' } });
    const before = await call(driver, 'stop:deliver', { ...stop(1, '2021-05-01T02:00:00Z'), quantitiesKg: { vegetables: 5 }, handoffMode: 'compound_gate' });
    expect(before).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'input.at' } });
    expect(await server.store.deliveries.stopProgress(planId, VAN)).toEqual([]);
    // The plan's own day (a replay of 2021) is still fine.
    expect((await call(driver, 'stop:arrive', stop(0, '2021-06-03T01:00:00Z'))).ok).toBe(true);
  });
});
