import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPS } from '../../server/ops-config';
import { publishRoutes, routeThrough } from '../../server/testing/live-kit';
import type { TestServer } from '../../server/testing/test-server';
import { startE2E, switchLanguage, type E2E } from './harness';

// Issue 14, what remained: the coordinator (who may own an alert) hears of its escalation on the
// console like officials do, and a language switch keeps the plan open on the Plans tab and the
// zone selected on the district page.

const PHONE = { width: 390, height: 844 };
let e2e: E2E;
const plans: string[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  const server = e2e.server as unknown as TestServer;
  const zones = (await server.store.zones.list()).filter((z) => z.districtId === 'liwan' && z.status === 'active').slice(0, 2).map((z) => z.id);
  for (const van of ['lw-van-01', 'lw-van-02']) {
    plans.push(await publishRoutes(server, [await routeThrough(server, van, zones)], { date: '2021-06-03', districtId: 'liwan' }));
  }
}, 120_000);
afterAll(async () => { await e2e?.close(); });

describe('coordinator escalation notice and state kept across languages (chromium)', () => {
  it("an escalated alert the coordinator owns shows on the console, live, with the sound option", async () => {
    const page = await e2e.newPage(PHONE, true);
    await e2e.login(page, 'coordinator');
    const zoneId = (await e2e.server.store.zones.list({ districtId: 'liwan', status: 'active' }))[0]!.id;
    await e2e.server.store.alerts.insert({
      id: 'e2e-coord-escalating', key: 'test/e2e-coord-escalating', zoneId, districtId: 'liwan', rule: 'request_spike', commodityId: null, severity: 'high',
      reasonZh: '诉求激增', reasonEn: 'requests spiking', state: 'open', ownerId: 'u-coord',
      raisedAt: new Date(Date.now() - (DEFAULT_OPS.alerts.redAfterS + 60) * 1000).toISOString(),
      acknowledgedAt: null, closedAt: null, closedBy: null, closeNote: null,
    });
    await e2e.server.services.alerts.evaluateAlerts();
    const item = page.locator('[data-page="coordinator"] [data-testid="escalation-item"][data-alert-id="e2e-coord-escalating"]');
    await item.waitFor({ timeout: 5000 });
    expect(await page.getByTestId('escalation-notice').getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('escalation-sound').count()).toBe(1);
    await e2e.screenshot(page, 'escalation-coordinator-phone-zh');
    await item.getByTestId('escalation-seen').click();
    await item.waitFor({ state: 'detached' });
  });

  it('switching language keeps the open plan (Plans tab) and the selected zone (district page)', async () => {
    const page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    await page.getByTestId('tab-plans').click();
    // Opens the plan that is not shown by default (the latest published one is).
    const shownFirst = await page.getByTestId('plan-detail').getAttribute('data-plan-id');
    const other = plans.find((id) => id !== shownFirst)!;
    await page.locator(`[data-plan-id="${other}"] [data-testid="plan-open"]`).click();
    await page.locator(`[data-testid="plan-detail"][data-plan-id="${other}"]`).waitFor();
    await switchLanguage(page, 'en');
    await page.locator(`[data-testid="plan-detail"][data-plan-id="${other}"]`).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('tab-plans').getAttribute('aria-selected')).toBe('true');
    await switchLanguage(page, 'zh');
    await page.locator(`[data-testid="plan-detail"][data-plan-id="${other}"]`).waitFor({ timeout: 10_000 });

    const district = await e2e.newPage(PHONE, true);
    await e2e.login(district, 'district');
    const row = district.getByTestId('zone-row').nth(1);
    const zoneId = await row.getAttribute('data-zone-id');
    await row.click();
    await district.locator(`[data-testid="zone-row"].selected[data-zone-id="${zoneId}"]`).waitFor();
    await switchLanguage(district, 'en');
    await district.locator('[data-page="district"][data-ready="true"]').waitFor();
    expect(await district.locator('[data-testid="zone-row"].selected').getAttribute('data-zone-id')).toBe(zoneId);
    await district.reload();
    await district.locator('[data-page="district"][data-ready="true"]').waitFor();
    expect(await district.locator('[data-testid="zone-row"].selected').getAttribute('data-zone-id')).toBe(zoneId);
  }, 120_000);
});
