import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../web/e2e/ensure-build';
import { startTestServer, type TestServer } from '../testing/test-server';
import { loadConfig } from '../config';
import { tileMetaTags } from './page-shell';
import { tileSource } from './security-headers';

// Issue #15 items 1 (second line) and 6: a CSP without inline script and the usual security headers on
// every page and API reply, errors included.

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    await ensureWebBuilt();
    // The Tianditu preset, as a deployment in mainland China sets it: the pages get its tiles, the CSP its host.
    // A local time other than the default shows that the pages get the configured one.
    const { tiles, live } = loadConfig({ TILE_PRESET: 'tianditu', TIANDITU_KEY: 'k&1', UTC_OFFSET: '-03:00' });
    server = await startTestServer(['liwan-2021'], { tiles, live });
  });
  afterAll(async () => { await server?.dispose(); });

  async function headers(path: string, init: RequestInit = {}): Promise<Headers> {
    const res = await fetch(server.url + path, init);
    await res.arrayBuffer();
    return res.headers;
  }

  function directives(csp: string | null): Map<string, string[]> {
    expect(csp).toBeTruthy();
    return new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
  }

  const token = () => server.login('coord', 'coord123');
  const replies: Array<[string, () => Promise<RequestInit>]> = [
    ['/login', async () => ({})],
    ['/coordinator', async () => ({})],
    ['/', async () => ({})],
    ['/api/health', async () => ({})],
    ['/api/zones', async () => ({ headers: { authorization: `Bearer ${await token()}` } })],
    ['/api/zones', async () => ({})],
    ['/api/no-such-route', async () => ({})],
  ];

  it.each(replies)('%s carries the CSP and the other headers', async (path, init) => {
    const h = await headers(path, await init());
    const csp = directives(h.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toContain('https://*.tianditu.gov.cn');
    for (const [name, values] of csp) if (name.startsWith('script')) expect(values, name).not.toContain("'unsafe-inline'");
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toBe('same-origin');
    expect(h.get('x-powered-by')).toBeNull();
  });

  it('serves the built pages with no inline script', async () => {
    const res = await fetch(`${server.url}/login`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
    expect(html.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|<style\b/i);
  });

  it('writes the configured tiles and local time into every page for the map and the dates to use', async () => {
    const tiles = loadConfig({ TILE_PRESET: 'tianditu', TIANDITU_KEY: 'k&1' }).tiles!;
    for (const path of ['/', '/login', '/district/liwan', '/index.html']) {
      const html = await (await fetch(server.url + path)).text();
      const doc = new Map([...html.matchAll(/<meta name="(bg-tile-[a-z-]+)" content="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
      expect(doc.get('bg-tile-url'), path).toBe(tiles.url);
      expect(doc.get('bg-tile-url')).toContain('tianditu.gov.cn/vec_w/');
      expect(doc.get('bg-tile-url')).toContain('tk=k%261');
      expect(doc.get('bg-tile-labels-url')).toContain('tianditu.gov.cn/cva_w/');
      expect(doc.get('bg-tile-subdomains')).toBe('01234567');
      expect(doc.get('bg-tile-attribution')).toContain('天地图');
      expect(html.match(/<meta name="bg-utc-offset" content="([^"]*)"/g), path).toEqual(['<meta name="bg-utc-offset" content="-03:00"']);
    }
  });

  it('reads the tile settings: OpenStreetMap by default, a Tianditu key required, a URL of ones own, or none', () => {
    expect(loadConfig({}).tiles).toMatchObject({ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' });
    expect(tileMetaTags(loadConfig({}).tiles)).toContain('content="https://tile.openstreetmap.org/{z}/{x}/{y}.png"');
    expect(() => loadConfig({ TILE_PRESET: 'tianditu' })).toThrow(/TIANDITU_KEY/);
    expect(() => loadConfig({ TILE_PRESET: 'gaode' })).toThrow(/TILE_PRESET/);
    expect(loadConfig({ TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', TILE_ATTRIBUTION: '© us "quoted"' }).tiles)
      .toMatchObject({ url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© us "quoted"', labelsUrl: null });
    expect(tileMetaTags(loadConfig({ TILE_URL: 'https://x.org/{z}', TILE_ATTRIBUTION: '"><script>' }).tiles)).not.toMatch(/"><script>/);
    expect(loadConfig({ TILE_PRESET: 'none' }).tiles).toBeNull();
    expect(tileMetaTags(null)).toBe('<meta name="bg-tile-url" content="none" />');
  });

  it('turns tile URL templates into CSP sources', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(tileSource('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY')).toBe('https://*.tianditu.gov.cn');
    expect(tileSource('HTTP://tiles.local:8080/{z}/{x}/{y}.png')).toBe('http://tiles.local:8080');
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
  });
});
