import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../web/e2e/ensure-build';
import { startTestServer, type TestServer } from '../testing/test-server';
import { tileSource } from './security-headers';

// Issue #15 items 1 (second line) and 6: a CSP without inline script and the usual security headers on
// every page and API reply, errors included.

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer(['liwan-2021'], { tiles: { url: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?x={x}', attribution: '' } });
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

  it('turns tile URL templates into CSP sources', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(tileSource('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY')).toBe('https://*.tianditu.gov.cn');
    expect(tileSource('HTTP://tiles.local:8080/{z}/{x}/{y}.png')).toBe('http://tiles.local:8080');
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
  });
});
