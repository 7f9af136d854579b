import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, switchLanguage, type E2E } from './harness';

describe('language switch (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('switches to English and back, and each choice survives a reload', async () => {
    const page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    const title = page.getByTestId('page-title');
    await expect(title.textContent()).resolves.toBe('协调员控制台');

    await switchLanguage(page, 'en');
    await expect(title.textContent()).resolves.toBe('Coordinator console');
    await page.reload();
    await page.getByTestId('zone-row').first().waitFor();
    await expect(title.textContent()).resolves.toBe('Coordinator console');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByTestId('tab-zones').textContent()).toBe('Zones');

    await switchLanguage(page, 'zh');
    await expect(title.textContent()).resolves.toBe('协调员控制台');
    await page.reload();
    await page.getByTestId('zone-row').first().waitFor();
    await expect(title.textContent()).resolves.toBe('协调员控制台');
    expect(await page.getByTestId('tab-zones').textContent()).toBe('区域');
  });
});
