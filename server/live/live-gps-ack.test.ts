import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, type LiveClient } from '../testing/live-kit';

// A GPS fix is acknowledged only once it is stored (issue 15): the moment the ack arrives, the fix can
// be read from the database, not just from the server's buffer. A long flush window makes the old
// behaviour (ack at once, write later) show.

let server: TestServer;
let driver: LiveClient;
const VAN = 'lw-van-04';

beforeAll(async () => {
  server = await startTestServer(['liwan-2021'], { live: { ...loadConfig({}).live, positionFlushMs: 1500 } });
  driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
}, 60_000);
afterAll(async () => {
  driver?.close();
  await server?.dispose();
});

describe('GPS acknowledgement', () => {
  it('acks a fix after it is written, and a resend of it likewise', async () => {
    const at = new Date(Date.now() - 1000).toISOString();
    const fix = { key: key(), vehicleId: VAN, position: { lng: 113.24, lat: 23.1, speedKmh: 20, at } };
    const [first, resent] = await Promise.all([call(driver, 'vehicle:move', fix), call(driver, 'vehicle:move', { ...fix, key: key() })]);
    // Read straight from the database (store.tracks, not the live layer's buffer), right after the acks.
    const stored = await server.store.tracks.lastPositions(VAN);
    expect(first).toMatchObject({ ok: true, data: { accepted: true, fresh: true } });
    expect(resent).toMatchObject({ ok: true, data: { accepted: true, fresh: false } });
    expect(stored.map((p) => p.at)).toEqual([at]);
  });
});
