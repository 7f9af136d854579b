import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, User } from '../../server/contract';
import { call, connectLive, key, publishRoutes, routeThrough, type LiveClient } from '../../server/testing/live-kit';
import type { TestServer } from '../../server/testing/test-server';
import { startE2E, switchLanguage, type E2E } from './harness';

// Issue 14, the coordinator's day: a driver's fix and delivery reach the coordinator's map and van
// board without a reload; publishing asks with counts; 从现在重排 makes a replan from now.

const DATE = '2021-06-03';
// 11:05 in Guangzhou on the plan day: the page's clock for the replan, and the server's, so the board
// reads the plan's own day (lateness and ETAs mean nothing once the day is over: board-day.test.ts).
const NOW = Date.parse(`${DATE}T03:05:00Z`);
let e2e: E2E;
let driver: LiveClient;
let van = '';
let planId = '';
let zones: string[] = [];

beforeAll(async () => {
  e2e = await startE2E({}, { now: () => new Date(NOW) });
  const token = await e2e.apiToken('driver');
  van = (await e2e.api<User>(token, '/api/me')).vehicleId!;
  zones = (await e2e.server.store.zones.list()).filter((z) => z.districtId === 'liwan' && z.status === 'active').slice(0, 3).map((z) => z.id);
  const server = e2e.server as unknown as TestServer;
  planId = await publishRoutes(server, [await routeThrough(server, van, zones)], { date: DATE, districtId: 'liwan' });
  driver = await connectLive(e2e.url, token);
}, 120_000);
afterAll(async () => {
  driver?.close();
  await e2e?.close();
});

const count = (page: import('playwright-core').Page, kind: string) =>
  page.locator('[data-page="coordinator"] .leaflet-container').first().getAttribute(`data-points-${kind}`);

