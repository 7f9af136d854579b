import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, switchLanguage, type E2E } from './harness';

describe('driver view on a phone (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('shows the vehicle, its home depot and no stops yet on 390×844, with big touch targets', async () => {
    const page = await e2e.newPage({ width: 390, height: 844 }, true);
    await e2e.login(page, 'driver');
    const name = page.getByTestId('vehicle-name');
    await name.waitFor();
    expect(await name.textContent()).toBe('保供车 LW-01');
    expect(await page.getByTestId('vehicle-id').textContent()).toBe('lw-van-01');
    expect(await page.getByTestId('home-depot').textContent()).toContain('荔塱');
    expect(await page.getByTestId('no-plan').isVisible()).toBe(true);
    for (const id of ['logout', 'lang-switch']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await e2e.screenshot(page, 'driver-zh');

    await switchLanguage(page, 'en');
    await page.getByTestId('vehicle-name').waitFor();
    expect(await page.getByTestId('no-plan').textContent()).toMatch(/No published plan yet/);
    await e2e.screenshot(page, 'driver-en');
  });
});
