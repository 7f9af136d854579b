import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEndedEvent } from '../contract';
import { startTestServer, type TestServer } from '../testing/test-server';
import { connectLive, driverLogin, key, publishRoutes, routeThrough, until, type LiveClient } from '../testing/live-kit';

// A live socket lives no longer than its session, and no longer than its user's right to its room.

let server: TestServer;
let coordToken = '';
const open: LiveClient[] = [];
const VAN = 'lw-van-03';

beforeAll(async () => {
  server = await startTestServer();
  coordToken = await server.login('coord', 'coord123');
  const zone = (await server.store.zones.list()).find((z) => z.districtId === 'liwan')!.id;
  await publishRoutes(server, [await routeThrough(server, VAN, [zone])], { date: '2021-06-03', districtId: 'liwan' });
}, 60_000);

afterAll(async () => {
  for (const s of open) s.close();
  await server?.dispose();
});

/** Connects, then measures how long after `act` the server drops the socket. */
async function dropTime(token: string, act: () => Promise<unknown>): Promise<{ ms: number; ended: SessionEndedEvent | null; reason: string }> {
  const socket = await connectLive(server.url, token);
  open.push(socket);
  let ended: SessionEndedEvent | null = null;
  socket.on('session:ended', (e) => { ended = e; });
  const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  const start = Date.now();
  await act();
  const reason = await dropped;
  return { ms: Date.now() - start, ended, reason };
}

describe('live sessions', () => {
  it('logging out drops the socket within a second', async () => {
    const token = await server.login('liwan', 'liwan123');
    const r = await dropTime(token, () => server.call('DELETE', '/api/sessions/current', { token }));
    expect(r).toMatchObject({ ended: { reason: 'revoked' }, reason: 'io server disconnect' });
    expect(r.ms).toBeLessThan(1000);
  });

  it("a coordinator revoking a user's sessions drops that user's sockets within a second", async () => {
    const { token, user } = await driverLogin(server, VAN, 'liwan');
    const r = await dropTime(token, () => server.call('POST', `/api/users/${user.id}/revoke-sessions`, { token: coordToken }));
    expect(r.ended).toEqual({ reason: 'revoked' });
    expect(r.ms).toBeLessThan(1000);
    const refused = connectLive(server.url, token);
    await expect(refused).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  });

  it('moving a user to another district drops their socket within a second', async () => {
    const id = 'u-moving-official';
    const user = { id, username: id, displayName: id, role: 'district_official' as const, districtId: 'liwan', vehicleId: null };
    const record = (await server.store.users.getByUsername('liwan'))!;
    await server.store.users.upsert(user, record.passwordHash);
    const token = await server.login(id, 'liwan123');
    const r = await dropTime(token, () => server.store.users.upsert({ ...user, districtId: 'foshan-nanhai' }, record.passwordHash));
    expect(r.ended).toEqual({ reason: 'reassigned' });
    expect(r.ms).toBeLessThan(1000);
    const again = await connectLive(server.url, token);
    open.push(again);
    const snap = await again.timeout(5000).emitWithAck('sync:request');
    expect(snap.ok && snap.data.room).toBe('district:foshan-nanhai');
  });

  it('a session revoked while its socket was away is not recovered, and nothing missed is replayed to it', async () => {
    const token = await server.login('liwan', 'liwan123');
    const watcher = await connectLive(server.url, token, { reconnection: true });
    open.push(watcher);
    const driver = await connectLive(server.url, (await driverLogin(server, VAN, 'liwan')).token);
    open.push(driver);
    const move = (n: number) => driver.timeout(5000).emitWithAck('vehicle:move', {
      key: key(), vehicleId: VAN, position: { lng: 113.24, lat: 23.12 + n * 1e-4, speedKmh: 10, at: new Date(Date.parse('2021-06-03T01:00:00Z') + n * 1000).toISOString() },
    });
    let seen = 0;
    watcher.on('vehicles:moved', (e) => { seen += e.moves.length; });
    await move(1);
    await until(() => seen === 1, 3000, 'the first event (gives the client an offset)');
    // Away with a recoverable transport close; meanwhile events happen and the session is revoked.
    watcher.io.reconnection(false);
    watcher.io.engine.close();
    await until(() => !watcher.connected, 3000, 'disconnect');
    await move(2);
    await move(3);
    await server.call('DELETE', '/api/sessions/current', { token });
    let packets = 0;
    watcher.io.on('packet', (p: { type: number }) => { if (p.type === 2) packets += 1; });
    const refused = new Promise((resolve) => watcher.once('connect_error', resolve));
    watcher.io.reconnection(true);
    watcher.connect();
    expect(await refused).toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    expect(packets).toBe(0);
    expect(seen).toBe(1);
    watcher.close();
  });
});
