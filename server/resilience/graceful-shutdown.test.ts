import { request } from 'node:http';
import { afterAll, expect, it } from 'vitest';
import type { ServerShutdownEvent } from '../contract';
import { openDatabase } from '../store/db';
import { connectLive, call, key, type LiveClient } from '../testing/live-kit';
import { loginAt, processDatabase, startServerProcess } from '../testing/server-process';

// SIGTERM to the real server process (`tsx server/main.ts`), as a deploy or `systemctl stop` sends it:
// it stops accepting, lets the request in flight finish, writes the buffered GPS fixes, tells the
// socket clients when to come back, and exits 0 within 10 s.

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

/** A login whose body arrives in two parts: the request is in flight until `finish` is called. */
function slowLogin(url: string): { finish(): void; response: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ username: 'coord', password: 'coord123' });
  const { hostname, port } = new URL(url);
  let finish!: () => void;
  const response = new Promise<{ status: number; body: string }>((done, fail) => {
    const req = request({
      hostname, port, path: '/api/sessions', method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => done({ status: res.statusCode!, body: text }));
    });
    req.on('error', fail);
    req.write(body.slice(0, 10));
    finish = () => req.end(body.slice(10));
  });
  return { finish, response };
}

it('SIGTERM: the request in flight completes, buffered fixes are stored, clients get the hint, exit 0 within 10 s', async () => {
  const database = await processDatabase();
  cleanups.push(database.cleanup);
  // Fixes are only written by a flush: none would reach the database before shutdown on their own.
  const server = await startServerProcess(database.url, { LIVE_POSITION_FLUSH_MS: '600000', LIVE_POSITION_FLUSH_ROWS: '100000', LIVE_SHUTDOWN_RETRY_MS: '1500' });
  cleanups.push(async () => { if (server.child.exitCode === null) server.child.kill('SIGKILL'); });

  const driver = await connectLive(server.url, await loginAt(server.url, 'driver1', 'driver123'));
  const official = await connectLive(server.url, await loginAt(server.url, 'liwan', 'liwan123'));
  const hints = new Map<LiveClient, ServerShutdownEvent>();
  const closedAfterHint = new Map<LiveClient, boolean>();
  for (const socket of [driver, official]) {
    socket.on('server:shutdown', (event) => hints.set(socket, event));
    socket.on('disconnect', () => closedAfterHint.set(socket, hints.has(socket)));
  }

  const base = Date.parse('2021-06-03T08:00:00+08:00');
  const FIXES = 25;
  for (let i = 0; i < FIXES; i++) {
    const ack = await call(driver, 'vehicle:move', {
      key: key(), vehicleId: 'lw-van-01',
      position: { lng: 113.24 + i * 0.0005, lat: 23.1, speedKmh: 20, at: new Date(base + i * 5000).toISOString() },
    });
    expect(ack).toMatchObject({ ok: true, data: { accepted: true, fresh: true } });
  }

  const slow = slowLogin(server.url);
  await new Promise((r) => setTimeout(r, 200)); // the server has the request's headers: it is in flight
  const signalledAt = Date.now();
  server.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  // Stopped accepting: a new connection is refused while the old request is still open.
  await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  slow.finish();
  const answer = await slow.response;
  expect(answer.status).toBe(201);
  expect(JSON.parse(answer.body).data.token).toEqual(expect.any(String));

  const exit = await server.exited;
  expect(exit).toMatchObject({ code: 0, signal: null });
  expect(exit.at - signalledAt).toBeLessThan(10_000);
  expect(server.output()).toMatch(/SIGTERM: shutting down/);

  expect([...hints.values()]).toEqual([{ retryAfterMs: 1500 }, { retryAfterMs: 1500 }]);
  expect([...closedAfterHint.values()]).toEqual([true, true]);
  driver.close();
  official.close();

  const db = openDatabase(database.url);
  try {
    const rows = await db('vehicle_positions').where({ vehicle_id: 'lw-van-01' }).count({ n: '*' }).first();
    expect(Number(rows?.n)).toBe(FIXES);
  } finally {
    await db.destroy();
  }
}, 90_000);
