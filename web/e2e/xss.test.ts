import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LngLat } from '../../server/contract';
import { startE2E, type E2E } from './harness';

// Issue #15 item 1: user text reaches every page as text. A Liwan official names a zone, a depot, a van
// and a staff member with markup, and a resident files a request with it; the coordinator's map tooltip and
// popup, the tables, the district page, /ops, the driver's phone and the residents' form all show the
// literal text, no element of the payload is created and no handler runs. (The CSP would also stop the
// handler; the test checks that no <img> is created, which the CSP does not prevent.)

/** A free spot in the north of Liwan (no demo zone or depot there). */
const CENTRE: LngLat = [113.2, 23.14];
const D = 0.003;
const INSIDE: LngLat = [CENTRE[0] + D / 2, CENTRE[1] + D / 2];
const DEPOT_AT: LngLat = [113.21, 23.137];
const payload = (what: string, n: number) => `${what}<img src=x onerror=xss(${n})><b>粗</b>`;
const ZONE = payload('zone', 1);
const DEPOT = payload('depot', 2);
const VAN = payload('van', 3);
const STAFF = payload('staff', 4);
const REQUEST = payload('request', 5);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function newWatchedPage(e2e: E2E, viewport?: { width: number; height: number }, mobile = false): Promise<Page> {
  const page = await e2e.newPage(viewport, mobile);
  await page.addInitScript(() => {
    const w = window as unknown as { __xss: number[]; xss(n: number): void };
    w.__xss = [];
    w.xss = (n) => { w.__xss.push(n); };
  });
  return page;
}

