import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';

// Issue #15: every page works under the server's Content-Security-Policy (script-src 'self', no inline
// script): it loads, reaches data-ready="true" and the browser reports no CSP violation.

async function watched(e2e: E2E, viewport?: { width: number; height: number }, mobile = false): Promise<{ page: Page; violations: string[] }> {
  const page = await e2e.newPage(viewport, mobile);
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => { violations.push(v); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  return { page, violations };
}

describe('pages under the CSP (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('serves the CSP with the pages', async () => {
    const res = await fetch(`${e2e.url}/login`);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
  });

  it.each(['coordinator', 'district', 'driver'] as const)('the %s page loads with no CSP violation', async (who) => {
    const { page, violations } = await watched(e2e, who === 'driver' ? { width: 390, height: 844 } : undefined, who === 'driver');
    await e2e.login(page, who);
    if (who === 'coordinator') {
      // The tabs that build more of the page: plans (with the live socket), depots (popups), fleet.
      await page.getByTestId('tab-plans').click();
      await page.waitForTimeout(1000);
      for (const tab of ['depots', 'fleet', 'zones']) await page.getByTestId(`tab-${tab}`).click();
    }
    await page.waitForTimeout(500);
    expect(violations).toEqual([]);
  });

  it('the ops page (every tab, QR code included) and the residents\' form load with no CSP violation', async () => {
    const { page, violations } = await watched(e2e);
    await e2e.login(page, 'district');
    await page.goto(`${e2e.url}/ops`);
    await page.locator('[data-page="ops"][data-ready="true"]').waitFor();
    for (const tab of ['alerts', 'playbook', 'report', 'requests']) await page.getByTestId(`tab-${tab}`).click();
    await page.waitForTimeout(500);

    const zoneId = (await e2e.server.store.zones.list({ districtId: 'liwan', status: 'active' }))[0]!.id;
    const resident = await watched(e2e, { width: 420, height: 820 }, true);
    await resident.page.goto(`${e2e.url}/r/${zoneId}`);
    await resident.page.locator('[data-page="public"][data-ready="true"]').waitFor();
    await resident.page.waitForTimeout(300);
    expect([...violations, ...resident.violations]).toEqual([]);
  });

  it('reports a violation when a page does run inline script (the watch works)', async () => {
    const { page, violations } = await watched(e2e);
    await page.goto(`${e2e.url}/login`);
    await page.locator('[data-page="login"]').waitFor();
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
    expect(violations.join('\n')).toMatch(/script-src/);
  });
});
