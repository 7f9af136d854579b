import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { loadConfig } from '../config';
import { rawRequest } from '../testing/raw-request';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Issue 15, item 4: a page on another site (or another port of this host) must not write with the
// user's cookie, nor open a live socket with it; the cookie is SameSite=Strict (and Secure when set).

let server: TestServer;
let token: string;
let own: string;
const cookie = () => `bg_session=${encodeURIComponent(token)}`;
/** A coordinator's write through the browser's cookie: a ration change. */
const ration = (headers: Record<string, string>, body = { dailyRationKgPerPerson: 0.61 }) =>
  rawRequest(`${server.url}/api/commodities/vegetables`, { method: 'PUT', headers: { cookie: cookie(), ...headers }, body });

beforeAll(async () => {
  server = await startTestServer(['liwan-2021'], { edge: { allowedOrigins: ['https://console.example.org'], trustProxy: false, cookieSecure: false } });
  token = await server.login('coord', 'coord123');
  own = new URL(server.url).origin;
}, 60_000);
afterAll(async () => server?.dispose());

describe('state-changing requests by origin', () => {
  it('refuses a foreign Origin with 403 naming the header, and writes nothing', async () => {
    const before = await snapshot(server);
    const res = await ration({ origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'headers.origin' } });
    expect(await snapshot(server)).toBe(before);
  });

  it('refuses Origin: null (sandboxed frames, data: pages)', async () => {
    const before = await snapshot(server);
    expect((await ration({ origin: 'null' })).status).toBe(403);
    expect(await snapshot(server)).toBe(before);
  });

  it('refuses another port of the same host', async () => {
    const { hostname, port } = new URL(server.url);
    expect((await ration({ origin: `http://${hostname}:${Number(port) + 1}` })).status).toBe(403);
    expect((await ration({ origin: `https://${hostname}:${port}` })).status).toBe(403);
  });

  it('refuses a foreign Referer when there is no Origin, and a login posted from another site', async () => {
    expect((await ration({ referer: 'http://evil.example/page.html' })).status).toBe(403);
    const login = await rawRequest(`${server.url}/api/sessions`, {
      method: 'POST', headers: { origin: 'http://evil.example' }, body: { username: 'coord', password: 'coord123' },
    });
    expect(login.status).toBe(403);
  });

  it('accepts its own origin (Origin or Referer), and the ones ALLOWED_ORIGINS lists', async () => {
    expect((await ration({ origin: own }, { dailyRationKgPerPerson: 0.62 })).status).toBe(200);
    expect((await ration({ referer: `${own}/coordinator` }, { dailyRationKgPerPerson: 0.63 })).status).toBe(200);
    expect((await ration({ origin: 'https://console.example.org' }, { dailyRationKgPerPerson: 0.64 })).status).toBe(200);
    const veg = (await server.store.commodities.list()).find((c) => c.id === 'vegetables')!;
    expect(veg.dailyRationKgPerPerson).toBe(0.64);
  });

  it('lets devices and scripts through: no Origin or Referer, or a bearer token without the cookie', async () => {
    expect((await ration({}, { dailyRationKgPerPerson: 0.65 })).status).toBe(200);
    const bearer = await rawRequest(`${server.url}/api/commodities/vegetables`, {
      method: 'PUT', headers: { authorization: `Bearer ${token}`, origin: 'http://evil.example' }, body: { dailyRationKgPerPerson: 0.66 },
    });
    expect(bearer.status).toBe(200);
    // Reads are not state-changing: a foreign page's GET is the browser's same-origin policy's business.
    expect((await rawRequest(`${server.url}/api/health`, { headers: { origin: 'http://evil.example' } })).status).toBe(200);
  });
});

describe('live socket handshakes by origin', () => {
  const connect = (origin?: string) => new Promise<'connected' | string>((resolve) => {
    const socket = io(server.url, {
      transports: ['websocket'], reconnection: false, forceNew: true, auth: { token },
      ...(origin ? { extraHeaders: { origin } } : {}),
    });
    socket.once('connect', () => { socket.close(); resolve('connected'); });
    socket.once('connect_error', (err) => { socket.close(); resolve(err.message); });
  });

  it('refuses a foreign Origin and accepts its own (and none, from a device)', async () => {
    expect(await connect('http://evil.example')).not.toBe('connected');
    expect(await connect('null')).not.toBe('connected');
    expect(await connect(own)).toBe('connected');
    expect(await connect()).toBe('connected');
  });
});

describe('the session cookie', () => {
  const setCookie = async (target: TestServer) => {
    const res = await rawRequest(`${target.url}/api/sessions`, { method: 'POST', body: { username: 'coord', password: 'coord123' } });
    expect(res.status).toBe(201);
    return String(res.headers['set-cookie']);
  };

  it('is HttpOnly and SameSite=Strict, not Secure by default over plain HTTP', async () => {
    const header = await setCookie(server);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).not.toMatch(/Secure/);
  });

  it('is Secure with COOKIE_SECURE=1, and by default when NODE_ENV=production', async () => {
    expect(loadConfig({ COOKIE_SECURE: '1' }).edge.cookieSecure).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).edge.cookieSecure).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: '0' }).edge.cookieSecure).toBe(false);
    expect(loadConfig({}).edge.cookieSecure).toBe(false);
    const secure = await startTestServer(['liwan-2021'], { edge: loadConfig({ COOKIE_SECURE: '1' }).edge });
    try {
      expect(await setCookie(secure)).toMatch(/; Secure/);
    } finally {
      await secure.dispose();
    }
  }, 60_000);
});

describe('settings', () => {
  it('reads ALLOWED_ORIGINS as origins and TRUST_PROXY as express trust proxy', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example/, http://b.example:8080' }).edge.allowedOrigins)
      .toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/);
    expect(loadConfig({}).edge.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).edge.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).edge.trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});
