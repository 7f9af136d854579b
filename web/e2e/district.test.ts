import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, switchLanguage, type E2E } from './harness';

describe('district view (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it("shows the Liwan official only Liwan's zones, lowest projected cover first", async () => {
    const page = await e2e.newPage();
    await e2e.login(page, 'district');
    await page.getByTestId('zone-row').first().waitFor();
    const ids = await page.getByTestId('zone-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.zoneId!));
    const token = await e2e.apiToken('district');
    const apiZones = await e2e.api<{ id: string; districtId: string }[]>(token, '/api/zones');
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.sort()).toEqual(apiZones.map((z) => z.id).sort());
    expect(apiZones.every((z) => z.districtId === 'liwan')).toBe(true);
    expect(ids.some((id) => id.startsWith('foshan'))).toBe(false);
    expect(await page.getByTestId('page-title').textContent()).toContain('荔湾区');

    // Sorted by projected days of cover, lowest first (issue 17); each row still names its tier in the tier words.
    await page.locator('[data-testid="zone-row"][data-cover]').first().waitFor();
    const covers = await page.getByTestId('zone-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.cover ?? ''));
    const days = covers.map((c) => (c === '' ? Infinity : Number(c)));
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const tiers = await page.locator('[data-testid="zone-row"] td:nth-child(1) .muted').allTextContents();
    expect(tiers.every((tier) => ['封闭区', '封控区', '防范区'].includes(tier))).toBe(true);
    await page.waitForTimeout(300);
    await e2e.screenshot(page, 'district-zh');

    await switchLanguage(page, 'en');
    await page.getByTestId('zone-row').first().waitFor();
    expect(await page.getByTestId('page-title').textContent()).toContain('Liwan');
    await page.waitForTimeout(300);
    await e2e.screenshot(page, 'district-en');
  });
});
