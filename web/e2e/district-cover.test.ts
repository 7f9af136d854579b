import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVER_BANDS } from '../src/zones/colour';
import { startE2E, switchLanguage, type E2E } from './harness';

// The district table and map read the projected cover (issue 17: household stock, every channel, the vans of the
// published plan) before and after the first plan: rows sorted lowest first, a red badge exactly where the
// projection falls below one day. Screenshots at desktop and phone, zh and en: district-cover-{before,after}-*.

const RED = COVER_BANDS[0]!.colour;
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

async function rows(page: Page): Promise<{ id: string; cover: number; badge: string }[]> {
  await page.locator('[data-testid="zone-row"][data-cover]').first().waitFor();
  return page.getByTestId('zone-row').evaluateAll((els) => els.map((el) => ({
    id: (el as HTMLElement).dataset.zoneId!,
    cover: (el as HTMLElement).dataset.cover === '' ? Infinity : Number((el as HTMLElement).dataset.cover),
    badge: getComputedStyle(el.querySelector('.tier-badge')!).backgroundColor,
  })));
}

async function shoot(e2e: E2E, desktop: Page, phone: Page, when: string): Promise<void> {
  for (const [page, size] of [[desktop, 'desktop'], [phone, 'phone']] as const) {
    await page.waitForTimeout(500);
    await e2e.screenshot(page, `district-cover-${when}-${size}-zh`);
    await switchLanguage(page, 'en');
    await page.getByTestId('zone-row').first().waitFor();
    await page.waitForTimeout(500);
    await e2e.screenshot(page, `district-cover-${when}-${size}-en`);
    await switchLanguage(page, 'zh');
  }
}

describe('district page from projected cover (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('sorts and colours zones by projected cover before and after the first plan; red where it runs out', async () => {
    const desktop = await e2e.newPage();
    const phone = await e2e.newPage({ width: 390, height: 844 }, true);
    await e2e.login(desktop, 'district');
    await e2e.login(phone, 'district');
    const official = await e2e.apiToken('district');
    const projection = async () => (await e2e.api<{ zones: { zoneId: string; commodities: Record<string, { coverDays: (number | null)[] }> }[] }>(official, '/api/cover?date=2021-06-03')).zones;
    const worst = async () => new Map((await projection()).map((z) => [z.zoneId, Math.min(...Object.values(z.commodities).flatMap((c) => c.coverDays.filter((d): d is number => d !== null)))]));
    /** Σ over zones × commodities of the cover at the end of the first day. */
    const dayOne = async () => (await projection()).reduce((s, z) => s + Object.values(z.commodities).reduce((t, c) => t + (c.coverDays[0] ?? 0), 0), 0);
    const check = async () => {
      const shown = await rows(desktop);
      const projected = await worst();
      expect(shown.map((r) => r.cover)).toEqual([...shown.map((r) => r.cover)].sort((a, b) => a - b));
      for (const r of shown) {
        expect(r.cover).toBeCloseTo(projected.get(r.id)!, 1);
        // Red exactly where the projection runs out (below one day) within the horizon.
        expect(r.badge === rgb(RED), `${r.id} at ${r.cover}`).toBe(r.cover < 1);
      }
      return shown;
    };
    const before = await check();
    const dayOneBefore = await dayOne();
    await shoot(e2e, desktop, phone, 'before');

    const token = await e2e.apiToken('coordinator');
    const post = async (path: string, body?: unknown) => {
      const res = await fetch(`${e2e.url}${path}`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
      });
      return ((await res.json()) as { data: { id: string } }).data;
    };
    const plan = await post('/api/plans', { date: '2021-06-03', districtId: 'liwan', timeLimitS: 2 });
    await e2e.server.services.plans.idle();
    await post(`/api/plans/${plan.id}/publish`);
    await desktop.locator('[data-testid="district-note"]').filter({ hasText: /v1|第1版/ }).waitFor();
    await phone.locator('[data-testid="district-note"]').filter({ hasText: /v1|第1版/ }).waitFor();
    const after = await check();
    // The vans lift cover: no zone's worst over the horizon is lower than before the plan, and the first day's is higher.
    const was = new Map(before.map((r) => [r.id, r.cover]));
    expect(after.every((r) => r.cover >= was.get(r.id)! - 1e-9)).toBe(true);
    expect(await dayOne()).toBeGreaterThan(dayOneBefore);
    await shoot(e2e, desktop, phone, 'after');
  }, 180_000);
});