/** Nothing of the payloads became markup and no handler ran. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss: number[] }).__xss)).toEqual([]);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('b', { hasText: '粗' }).count()).toBe(0);
}

async function hover(page: Page, at: LngLat, zoom: number): Promise<void> {
  await page.evaluate(([c, z]) => window.__baogongMap!.setView(c, z), [at, zoom] as const);
  const box = (await page.getByTestId('map').boundingBox())!;
  const p = await page.evaluate((pt) => window.__baogongMap!.containerPoint(pt), at);
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.move(box.x + p.x, box.y + p.y, { steps: 4 });
  // Leaflet's canvas handles at most one mouse move per 32 ms: settle on the point with a late last move.
  await page.waitForTimeout(60);
  await page.mouse.move(box.x + p.x + 1, box.y + p.y);
  await page.waitForTimeout(60);
  await page.mouse.move(box.x + p.x, box.y + p.y);
}

describe('user text stays text on every page (real server, chromium)', () => {
  let e2e: E2E;
  let zoneId: string;
  let depotId: string;
  beforeAll(async () => {
    e2e = await startE2E();
    const official = await e2e.apiToken('district');
    const post = async (path: string, body: unknown, token: string | null = official) => {
      const res = await fetch(`${e2e.url}${path}`, {
        method: path.startsWith('PUT ') ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { ok: boolean; data: { id: string } };
      if (!json.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
      return json.data;
    };
    const [x, y] = CENTRE;
    zoneId = (await post('/api/zones', {
      districtId: 'liwan', name: ZONE, nameEn: ZONE, tier: 'sealed', population: 800, households: 300,
      polygon: { type: 'Polygon', coordinates: [[[x - D, y - D], [x + D, y - D], [x + D, y + D], [x - D, y + D], [x - D, y - D]]] },
    })).id;
    depotId = (await post('/api/depots', {
      districtId: 'liwan', name: DEPOT, nameEn: DEPOT, location: DEPOT_AT, opensAt: '06:00', closesAt: '20:00', stockKg: { eggs: 500 },
    })).id;
    const staffId = (await post('/api/staff', {
      name: STAFF, role: 'driver', passNumber: 'XSS-1', healthCheckValidUntil: '2099-01-01', districtId: 'liwan',
    })).id;
    await post('/api/vehicles', {
      name: VAN, kind: 'van', homeDepotId: depotId, districtId: 'liwan', capacityKg: 1000, coldChainKg: 0,
      shiftStart: '06:00', shiftEnd: '18:00', driverId: staffId,
    });
    // driver1's own van, renamed: its phone shows the name.
    const van = await e2e.api<Record<string, unknown>>(official, '/api/vehicles/lw-van-01');
    const keep = ['name', 'kind', 'homeDepotId', 'districtId', 'capacityKg', 'coldChainKg', 'shiftStart', 'shiftEnd', 'driverId'];
    const res = await fetch(`${e2e.url}/api/vehicles/lw-van-01`, {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${official}` },
      body: JSON.stringify({ ...Object.fromEntries(keep.filter((k) => k in van).map((k) => [k, van[k]])), name: VAN }),
    });
    expect(res.status, await res.text()).toBe(200);
    await post(`/api/public/zones/${zoneId}/requests`, { category: 'food_shortage', building: REQUEST, contact: '13800138000', text: REQUEST }, null);
  });
  afterAll(async () => { await e2e?.close(); });

  it("shows the coordinator the names literally: map tooltip and popup, zone table, depot cards, fleet", async () => {
    const page = await newWatchedPage(e2e);
    await e2e.login(page, 'coordinator');
    const row = page.locator(`[data-testid="zone-row"][data-zone-id="${zoneId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(ZONE);

    // The zone's gate (made with the zone, named after it) sits at its centre: hover beside it, then on it.
    await hover(page, INSIDE, 15);
    const zoneTip = page.locator('.leaflet-tooltip', { hasText: /^zone/ });
    await zoneTip.waitFor();
    expect(await zoneTip.textContent()).toBe(`${ZONE} · 封闭区`);
    await page.screenshot({ path: '/tmp/sec-web-zone-tooltip.png' });
    await hover(page, CENTRE, 15);
    const gateTip = page.locator('.leaflet-tooltip', { hasText: /卡口/ });
    await gateTip.waitFor();
    expect(await gateTip.textContent()).toMatch(new RegExp(`^${escape(ZONE)}.*卡口 · ${escape(ZONE)}$`));
    await page.screenshot({ path: '/tmp/sec-web-gate-tooltip.png' });
    await expectInert(page);

    await page.getByTestId('tab-depots').click();
    const card = page.locator(`.depot-card[data-depot-id="${depotId}"]`);
    expect(await card.textContent()).toContain(DEPOT);
    await card.click();
    const popup = page.locator('.leaflet-popup-content', { hasText: /^depot/ });
    await popup.waitFor();
    expect(await popup.textContent()).toContain(DEPOT);
    await page.screenshot({ path: '/tmp/sec-web-depot-popup.png' });
    await hover(page, DEPOT_AT, 17);
    const depotTip = page.locator('.leaflet-tooltip', { hasText: /^depot/ });
    await depotTip.waitFor();
    expect(await depotTip.textContent()).toContain(DEPOT);

    await page.getByTestId('tab-fleet').click();
    const fleet = page.locator('tr', { hasText: 'van<img' }).first();
    await fleet.waitFor();
    expect(await fleet.textContent()).toContain(VAN);
    expect(await page.locator('option', { hasText: 'staff<img' }).first().textContent()).toBe(STAFF);
    await expectInert(page);
  });

  it('shows the district official, /ops, the driver and the residents the text as typed', async () => {
    const district = await newWatchedPage(e2e);
    await e2e.login(district, 'district');
    const row = district.locator(`[data-testid="zone-row"][data-zone-id="${zoneId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(ZONE);
    await hover(district, INSIDE, 15);
    const tip = district.locator('.leaflet-tooltip', { hasText: /^zone/ });
    await tip.waitFor();
    expect(await tip.textContent()).toBe(`${ZONE} · 封闭区`);
    await expectInert(district);

    await district.goto(`${e2e.url}/ops`);
    await district.locator('[data-page="ops"][data-ready="true"]').waitFor();
    const text = district.getByTestId('triage-text').filter({ hasText: 'request<img' });
    await text.waitFor();
    expect(await text.textContent()).toBe(REQUEST);
    expect(await district.getByTestId('triage-row').filter({ hasText: 'request<img' }).textContent()).toContain(ZONE);
    await expectInert(district);

    const driver = await newWatchedPage(e2e, { width: 390, height: 844 }, true);
    await e2e.login(driver, 'driver');
    expect(await driver.getByTestId('vehicle-name').textContent()).toBe(VAN);
    await expectInert(driver);

    const resident = await newWatchedPage(e2e, { width: 420, height: 820 }, true);
    await resident.goto(`${e2e.url}/r/${zoneId}`);
    await resident.locator('[data-page="public"][data-ready="true"]').waitFor();
    expect(await resident.getByTestId('public-zone').textContent()).toContain(ZONE);
    await expectInert(resident);
  });
});
