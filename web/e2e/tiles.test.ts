import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startE2E, type E2E } from './harness';

// Issue 18 (settings): the server's tile settings set the map's tiles. With the Tianditu preset the
// coordinator's map asks Tianditu for its vector tiles and their labels (the test browser reaches no
// outside host: the requests are aborted, their URLs are what counts), with the origin as Referer,
// and the CSP lets them through.

describe('map tiles from the configuration (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E({ tiles: loadConfig({ TILE_PRESET: 'tianditu', TIANDITU_KEY: 'e2e-key' }).tiles }); });
  afterAll(async () => { await e2e?.close(); });

  it('the map draws Tianditu tiles and labels, with no CSP violation', async () => {
    const page = await e2e.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().includes('tianditu')) asked.push(r.url()); });
    await e2e.login(page, 'coordinator');
    const tiles = page.locator('img.leaflet-tile');
    await tiles.first().waitFor({ state: 'attached' });
    const sources = await tiles.evaluateAll((imgs) => imgs.map((i) => ({ src: (i as HTMLImageElement).src, referrer: (i as HTMLImageElement).referrerPolicy })));
    expect(sources.some((s) => /^https:\/\/t[0-7]\.tianditu\.gov\.cn\/vec_w\/wmts\?.*tk=e2e-key/.test(s.src))).toBe(true);
    expect(sources.some((s) => /^https:\/\/t[0-7]\.tianditu\.gov\.cn\/cva_w\//.test(s.src))).toBe(true);
    expect(sources.every((s) => s.src.includes('tianditu.gov.cn') && s.referrer === 'strict-origin')).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });
});
