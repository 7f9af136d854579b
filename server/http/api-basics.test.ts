import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';

let server: TestServer;
let token = '';

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  token = await server.login('coord', 'coord123');
}, 120_000);
afterAll(async () => server?.dispose());

describe('API basics', () => {
  it('serves an OpenAPI description with every route and its request schema', async () => {
    const { status, json } = await server.call('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(json.openapi).toBe('3.1.0');
    const post = json.paths['/api/zones'].post;
    expect(post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['districtId', 'name', 'tier', 'population', 'households', 'polygon']),
    );
    expect(json.paths['/api/zones/{id}'].put.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
    expect(json.paths['/api/stock/import'].post.requestBody.content['text/csv']).toBeDefined();
  });

  it('writes an audit entry with who and what for every write', async () => {
    const created = await server.call('POST', '/api/zones', {
      token,
      body: {
        id: 'audit-zone', districtId: 'liwan', name: '审计小区', tier: 'controlled', population: 300, households: 100,
        polygon: { type: 'Polygon', coordinates: [[[113.23, 23.08], [113.232, 23.08], [113.232, 23.082], [113.23, 23.082], [113.23, 23.08]]] },
      },
    });
    expect(created.status).toBe(201);
    const audit = await server.call('GET', '/api/audit?entity=zone', { token });
    const entry = audit.json.data.find((e: { entityId: string }) => e.entityId === 'audit-zone');
    expect(entry).toMatchObject({ action: 'zone.create', entity: 'zone' });
    const me = await server.call('GET', '/api/me', { token });
    expect(entry.userId).toBe(me.json.data.id);
    expect(entry.detail.name).toBe('审计小区');
  });

  it('gives a new zone a handoff point inside it', async () => {
    const points = await server.call('GET', '/api/handoff-points?zoneId=audit-zone', { token });
    expect(points.json.data).toHaveLength(1);
    const [lng, lat] = points.json.data[0].location;
    expect(lng).toBeGreaterThan(113.23);
    expect(lng).toBeLessThan(113.232);
    expect(lat).toBeGreaterThan(23.08);
    expect(lat).toBeLessThan(23.082);
  });

  it('revokes a session server-side: the token stops working at once', async () => {
    const t = await server.login('liwan', 'liwan123');
    expect((await server.call('GET', '/api/me', { token: t })).status).toBe(200);
    expect((await server.call('DELETE', '/api/sessions/current', { token: t })).status).toBe(200);
    const after = await server.call('GET', '/api/me', { token: t });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('UNAUTHENTICATED');
  });

  it('accepts the session cookie the login sets, for the web', async () => {
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'coord', password: 'coord123' }),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/bg_session=.+HttpOnly/i);
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect((await me.json()).data.username).toBe('coord');
  });

  it('lets an official list only their district, whatever filter they send', async () => {
    const official = await server.login('liwan', 'liwan123');
    const zones = await server.call('GET', '/api/zones', { token: official });
    expect(zones.json.data.length).toBeGreaterThan(0);
    expect(zones.json.data.every((z: { districtId: string }) => z.districtId === 'liwan')).toBe(true);
  });
});
