import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/contract';
import { DEFAULT_OPS } from '../../server/ops-config';
import { startE2E, switchLanguage, type E2E } from './harness';
import { auditLayout } from './layout-audit';

// Issue 14's words and layout in the browser: contrast and target size computed from every rendered
// page in both languages, no horizontal overflow on a phone, the language switch keeping the page's
// state, one open alert per zone × commodity × kind across two publishes, and an escalation notice.

const PHONE = { width: 390, height: 844 };
let e2e: E2E;
let coordToken = '';

async function post<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${e2e.url}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${coordToken}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as { ok: boolean; data: T };
  if (!json.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json.data;
}

async function publish(seed: number): Promise<void> {
  const plan = await post<{ id: string }>('/api/plans', { date: '2021-06-03', districtId: 'liwan', timeLimitS: 0.5, seed });
  await e2e.server.services.plans.idle();
  await post(`/api/plans/${plan.id}/publish`);
  await e2e.server.services.alerts.evaluateAlerts();
}

beforeAll(async () => {
  e2e = await startE2E();
  coordToken = await e2e.apiToken('coordinator');
  await publish(1);
}, 120_000);
afterAll(async () => { await e2e?.close(); });

describe('words and layout (real server, chromium)', () => {
  it.each(['zh', 'en'] as const)('every page passes contrast and target size, and phones do not scroll sideways (%s)', async (lang) => {
    for (const [viewport, mobile] of [[PHONE, true], [{ width: 1280, height: 800 }, false]] as const) {
      const page = await e2e.newPage(viewport, mobile);
      const problems: string[] = [];
      const check = async (name: string) => {
        const f = await auditLayout(page);
        if (f.overflowPx > 0) problems.push(`${name}: ${f.overflowPx} px overflow`);
        problems.push(...f.smallTargets.map((x) => `${name}: small ${x}`), ...f.lowContrast.map((x) => `${name}: contrast ${x}`));
      };
      await page.goto(`${e2e.url}/login`);
      if (lang === 'en') await switchLanguage(page, 'en');
      await check('login');
      await e2e.login(page, 'coordinator');
      for (const tab of ['zones', 'depots', 'fleet', 'plans', 'draw', 'import']) {
        await page.getByTestId(`tab-${tab}`).click();
        await check(`coordinator/${tab}`);
      }
      for (const tab of ['requests', 'alerts', 'playbook', 'report']) {
        await page.goto(`${e2e.url}/ops?tab=${tab}`);
        await page.locator('[data-page="ops"][data-ready="true"]').waitFor();
        await page.locator('[data-testid="alerts"][data-ready="true"], [data-testid]:not([data-testid="alerts"])').first().waitFor();
        await check(`ops/${tab}`);
      }
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await e2e.login(page, 'district');
      await check('district');
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await e2e.login(page, 'driver');
      // The route is drawn before the page says ready: its stops, or the no-plan line. (This waited for a
      // "stop-card" test id no element has, so every sweep sat out playwright's 30-s timeout here.)
      await page.locator('[data-testid="stop"], [data-testid="no-plan"]:not([hidden])').first().waitFor();
      await check('driver');
      await page.context().close();
      expect(problems, `${lang} ${viewport.width}px`).toEqual([]);
    }
  }, 240_000);

  it('switching language keeps the tab and the alert filters', async () => {
    const page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    const row = page.getByTestId('zone-row').nth(2);
    const zoneId = await row.getAttribute('data-zone-id');
    await row.click();
    await switchLanguage(page, 'en');
    expect(await page.locator('[data-testid="zone-row"].selected').getAttribute('data-zone-id')).toBe(zoneId);
    await page.getByTestId('tab-fleet').click();
    await switchLanguage(page, 'zh');
    await switchLanguage(page, 'en');
    expect(await page.getByTestId('tab-fleet').getAttribute('aria-selected')).toBe('true');
    await page.goto(`${e2e.url}/ops`);
    await page.locator('[data-page="ops"][data-ready="true"]').waitFor();
    await page.getByTestId('tab-alerts').click();
    await page.locator('[data-testid="alerts"][data-ready="true"]').waitFor();
    await page.getByTestId('alerts-rule').selectOption('low_cover');
    await page.getByTestId('alerts-severity').selectOption('critical');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('severity') === 'critical');
    await switchLanguage(page, 'zh');
    await page.locator('[data-testid="alerts"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('tab-alerts').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('alerts-rule').inputValue()).toBe('low_cover');
    expect(await page.getByTestId('alerts-severity').inputValue()).toBe('critical');
    const rows = page.getByTestId('alert-row');
    for (const severity of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')))) expect(severity).toBe('critical');
  });

  it('a second publish leaves one open alert per zone × commodity × kind, in the page as in the API', async () => {
    await publish(2);
    const open = await e2e.api<Alert[]>(coordToken, '/api/alerts?state=open');
    const keys = open.map((a) => `${a.zoneId}/${a.commodityId}/${a.rule}`);
    expect(open.some((a) => a.rule === 'low_cover')).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    const page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    await page.goto(`${e2e.url}/ops?tab=alerts`);
    await page.locator('[data-testid="alerts"][data-ready="true"]').waitFor();
    const shown = await page.getByTestId('alert-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id')));
    expect([...shown].sort()).toEqual(open.map((a) => a.id).sort());
  });

  it("an escalation reaches the district official's page live; 'I have seen it' goes into the alert's history", async () => {
    const page = await e2e.newPage(PHONE, true);
    await e2e.login(page, 'district');
    const zoneId = (await e2e.server.store.zones.list({ districtId: 'liwan', status: 'active' }))[0]!.id;
    await e2e.server.store.alerts.insert({
      id: 'e2e-escalating', key: 'test/e2e-escalating', zoneId, districtId: 'liwan', rule: 'request_spike', commodityId: null, severity: 'high',
      reasonZh: '诉求激增', reasonEn: 'requests spiking', state: 'open', ownerId: null,
      raisedAt: new Date(Date.now() - (DEFAULT_OPS.alerts.redAfterS + 60) * 1000).toISOString(),
      acknowledgedAt: null, closedAt: null, closedBy: null, closeNote: null,
    });
    await e2e.server.services.alerts.evaluateAlerts();
    const item = page.locator('[data-testid="escalation-item"][data-alert-id="e2e-escalating"]');
    await item.waitFor({ timeout: 5000 });
    expect(await page.getByTestId('escalation-notice').getAttribute('role')).toBe('alert');
    await page.getByTestId('escalation-sound').check();
    await e2e.screenshot(page, 'escalation-notice-phone-zh');
    await item.getByTestId('escalation-seen').click();
    await item.waitFor({ state: 'detached' });
    const views = await e2e.api<Array<{ username: string }>>(coordToken, '/api/alerts/e2e-escalating/views');
    expect(views.map((v) => v.username)).toEqual(['liwan']);
    // A reload does not bring back what was seen.
    await page.reload();
    await page.locator('[data-page="district"][data-ready="true"]').waitFor();
    await page.waitForTimeout(500);
    expect(await page.locator('[data-testid="escalation-item"][data-alert-id="e2e-escalating"]').count()).toBe(0);
  });
});
