import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';

// The district map colours zones by projected days of cover (GET /api/cover: household stock, every supply
// channel, the vans of the published plan), before and after the first plan. Screenshots: cover-before/after.

describe('district map coloured by projected cover (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('colours by cover before any plan, and again from the cover API after the first plan is published', async () => {
    const page = await e2e.newPage();
    const covers: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/cover?')) covers.push(r.url()); });
    await e2e.login(page, 'district');
    await page.locator('[data-testid="legend"][data-mode="cover"]').waitFor();
    expect(covers.some((u) => u.includes('date=2021-06-03'))).toBe(true);
    await page.waitForTimeout(500);
    await e2e.screenshot(page, 'cover-before');

    const token = await e2e.apiToken('coordinator');
    const post = async (path: string, body?: unknown) => {
      const res = await fetch(`${e2e.url}${path}`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
      });
      return ((await res.json()) as { data: { id: string } }).data;
    };
    const plan = await post('/api/plans', { date: '2021-06-03', districtId: 'liwan', timeLimitS: 2 });
    await e2e.server.services.plans.idle();
    const before = covers.length;
    await post(`/api/plans/${plan.id}/publish`);
    await page.locator('[data-testid="district-note"]').filter({ hasText: /v1|版本|1/ }).waitFor();
    await expect.poll(() => covers.length, { timeout: 10_000 }).toBeGreaterThan(before);
    await page.waitForTimeout(800);
    await e2e.screenshot(page, 'cover-after');
    const cover = await e2e.api<{ zones: { zoneId: string; commodities: Record<string, { suppliedKgByChannel: Record<string, number[]> }> }[] }>(
      await e2e.apiToken('district'), '/api/cover?date=2021-06-03');
    const vanKg = cover.zones.reduce((s, z) => s + (z.commodities.vegetables?.suppliedKgByChannel.mobile_van?.[0] ?? 0), 0);
    expect(vanKg).toBeGreaterThan(0);
  }, 120_000);
});
