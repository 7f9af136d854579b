import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverHistory, LiveSnapshot, Plan, PlanSummary, VehicleRoute } from '../../server/contract';
import { call, connectLive } from '../../server/testing/live-kit';
import { downloadBytes, reveal, startE2E, switchLanguage, type E2E } from './harness';

// Plans end to end on one server: the coordinator runs two plans, publishes one, compares them and
// downloads a manifest; the driver then sees the published stops on a phone.

/** Records every value the progress bar shows, with where it came from (data-source: live or poll). */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="plan-progress"]')!;
    const log: { pct: number; source: string }[] = [];
    (window as unknown as { __progress: typeof log }).__progress = log;
    new MutationObserver(() => {
      const e = el as HTMLElement;
      if (e.dataset.pct && e.dataset.source) log.push({ pct: Number(e.dataset.pct), source: e.dataset.source });
    }).observe(el, { attributes: true, attributeFilter: ['data-pct', 'data-source'] });
  });
}
const progressLog = (page: Page) => page.evaluate(() => (window as unknown as { __progress: { pct: number; source: string }[] }).__progress);

/** A test that runs a plan in the browser: the plan may wait for a worker thread on a loaded machine (the step allows 60 s). */
const PLAN_TEST_MS = 90_000;

async function runPlanInUi(page: Page, timeLimit: string): Promise<string> {
  await recordProgress(page);
  await page.getByTestId('plan-time-limit').fill(timeLimit);
  const before = await page.getByTestId('plan-row').count();
  // The plan open before this run (a language switch keeps it open): the new one must replace it.
  const shown = await page.evaluate(() => document.querySelector('[data-testid="plan-detail"]')?.getAttribute('data-plan-id') ?? null);
  await page.getByTestId('plan-run').click();
  await page.locator('[data-testid="plan-progress"][data-done]').waitFor({ timeout: 60_000 });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="plan-row"]').length > n, before);
  const detail = await page.waitForFunction((old) => {
    const id = document.querySelector('[data-testid="plan-detail"]')?.getAttribute('data-plan-id');
    return id && id !== old ? id : null;
  }, shown);
  return (await detail.jsonValue()) as string;
}

