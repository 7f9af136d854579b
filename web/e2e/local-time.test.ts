import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSummary } from '../../server/contract';
import { localDate, localHhmm } from '../../server/contract/local-time';
import { loadConfig } from '../../server/config';
import { startE2E, type E2E } from './harness';

// Issue 18 (local time from config only): the pages show days and times in the server's UTC_OFFSET, not
// in +08:00 and not in the browser's time zone. A server west of UTC (-05:00) puts Liwan's latest sealing
// (2021-06-02T16:00Z, 3 June in Guangzhou) on 2 June, and its seeded zones (written 2021-06-03T00:00Z)
// on 2 June too; the browser here runs on the machine's zone, which is neither.

const OFFSET = '-05:00';

describe('local days and times from the configuration (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E({ live: loadConfig({ UTC_OFFSET: OFFSET }).live }); });
  afterAll(async () => { await e2e?.close(); });

  it("the coordinator's plan day defaults to the latest sealing's local day, and a draft is named by its local time", async () => {
    const token = await e2e.apiToken('coordinator');
    const res = await fetch(`${e2e.url}/api/plans`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2021-06-02', districtId: 'liwan', timeLimitS: 0.5 }),
    });
    const { id } = ((await res.json()) as { data: { id: string } }).data;
    await e2e.server.services.plans.idle();
    const createdAt = (await e2e.api<PlanSummary[]>(token, '/api/plans')).find((p) => p.id === id)!.createdAt;

    const page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    expect(await page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[name="bg-utc-offset"]')?.content)).toBe(OFFSET);
    await page.getByTestId('tab-plans').click();
    await page.getByTestId('plan-form').waitFor();
    expect(await page.getByTestId('plan-date').inputValue()).toBe('2021-06-02');
    const name = page.locator(`[data-testid="plan-row"][data-plan-id="${id}"] .plan-name`);
    await name.waitFor();
    // 13 hours apart: the two offsets never give the same HH:MM.
    expect(await name.textContent()).toBe(`6月2日 草稿 ${localHhmm(Date.parse(createdAt), OFFSET)}`);
    expect(await name.textContent()).not.toContain(localHhmm(Date.parse(createdAt), '+08:00'));
    await e2e.screenshot(page, 'local-time-plans-zh');
  }, 120_000);

  it("the district's cover and report days are local days of the configured offset", async () => {
    const page = await e2e.newPage();
    // 02:00 UTC on 3 June: 3 June in UTC and in Guangzhou, still 2 June at -05:00.
    const now = Date.parse('2021-06-03T02:00:00Z');
    await page.clock.setFixedTime(now);
    const covers: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/cover?')) covers.push(r.url()); });
    await e2e.login(page, 'district');
    await page.locator('[data-testid="legend"][data-mode="cover"]').waitFor();
    expect(covers.some((u) => u.includes('date=2021-06-02'))).toBe(true);
    expect(covers.some((u) => u.includes('date=2021-06-03'))).toBe(false);

    await page.goto(`${e2e.url}/ops`);
    await page.locator('[data-page="ops"][data-ready="true"]').waitFor();
    await page.getByTestId('tab-report').click();
    await page.getByTestId('report-title').waitFor();
    expect(await page.getByTestId('report-date').inputValue()).toBe(localDate(now, OFFSET));
    expect(localDate(now, OFFSET)).toBe('2021-06-02');
    expect(await page.getByTestId('report-title').textContent()).toContain('2021-06-02');
    await e2e.screenshot(page, 'local-time-report-zh');
  }, 120_000);
});
