import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, switchLanguage, type E2E } from './harness';

// The map legend on a phone covered half of the map: there it starts folded to a small button
// (aria-expanded), opens and closes by touch and keyboard, and on a desktop it starts open.

const PHONE = { width: 390, height: 844 };
let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const legendArea = (page: Page, testId: string) => page.evaluate((id) => {
  const legend = document.querySelector('[data-testid="legend"]')!.getBoundingClientRect();
  const map = document.querySelector(`[data-page="${id}"] .map`)!.getBoundingClientRect();
  return (legend.width * legend.height) / (map.width * map.height);
}, testId);

describe('map legend (chromium)', () => {
  it('starts folded on a phone, opens by touch and keyboard, Escape folds it back (district and coordinator, zh and en)', async () => {
    const page = await e2e.newPage(PHONE, true);
    await e2e.login(page, 'district');
    const toggle = page.getByTestId('legend-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('legend-body').isHidden()).toBe(true);
    expect(await legendArea(page, 'district')).toBeLessThan(0.1);
    expect(await page.getByRole('button', { name: '图例' }).or(page.getByRole('button', { name: '保障天数' })).count()).toBe(1);
    await e2e.screenshot(page, 'legend-folded-district-zh-phone');
    await toggle.tap();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByTestId('legend-body').isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-controls')).toBe(await page.getByTestId('legend-body').getAttribute('id'));
    await e2e.screenshot(page, 'legend-open-district-zh-phone');
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('legend-toggle');
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await switchLanguage(page, 'en');
    expect(await page.getByTestId('legend-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('legend-toggle').textContent()).toMatch(/^(Legend|Days of cover)$/);

    const coord = await e2e.newPage(PHONE, true);
    await e2e.login(coord, 'coordinator');
    expect(await coord.getByTestId('legend-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await legendArea(coord, 'coordinator')).toBeLessThan(0.1);
  }, 90_000);

  it('starts open on a desktop and folds on request', async () => {
    const page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    const toggle = page.getByTestId('legend-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByTestId('legend-body').isVisible()).toBe(true);
    await toggle.click();
    expect(await page.getByTestId('legend-body').isHidden()).toBe(true);
  }, 60_000);
});
