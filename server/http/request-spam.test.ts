import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { rawRequest } from '../testing/raw-request';
import { startTestServer, type TestServer } from '../testing/test-server';

// Issue 15, item 9: the residents' form takes at most 20 requests per IP and zone in 10 minutes,
// however the device id rotates. The IP is the TCP peer (127.0.0.x here: other clients as the server
// sees them); X-Forwarded-For counts only when TRUST_PROXY trusts the peer.

let clock = Date.parse('2026-06-03T08:00:00Z');
let seq = 0;
let server: TestServer;
let zoneA: string;
let zoneB: string;

const file = (target: TestServer, zoneId: string, from: string, headers: Record<string, string> = {}) =>
  rawRequest(`${target.url}/api/public/zones/${zoneId}/requests`, {
    method: 'POST', from, headers: { 'x-device-id': `rotating-${++seq}`, ...headers },
    body: { category: 'food_shortage', building: '3栋', contact: '139', text: `没有菜了 ${seq}` },
  });

beforeAll(async () => {
  server = await startTestServer(['liwan-2021'], {}, { now: () => new Date(clock) });
  const zones = (await server.store.zones.list()).filter((z) => z.status === 'active');
  [zoneA, zoneB] = [zones[0]!.id, zones[1]!.id];
}, 60_000);
afterAll(async () => server?.dispose());

describe('requests per IP and zone', () => {
  it('accepts 20 from one address with rotating device ids, then 429 with Retry-After', async () => {
    for (let i = 0; i < 20; i++) expect((await file(server, zoneA, '127.0.0.2')).status).toBe(201);
    const before = (await server.store.requests.list()).length;
    const refused = await file(server, zoneA, '127.0.0.2');
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // A forged X-Forwarded-For is not believed without TRUST_PROXY.
    expect((await file(server, zoneA, '127.0.0.2', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    expect((await server.store.requests.list()).length).toBe(before);
  });

  it('bounds each address and zone apart', async () => {
    expect((await file(server, zoneB, '127.0.0.2')).status).toBe(201);
    expect((await file(server, zoneA, '127.0.0.3')).status).toBe(201);
  });

  it('takes the address again once the window has passed', async () => {
    clock += 10 * 60 * 1000 + 1000;
    expect((await file(server, zoneA, '127.0.0.2')).status).toBe(201);
  });
});

describe('TRUST_PROXY', () => {
  it('counts by X-Forwarded-For only from a trusted proxy', async () => {
    const proxied = await startTestServer(['liwan-2021'], { edge: loadConfig({ TRUST_PROXY: 'loopback' }).edge }, { now: () => new Date(clock) });
    try {
      const zone = (await proxied.store.zones.list()).find((z) => z.status === 'active')!.id;
      // 25 residents behind the proxy, one request each: none is refused.
      for (let i = 0; i < 25; i++) expect((await file(proxied, zone, '127.0.0.2', { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(201);
      // One resident behind it: 20, then refused.
      for (let i = 0; i < 20; i++) expect((await file(proxied, zone, '127.0.0.2', { 'x-forwarded-for': '198.51.100.77' })).status).toBe(201);
      expect((await file(proxied, zone, '127.0.0.2', { 'x-forwarded-for': '198.51.100.77' })).status).toBe(429);
    } finally {
      await proxied.dispose();
    }
  }, 60_000);
});
