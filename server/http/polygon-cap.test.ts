import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_POLYGON_POSITIONS } from '../domain/geo-validate';
import { starRing } from '../testing/polygons';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Issue 15, item 2: one request with a huge polygon blocked the event loop for seconds (the
// self-intersection check was O(n²)). Now a polygon holds at most MAX_POLYGON_POSITIONS positions
// and the check is a sweep; the server keeps answering while the largest allowed ones are checked.

let server: TestServer;
let coord: string;

beforeAll(async () => {
  server = await startTestServer(['liwan-2021']);
  coord = await server.login('coord', 'coord123');
}, 60_000);
afterAll(async () => server?.dispose());

const zone = (name: string, ring: [number, number][]) => ({
  districtId: 'liwan', name, tier: 'sealed', population: 100, households: 40, polygon: { type: 'Polygon', coordinates: [ring] },
});

describe('polygon size cap', () => {
  it('refuses a polygon over the cap with a 400 naming the coordinates, and changes nothing', async () => {
    const before = await snapshot(server);
    const res = await server.call('POST', '/api/zones', { token: coord, body: zone('过大', starRing(MAX_POLYGON_POSITIONS)) });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.polygon.coordinates' });
    expect(res.json.error.message).toMatch(/at most 5000 positions/);
    const imported = await server.call('POST', '/api/zones/import', {
      token: coord,
      body: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: zone('x', starRing(MAX_POLYGON_POSITIONS)).polygon, properties: { name: '过大' } }] },
    });
    expect(imported.status).toBe(400);
    expect(imported.json.error.field).toBe('body.features.0.geometry.coordinates');
    expect(await snapshot(server)).toBe(before);
  });

  it('answers /api/health within 500 ms while the largest accepted polygons are checked', async () => {
    const ring = starRing(MAX_POLYGON_POSITIONS - 1);
    expect(ring).toHaveLength(MAX_POLYGON_POSITIONS);
    const latencies: number[] = [];
    let done = false;
    const writes = (async () => {
      const one = await server.call('POST', '/api/zones', { token: coord, body: zone('最大多边形', ring) });
      done = true;
      return one;
    })();
    while (!done) {
      const started = performance.now();
      const health = await server.call('GET', '/api/health');
      latencies.push(performance.now() - started);
      expect(health.status).toBe(200);
      await new Promise((r) => setTimeout(r, 10));
    }
    const one = await writes;
    expect(one.status, JSON.stringify(one.json)).toBe(201);
    expect(one.json.data.polygon.coordinates[0]).toHaveLength(MAX_POLYGON_POSITIONS);
    expect(latencies.length).toBeGreaterThan(0);
    // A correctness bound (the loop is not blocked), not a benchmark.
    expect(Math.max(...latencies)).toBeLessThan(500);
  }, 60_000);

  it('still refuses a self-crossing polygon', async () => {
    const bowTie: [number, number][] = [[113.2, 23.1], [113.21, 23.11], [113.21, 23.1], [113.2, 23.11], [113.2, 23.1]];
    const res = await server.call('POST', '/api/zones', { token: coord, body: zone('蝴蝶结', bowTie) });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/crosses itself or touches itself/);
  });
});
