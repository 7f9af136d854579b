import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../server/contract';
import { reveal, startE2E, switchLanguage, type E2E } from './harness';

// Issue 16: the plan view shows each shortfall's reason code and the what-if from the duals, as
// GET /api/plans/:id returns them, in Chinese and English, on a desktop and a phone.

/** The plan list re-renders on a language switch: open the plan's detail again. */
async function openPlan(page: Page, planId: string): Promise<void> {
  await page.getByTestId('tab-plans').click();
  await page.getByTestId('plan-form').waitFor();
  await page.locator(`[data-testid="plan-row"][data-plan-id="${planId}"] [data-testid="plan-open"]`).click();
  await page.locator(`[data-testid="plan-detail"][data-plan-id="${planId}"]`).waitFor();
  await page.getByTestId('what-if').waitFor();
}

const PLAN_TEST_MS = 90_000;
const CODES = ['stock_short', 'van_capacity', 'cold_van_capacity', 'shift_time', 'depot_hours', 'no_cleared_driver', 'unreachable'];

describe('reasons and what-if in the plan view (real server, chromium)', () => {
  let e2e: E2E;
  let planId = '';
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('shows the model\'s reason codes and the binding side with its marginal value', async () => {
    const page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    await page.getByTestId('tab-plans').click();
    await page.getByTestId('plan-form').waitFor();
    await page.getByTestId('plan-time-limit').fill('1');
    // A plan may already be open (the latest one is shown on load): wait for the new one to replace it.
    const shown = await page.evaluate(() => document.querySelector('[data-testid="plan-detail"]')?.getAttribute('data-plan-id') ?? null);
    await page.getByTestId('plan-run').click();
    await page.locator('[data-testid="plan-progress"][data-done]').waitFor({ timeout: 60_000 });
    const detail = await page.waitForFunction((old) => {
      const id = document.querySelector('[data-testid="plan-detail"]')?.getAttribute('data-plan-id');
      return id && id !== old ? id : null;
    }, shown);
    planId = (await detail.jsonValue()) as string;
    const plan = await e2e.api<Plan>(await e2e.apiToken('coordinator'), `/api/plans/${planId}`);
    const result = plan.result!;
    const codes = result.zones.flatMap((z) => z.shortfalls.map((s) => s.code));
    for (const c of codes) expect(CODES).toContain(c);
    expect(Array.isArray(result.fleetLimits)).toBe(true);
    for (const l of result.supplyLimits) expect(l.levelGainPerKg).toBeGreaterThanOrEqual(0);
    // A depot binds on one side only.
    const stockSide = new Set(result.supplyLimits.map((l) => `${l.depotId}|${l.commodityId}`));
    for (const l of result.fleetLimits!) expect(stockSide.has(`${l.depotId}|${l.commodityId}`)).toBe(false);

    const shownCodes = await page.locator('[data-testid="shortfall-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(shownCodes.length).toBe(codes.length);
    await page.getByTestId('what-if').waitFor();
    expect(await page.locator('[data-testid="what-if-stock"] li').count()).toBe(result.supplyLimits.length);
    expect(await page.locator('[data-testid="what-if-fleet"] li').count()).toBe(result.fleetLimits!.length);
    if (codes.length > 0) expect(await page.getByTestId('reason-code').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    await reveal(page.getByTestId('what-if'));
    await e2e.screenshot(page, 'what-if-desktop-zh');
    await switchLanguage(page, 'en');
    await openPlan(page, planId);
    expect(await page.getByTestId('what-if').textContent()).toMatch(/What if/);
    await reveal(page.getByTestId('what-if'));
    await e2e.screenshot(page, 'what-if-desktop-en');

    const phone = await e2e.newPage({ width: 390, height: 844 }, true);
    await e2e.login(phone, 'coordinator');
    await phone.getByTestId('tab-plans').click();
    await openPlan(phone, planId);
    await reveal(phone.getByTestId('what-if'));
    await e2e.screenshot(phone, 'what-if-phone-zh');
    await switchLanguage(phone, 'en');
    await openPlan(phone, planId);
    await reveal(phone.getByTestId('what-if'));
    await e2e.screenshot(phone, 'what-if-phone-en');
  }, PLAN_TEST_MS * 2);
});
