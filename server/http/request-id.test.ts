import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectLive, until } from '../testing/live-kit';
import { capturingLogger } from '../testing/test-log';
import { startTestServer, type TestServer } from '../testing/test-server';

// Issue 18 (logging): every HTTP request and every socket event has an id its log lines carry; an HTTP
// caller's own x-request-id is kept (and echoed) when it is a plausible id, replaced when it is not.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let server: TestServer;
const captured = capturingLogger('debug');

beforeAll(async () => {
  server = await startTestServer(['liwan-2021'], {}, { log: captured.log });
}, 120_000);
afterAll(async () => { await server?.dispose(); });

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, { headers });
  await res.arrayBuffer();
  return res;
}

const requestLine = (reqId: string) => captured.lines.find((l) => l.msg === 'request' && l.reqId === reqId);

describe('request ids', () => {
  it("echoes the caller's x-request-id and logs the request under it", async () => {
    const res = await get('/api/health', { 'x-request-id': 'gate-7:retry-2' });
    expect(res.headers.get('x-request-id')).toBe('gate-7:retry-2');
    await until(() => requestLine('gate-7:retry-2') !== undefined, 2000, 'the request line');
    expect(requestLine('gate-7:retry-2')).toMatchObject({ method: 'GET', path: '/api/health', status: 200, component: 'http' });
  });

  it('gives a request without one a fresh id, also on refusals', async () => {
    const res = await get('/api/zones');
    expect(res.status).toBe(401);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    await until(() => requestLine(id) !== undefined, 2000, 'the request line');
    expect(requestLine(id)).toMatchObject({ path: '/api/zones', status: 401 });
    expect((await get('/api/zones')).headers.get('x-request-id')).not.toBe(id);
  });

  it('replaces an id that could forge or bloat log lines', async () => {
    for (const bad of ['two words', '"quoted"', 'x'.repeat(129), '{"level":60}']) {
      const res = await get('/api/health', { 'x-request-id': bad });
      expect(res.headers.get('x-request-id'), bad).toMatch(UUID);
    }
  });

  it('gives each socket event its own id, with its outcome', async () => {
    const token = await server.login('coord', 'coord123');
    const socket = await connectLive(server.url, token);
    try {
      expect((await call(socket, 'sync:request')).ok).toBe(true);
      expect((await call(socket, 'stop:arrive', { nonsense: true })).ok).toBe(false);
      const events = () => captured.lines.filter((l) => l.msg === 'socket event');
      await until(() => events().length >= 2, 2000, 'two socket event lines');
      const [sync, arrive] = [events().find((l) => l.event === 'sync:request')!, events().find((l) => l.event === 'stop:arrive')!];
      expect(sync).toMatchObject({ ok: true, socket: socket.id, component: 'live' });
      expect(arrive).toMatchObject({ ok: false });
      expect(sync.reqId).toMatch(UUID);
      expect(arrive.reqId).toMatch(UUID);
      expect(arrive.reqId).not.toBe(sync.reqId);
    } finally {
      socket.close();
    }
  });
});
