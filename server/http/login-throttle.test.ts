import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/raw-request';
import { startTestServer, type TestServer } from '../testing/test-server';

// Issue 15, item 5: password guessing is throttled per username and per IP (10 failures in 15
// minutes, then 429 with Retry-After until the window passes, even for the right password), and the
// failures are in the audit log for coordinators. Other clients are 127.0.0.2, 127.0.0.3…: other TCP
// peers, as the server sees them.

let server: TestServer;
let clock = Date.parse('2026-06-03T08:00:00Z');
let coordToken: string;

const login = (username: string, password: string, from: string) =>
  rawRequest(`${server.url}/api/sessions`, { method: 'POST', body: { username, password }, from });

beforeAll(async () => {
  server = await startTestServer(['liwan-2021'], {}, { now: () => new Date(clock) });
  coordToken = await server.login('coord', 'coord123');
}, 60_000);
afterAll(async () => server?.dispose());

describe('login throttle', () => {
  it('after 10 bad passwords answers 429 with Retry-After, even for the right password; others are unaffected', async () => {
    for (let i = 0; i < 10; i++) expect((await login('liwan', `guess-${i}`, '127.0.0.2')).status).toBe(401);
    const locked = await login('liwan', 'liwan123', '127.0.0.2');
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The username is locked from any address; the IP for any username.
    expect((await login('liwan', 'liwan123', '127.0.0.3')).status).toBe(429);
    expect((await login('driver1', 'driver123', '127.0.0.2')).status).toBe(429);
    // Another user from another IP logs in.
    expect((await login('driver1', 'driver123', '127.0.0.4')).status).toBe(201);
  });

  it('counts failures per IP over many usernames', async () => {
    for (let i = 0; i < 10; i++) expect((await login(`nobody-${i}`, 'x', '127.0.0.5')).status).toBe(401);
    expect((await login('driver2', 'driver123', '127.0.0.5')).status).toBe(429);
    expect((await login('driver2', 'driver123', '127.0.0.6')).status).toBe(201);
  });

  it('lets the user in once the window has passed', async () => {
    clock += 14 * 60 * 1000;
    expect((await login('liwan', 'liwan123', '127.0.0.2')).status).toBe(429);
    clock += 61 * 1000;
    expect((await login('liwan', 'liwan123', '127.0.0.2')).status).toBe(201);
  });

  it('writes the failures to the audit log, listed for coordinators by action', async () => {
    const res = await server.call('GET', '/api/audit?action=session.fail&limit=1000', { token: coordToken });
    expect(res.status).toBe(200);
    const entries = res.json.data as { action: string; userId: string | null; detail: { username: string; ip: string; reason: string; locked: boolean } }[];
    expect(entries.every((e) => e.action === 'session.fail')).toBe(true);
    const liwan = entries.filter((e) => e.detail.username === 'liwan');
    expect(liwan).toHaveLength(10);
    expect(liwan.every((e) => e.detail.ip.endsWith('127.0.0.2') && e.detail.reason === 'wrong_password' && e.userId !== null)).toBe(true);
    expect(liwan.filter((e) => e.detail.locked)).toHaveLength(1);
    expect(entries.filter((e) => e.detail.reason === 'unknown_user')).toHaveLength(10);
    // Officials do not read the audit log.
    const official = await server.login('liwan', 'liwan123');
    expect((await server.call('GET', '/api/audit?action=session.fail', { token: official })).status).toBe(403);
  });
});
