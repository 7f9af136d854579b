import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot, Zone } from '../contract';
import { loadConfig } from '../config';
import { call, connectLive, type LiveClient } from '../testing/live-kit';
import { startTestServer, type TestServer } from '../testing/test-server';

// Zones change over HTTP, on this server or (cluster) another: the live picture follows within
// LIVE_ZONE_MAX_AGE_MS, so a lifted zone leaves the district's map instead of staying until a restart.

const MAX_AGE_MS = 200;

describe('live zones follow zone edits', () => {
  let server: TestServer;
  let coord: string;
  let watcher: LiveClient;

  beforeAll(async () => {
    server = await startTestServer(['liwan-2021'], { live: { ...loadConfig({}).live, zoneMaxAgeMs: MAX_AGE_MS } });
    coord = await server.login('coord', 'coord123');
    watcher = await connectLive(server.url, coord);
  });
  afterAll(async () => {
    watcher?.close();
    await server?.close();
  });

  const zoneIds = async () => {
    const reply = await call<LiveSnapshot>(watcher, 'sync:request');
    if (!reply.ok) throw new Error(reply.error.message);
    return new Set(reply.data.zones.map((z) => z.zoneId));
  };

  it('a lifted zone leaves the snapshot, and comes back when sealed again', async () => {
    const id = 'liwan-hailong';
    expect(await zoneIds()).toContain(id);
    const zone = (await server.call('GET', `/api/zones/${id}`, { token: coord })).json.data as Zone;
    const body = (status: 'active' | 'lifted') => ({
      districtId: zone.districtId, streetId: zone.streetId, name: zone.name, nameEn: zone.nameEn, tier: zone.tier, status,
      population: zone.population, households: zone.households, polygon: zone.polygon,
    });
    expect((await server.call('PUT', `/api/zones/${id}`, { token: coord, body: body('lifted') })).status).toBe(200);
    await new Promise((r) => setTimeout(r, MAX_AGE_MS + 50));
    expect(await zoneIds()).not.toContain(id);
    expect((await server.call('PUT', `/api/zones/${id}`, { token: coord, body: body('active') })).status).toBe(200);
    await new Promise((r) => setTimeout(r, MAX_AGE_MS + 50));
    expect(await zoneIds()).toContain(id);
  });
});