describe('plans in the browser (real server, chromium)', () => {
  let e2e: E2E;
  let page: Page;
  let first = '';
  let second = '';
  beforeAll(async () => {
    e2e = await startE2E();
    page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    await page.getByTestId('tab-plans').click();
    await page.getByTestId('plan-form').waitFor();
  });
  afterAll(async () => { await e2e?.close(); });

  it('runs a plan: progress reaches 100 %, KPIs and shortfall reasons show, publish draws the routes', async () => {
    expect(await page.getByTestId('plan-date').inputValue()).toBe('2021-06-03');
    expect(await page.getByTestId('plan-district').inputValue()).toBe('liwan');
    first = await runPlanInUi(page, '1');
    expect(await page.getByTestId('plan-progress').getAttribute('data-pct')).toBe('100');
    expect(await page.getByTestId('plan-progress-text').textContent()).toBe('100%');
    // The bar moved on plan:progress pushes (the socket is up): values between 0 and 100 %, never backwards.
    const live = (await progressLog(page)).filter((p) => p.source === 'live').map((p) => p.pct);
    expect(live.some((pct) => pct > 0 && pct < 100)).toBe(true);
    expect(live).toEqual([...live].sort((a, b) => a - b));
    expect((await progressLog(page)).filter((p) => p.source === 'poll')).toEqual([]);
    expect(await page.getByTestId('plan-detail').getAttribute('data-status')).toBe('draft');
    expect(await page.getByTestId('kpi-minFillRate').textContent()).toMatch(/最低满足率\d+(\.\d)?%/);
    expect(await page.getByTestId('kpi-vehiclesUsed').textContent()).toMatch(/出车数\d+/);
    const reasons = page.locator('[data-testid="shortfall-row"] td.reason');
    expect(await reasons.count()).toBeGreaterThan(0);
    expect(await reasons.first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.locator('[data-testid="excluded-list"] li').count()).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('map').getAttribute('data-routes'))).toBeGreaterThan(0);
    expect(await page.getByTestId('legend').getAttribute('data-mode')).toBe('cover');

    // Publishing asks first (issue 14): a first publish says how many vans, drivers, stops and zones start.
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
    await page.getByTestId('plan-publish').click();
    await page.locator('[data-testid="plan-detail"][data-status="published"]').waitFor();
    expect(asked).toMatch(/\d+ 辆车、\d+ 名司机开始执行 \d+ 个站点，覆盖 \d+ 个小区/);
    const plan = await e2e.api<Plan>(await e2e.apiToken('coordinator'), `/api/plans/${first}`);
    expect(plan.status).toBe('published');
    const routes = plan.result!.routes.reduce((n, r) => n + r.trips.length, 0);
    expect(Number(await page.getByTestId('map').getAttribute('data-routes'))).toBe(routes);
    await page.waitForTimeout(300);
    await e2e.screenshot(page, 'plans-coordinator-zh');
    await switchLanguage(page, 'en');
    await page.getByTestId('tab-plans').click();
    await page.locator('[data-testid="plan-detail"][data-status="published"]').waitFor();
    expect(await page.locator('[data-testid="shortfall-row"] td.reason').first().textContent()).toMatch(/[a-z]{3}/);
    await page.waitForTimeout(300);
    await e2e.screenshot(page, 'plans-coordinator-en');
    await switchLanguage(page, 'zh');
    await page.getByTestId('tab-plans').click();
    await page.getByTestId('plan-form').waitFor();
  }, PLAN_TEST_MS);

  it('compares two plans side by side', async () => {
    second = await runPlanInUi(page, '2');
    await page.locator(`[data-plan-id="${first}"] [data-testid="plan-pick"]`).check();
    await page.locator(`[data-plan-id="${second}"] [data-testid="plan-pick"]`).check();
    await page.getByTestId('plan-compare-run').click();
    await page.getByTestId('plan-compare').waitFor();
    expect(await page.getByTestId('compare-kpi').count()).toBe(9);
    const changed = await page.locator('[data-testid="compare-vehicle"], [data-testid="compare-zone"]').count();
    const cmp = await e2e.api<{ vehicles: unknown[]; zones: unknown[] }>(await e2e.apiToken('coordinator'), `/api/plans/${first}/compare/${second}`);
    expect(changed).toBe(cmp.vehicles.length + cmp.zones.length);
    expect(await page.locator('[data-testid="compare-kpi"][data-kpi="distanceKm"] td').nth(3).textContent()).toMatch(/^[+-]?\d|—/);
    await e2e.screenshot(page, 'plans-compare-zh');
  }, PLAN_TEST_MS);

  it('downloads a van manifest as CSV with its stops, and opens the printable sheet', async () => {
    await page.locator(`[data-plan-id="${first}"] [data-testid="plan-open"]`).click();
    await page.locator(`[data-testid="plan-detail"][data-plan-id="${first}"]`).waitFor();
    const row = page.getByTestId('route-row').first();
    const vehicleId = (await row.getAttribute('data-vehicle-id'))!;
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('manifest-csv').click()]);
    expect(download.suggestedFilename()).toBe(`manifest-2021-06-03-${vehicleId}.csv`);
    const csv = (await downloadBytes(download)).toString('utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    const route = await e2e.api<VehicleRoute>(await e2e.apiToken('coordinator'), `/api/vehicles/${vehicleId}/route`);
    const stops = route.trips.flatMap((trip) => trip.stops);
    expect(lines).toHaveLength(stops.length + 1);
    expect(lines[0]).toMatch(/^趟次,序号,zone_id,区域,交接点,lng,lat,到达/);
    stops.forEach((stop, i) => expect(lines[i + 1]!.split(',')[2]).toBe(stop.zoneId));
    expect(lines[1]).toMatch(/,\d\d:\d\d,/);

    await row.getByTestId('manifest-open').click();
    await page.getByTestId('manifest-sheet').waitFor();
    expect(await page.getByTestId('manifest-row').count()).toBe(stops.length);
    await e2e.screenshot(page, 'plans-manifest-zh');
    await page.getByTestId('manifest-close').click();
  });

  it('with the socket blocked the progress bar falls back to polling the plan', async () => {
    const other = await e2e.newPage();
    // Both transports: the client tries a WebSocket first, then HTTP long-polling.
    await other.routeWebSocket(/\/socket\.io\//, (ws) => ws.close({ code: 1011, reason: 'blocked by the test' }));
    await other.route('**/socket.io/**', (route) => route.abort());
    await e2e.login(other, 'coordinator');
    await other.getByTestId('tab-plans').click();
    await other.getByTestId('plan-form').waitFor();
    await runPlanInUi(other, '2');
    const log = await progressLog(other);
    expect(log.filter((p) => p.source === 'live')).toEqual([]);
    expect(log.filter((p) => p.source === 'poll').some((p) => p.pct > 0 && p.pct < 100)).toBe(true);
    expect(await other.getByTestId('plan-progress').getAttribute('data-pct')).toBe('100');
    await other.context().close();
  }, PLAN_TEST_MS);

  it('the API lists both plans, one published', async () => {
    const list = await e2e.api<PlanSummary[]>(await e2e.apiToken('coordinator'), '/api/plans');
    expect(list.find((p) => p.id === first)?.status).toBe('published');
    expect(list.find((p) => p.id === second)?.status).toBe('draft');
    expect(list.filter((p) => p.status === 'draft').length).toBe(2);
  });

  it('driver on a phone sees the published stops in order; deliveries recorded offline are sent once online', async () => {
    const driverToken = await e2e.apiToken('driver');
    const route = await e2e.api<VehicleRoute | null>(driverToken, '/api/vehicles/lw-van-01/route');
    expect(route?.planId).toBe(first);
    const stops = route!.trips.flatMap((trip) => trip.stops);
    expect(stops.length).toBeGreaterThanOrEqual(2);

    const phone = await e2e.newPage({ width: 390, height: 844 }, true);
    await e2e.login(phone, 'driver');
    await phone.getByTestId('stop').first().waitFor();
    const zones = await phone.getByTestId('stop').evaluateAll((els) => els.map((el) => el.getAttribute('data-zone-id')));
    expect(zones).toEqual(stops.map((s) => s.zoneId));
    // Names, not ids: the zone's Chinese name and the gate's name with its district and street.
    const names = await phone.getByTestId('stop-zone').allTextContents();
    expect(names).toEqual(stops.map((s) => route!.zoneNames[s.zoneId]!.name));
    for (const name of names) expect(name).toMatch(/[\u4e00-\u9fff]/);
    const gates = await phone.getByTestId('stop-handoff').allTextContents();
    expect(gates).toEqual(stops.map((s) => (s.handoffPointId ? route!.handoffPlaces[s.handoffPointId]!.name : route!.zoneNames[s.zoneId]!.name)));
    expect(await phone.getByTestId('stop-area').first().textContent()).toContain('荔湾区');
    // The plan's readable name, not "v1 · 2021-06-03".
    expect(await phone.getByTestId('route-sub').textContent()).toMatch(/^6月3日 第\d+版/);
    expect(await phone.getByTestId('nav-geo').first().getAttribute('href')).toMatch(/^geo:23\.\d+,113\.\d+/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.waitForTimeout(300);
    await e2e.screenshot(phone, 'plans-driver-zh');

    await phone.context().setOffline(true);
    await phone.locator('[data-testid="net-status"][data-online="false"]').waitFor();
    for (const i of [0, 1]) {
      const stop = phone.getByTestId('stop').nth(i);
      await stop.getByTestId('stop-deliver').click();
      await phone.locator(`[data-testid="stop"]:nth-child(${i + 1})[data-status="delivered"]`).waitFor();
    }
    expect(await phone.getByTestId('pending-count').getAttribute('data-count')).toBe('2');
    await e2e.screenshot(phone, 'plans-driver-offline-zh');
    // The service worker keeps the shell and the last route: a reload without network still shows the stops.
    await phone.waitForFunction(async () => Boolean(navigator.serviceWorker.controller)
      && Boolean(await (await caches.open('baogong-api-v1')).match('/api/vehicles/lw-van-01/route'))
      && Boolean(await (await caches.open('baogong-api-v1')).match('/api/me')), undefined, { timeout: 15_000 });
    await phone.reload();
    await phone.locator('[data-page="driver"][data-ready="true"]').waitFor();
    expect(await phone.getByTestId('stop').count()).toBe(stops.length);
    expect(await phone.getByTestId('pending-count').getAttribute('data-count')).toBe('2');
    expect(await phone.locator('[data-testid="stop"][data-status="delivered"]').count()).toBe(2);
    await phone.context().setOffline(false);
    await phone.locator('[data-testid="pending-count"][data-count="0"]').waitFor({ timeout: 20_000 });

    await page.getByTestId('tab-plans').click();
    await page.waitForFunction(() => document.querySelectorAll(
      '[data-testid="live-panel"] [data-vehicle-id="lw-van-01"] [data-testid="live-stop"][data-status="delivered"]').length === 2);
    await reveal(page.getByTestId('live-panel'));
    await e2e.screenshot(page, 'plans-coordinator-live-zh');
    const coordinator = await connectLive(e2e.url, await e2e.apiToken('coordinator'));
    try {
      const reply = await call<LiveSnapshot>(coordinator, 'sync:request');
      expect(reply.ok).toBe(true);
      const van = reply.ok ? reply.data.vehicles.find((v) => v.vehicleId === 'lw-van-01') : undefined;
      const delivered = van!.stops.filter((s) => s.status === 'delivered').map((s) => [s.tripIndex, s.stopIndex]);
      expect(delivered).toHaveLength(2);
    } finally {
      coordinator.close();
    }
    await switchLanguage(phone, 'en');
    await phone.getByTestId('stop').first().waitFor();
    expect(await phone.getByTestId('stop-zone').allTextContents()).toEqual(stops.map((s) => route!.zoneNames[s.zoneId]!.nameEn));
    expect(await phone.getByTestId('stop-area').first().textContent()).toContain('Liwan');
    await e2e.screenshot(phone, 'plans-driver-en');
  });

  it('district view: zones sorted by days of cover from the published plan, bars per commodity, deliveries under way', async () => {
    const page = await e2e.newPage();
    await e2e.login(page, 'district');
    await page.locator('[data-testid="zone-row"][data-cover]').first().waitFor();
    const covers = await page.getByTestId('zone-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.cover ?? ''));
    const known = covers.filter((c) => c !== '').map(Number);
    expect(known.length).toBeGreaterThan(0);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(await page.locator('[data-testid="zone-row"] .cover-bar').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="live-vehicle"][data-vehicle-id="lw-van-01"]').waitFor();
    expect(await page.locator('[data-vehicle-id="lw-van-01"] [data-testid="live-stop"][data-status="delivered"]').count()).toBe(2);
    expect(Number(await page.getByTestId('map').getAttribute('data-routes'))).toBeGreaterThan(0);
    // The cover chart (uPlot) draws the published plan's day: one planned point per commodity at least.
    await page.locator('[data-testid="cover-chart"][data-ready="true"]').waitFor();
    const history = await e2e.api<CoverHistory>(await e2e.apiToken('district'), '/api/districts/liwan/cover-history?days=7');
    const expected = Object.values(history.commodities).reduce((n, s) => n + [...s.planned, ...s.delivered].filter((v) => v !== null).length, 0);
    expect(expected).toBeGreaterThanOrEqual(4);
    expect(history.days.at(-1)).toBe('2021-06-03');
    expect(Number(await page.getByTestId('cover-chart').getAttribute('data-points'))).toBe(expected);
    const canvas = page.locator('[data-testid="cover-chart"] canvas');
    expect((await canvas.boundingBox())!.width).toBeGreaterThan(200);
    expect(await page.locator('[data-testid="cover-chart"] .u-legend .u-series').count()).toBeGreaterThanOrEqual(2 * Object.keys(history.commodities).length);
    // Pixels were drawn: the canvas is not blank.
    expect(await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) inked++;
      return inked;
    })).toBeGreaterThan(100);
    await reveal(page.getByTestId('cover-chart'));
    await page.waitForTimeout(300);
    await e2e.screenshot(page, 'plans-district-zh');
    await switchLanguage(page, 'en');
    await page.locator('[data-testid="live-vehicle"]').first().waitFor();
    await page.locator('[data-testid="cover-chart"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('chart-caption').textContent()).toMatch(/Not stock on hand/);
    await reveal(page.getByTestId('cover-chart'));
    await page.waitForTimeout(300);
    await e2e.screenshot(page, 'plans-district-en');
  });
});