describe('coordinator live board and map', () => {
  it("shows a driver's position and a delivered stop on the map and the board without a reload", async () => {
    const page = await e2e.newPage();
    await page.clock.setFixedTime(NOW);
    await e2e.login(page, 'coordinator');
    await page.getByTestId('tab-vans').click();
    const row = page.locator(`[data-testid="van-row"][data-vehicle-id="${van}"]`);
    await row.waitFor();
    const zoneName = async (id: string) => (await e2e.server.store.zones.get(id))!.name;
    await expect.poll(() => row.getByTestId('van-next').textContent()).toBe(await zoneName(zones[0]!));
    await expect.poll(() => count(page, 'stop-pending')).toBe('3');
    // From here the board is kept by the rows the server pushes (vans:board), not re-read per event
    // (the read on the socket's connect, 400 ms after it, is let through first).
    await page.waitForTimeout(1000);
    const reads: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/vans/board')) reads.push(r.url()); });

    const at = new Date(NOW - 5000).toISOString();
    expect((await call(driver, 'vehicle:move', { key: key(), vehicleId: van, position: { lng: 113.236, lat: 23.118, speedKmh: 18, at } })).ok).toBe(true);
    await expect.poll(() => count(page, 'van'), { timeout: 2000 }).toBe('1');
    await expect.poll(() => row.getByTestId('van-age').textContent(), { timeout: 2000 }).not.toContain('无定位');

    const delivered = await call(driver, 'stop:deliver', {
      key: key(), vehicleId: van, planId, tripIndex: 0, stopIndex: 0, at, quantitiesKg: { vegetables: 10, eggs: 2 }, handoffMode: 'compound_gate',
    });
    expect(delivered.ok).toBe(true);
    await expect.poll(() => count(page, 'stop-delivered'), { timeout: 2000 }).toBe('1');
    await expect.poll(() => count(page, 'stop-pending'), { timeout: 2000 }).toBe('2');
    await expect.poll(() => row.getByTestId('van-next').textContent(), { timeout: 2000 }).toBe(await zoneName(zones[1]!));
    expect(await row.getByTestId('van-eta').textContent()).toMatch(/^\d{2}:\d{2}$/);
    expect(await row.getByTestId('van-kg').textContent()).toBe('12 / 36');
    expect(reads).toEqual([]);
    await row.getByTestId('van-pick').click();
    await e2e.screenshot(page, 'board-coordinator-zh-desktop');
    await switchLanguage(page, 'en');
    await page.getByTestId('tab-vans').click();
    await page.locator('[data-testid="van-row"]').first().waitFor();
    await e2e.screenshot(page, 'board-coordinator-en-desktop');
  }, 90_000);

  it('replans from now (basePlanId, nothing before now, delivered stops done) and asks before publishing with counts', async () => {
    const page = await e2e.newPage();
    await page.clock.setFixedTime(NOW);
    await e2e.login(page, 'coordinator');
    await page.getByTestId('tab-plans').click();
    expect((await page.getByTestId('plan-replan').textContent())?.trim()).toBe('从现在重排');
    await page.getByTestId('plan-replan').click();
    const token = await e2e.apiToken('coordinator');
    let replan: Plan | null = null;
    await expect.poll(async () => {
      const list = await e2e.api<Plan[]>(token, '/api/plans');
      const made = list.find((p) => p.basePlanId === planId);
      if (!made || made.status === 'queued' || made.status === 'running') return 'waiting';
      replan = await e2e.api<Plan>(token, `/api/plans/${made.id}`);
      return made.status;
    }, { timeout: 60_000, interval: 500 }).toBe('draft');
    const nowS = 11 * 3600 + 5 * 60;
    const routes = replan!.result!.routes;
    const mine = routes.find((r) => r.vehicleId === van)!;
    expect(mine.trips[0]!.stops[0]).toMatchObject({ zoneId: zones[0], done: true });
    for (const r of routes) for (const trip of r.trips) for (const s of trip.stops) if (!s.done && !(r.vehicleId === van)) expect(s.arrivalS).toBeGreaterThanOrEqual(nowS);
    // Readable names, never raw ids, in the list (data-plan-id stays for tests).
    const name = await page.locator(`[data-plan-id="${replan!.id}"] .plan-name`).textContent();
    expect(name).toContain('6月3日');
    // Named by when it was made (the server's clock; the page's is fixed at 11:05 for nowS only).
    expect(name).toMatch(/^6月3日 草稿 · \d{2}:\d{2} 重排$/);
    expect(name).not.toContain(replan!.id.slice(0, 8));

    await page.locator(`[data-plan-id="${replan!.id}"] [data-testid="plan-open"]`).click();
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.dismiss(); });
    await page.getByTestId('plan-publish').click();
    await expect.poll(() => asked).toMatch(/\d+ 辆车、\d+ 名司机受影响，\d+ 个站点变动，\d+ 个小区的配送量变化/);
    // Dismissed: nothing published.
    expect((await e2e.api<Plan>(token, `/api/plans/${replan!.id}`)).status).toBe('draft');
  }, 120_000);

  it("shows the district official the vans serving the district, at desktop and phone sizes, in zh and en", async () => {
    for (const [w, hgt, tag] of [[1280, 800, 'desktop'], [390, 844, 'phone']] as const) {
      const page = await e2e.newPage({ width: w, height: hgt }, tag === 'phone');
      await e2e.login(page, 'district');
      const row = page.locator(`[data-testid="van-row"][data-vehicle-id="${van}"]`);
      await row.waitFor();
      expect(await row.getByTestId('van-eta').textContent()).toMatch(/^\d{2}:\d{2}$/);
      await expect.poll(() => page.locator('[data-page="district"] .leaflet-container').first().getAttribute('data-points-stop-delivered')).toBe('1');
      await e2e.screenshot(page, `board-district-zh-${tag}`);
      await switchLanguage(page, 'en');
      await page.locator('[data-testid="van-row"]').first().waitFor();
      await e2e.screenshot(page, `board-district-en-${tag}`);
      const coord = await e2e.newPage({ width: w, height: hgt }, tag === 'phone');
      await e2e.login(coord, 'coordinator');
      await coord.getByTestId('tab-vans').click();
      await coord.locator('[data-testid="van-row"]').first().waitFor();
      await e2e.screenshot(coord, `board-coordinator-zh-${tag}`);
    }
  }, 120_000);
});
