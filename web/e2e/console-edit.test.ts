import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Depot, LngLat, Vehicle, VehicleAvailability, Zone } from '../../server/contract';
import { startE2E, switchLanguage, type E2E } from './harness';

// The coordinator edits what the planner reads: a zone's corners on the map (leaflet-geoman), saved or refused by
// the server's polygon checks; a depot's stock; the fleet (capacity, driver, broken down).

const ZONE = 'liwan-baihedong';

/** Drags the map point `from` to `to` with the mouse, in small steps (Leaflet's draggable needs moves). */
async function drag(page: Page, from: LngLat, to: LngLat): Promise<void> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const [a, b] = await page.evaluate(([p, q]) => [window.__baogongMap!.containerPoint(p), window.__baogongMap!.containerPoint(q)], [from, to] as const);
  await page.mouse.move(box.x + a!.x, box.y + a!.y);
  await page.mouse.down();
  await page.mouse.move(box.x + b!.x, box.y + b!.y, { steps: 12 });
  await page.mouse.up();
  await page.waitForTimeout(100);
}

async function startEdit(page: Page, centre: LngLat): Promise<void> {
  await page.getByTestId('shape-edit').click();
  await page.locator('[data-testid="shape-editor"][data-editing="true"]').waitFor();
  await page.evaluate((c) => window.__baogongMap!.setView(c, 15), centre);
  await page.locator('.marker-icon:not(.marker-icon-middle)').first().waitFor();
}

describe('coordinator edits a zone boundary on the map (real server, chromium)', () => {
  let e2e: E2E;
  let page: Page;
  let token = '';
  beforeAll(async () => {
    e2e = await startE2E();
    page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    token = await e2e.apiToken('coordinator');
    await page.getByTestId('zone-row').first().waitFor();
  });
  afterAll(async () => { await e2e?.close(); });

  it('drags a corner and saves it through the zone API', async () => {
    const before = await e2e.api<Zone>(token, `/api/zones/${ZONE}`);
    const ring = before.polygon.coordinates[0]!;
    const centre: LngLat = [113.238, 23.077];
    await page.locator(`[data-testid="zone-row"][data-zone-id="${ZONE}"]`).click();
    await page.locator(`[data-testid="shape-editor"][data-zone-id="${ZONE}"]`).waitFor();
    await startEdit(page, centre);
    const corners = ring.length - 1;
    expect(await page.locator('.marker-icon:not(.marker-icon-middle)').count()).toBe(corners);
    const target: LngLat = [ring[0]![0] - 0.0015, ring[0]![1] + 0.0005];
    await drag(page, ring[0]!, target);
    await e2e.screenshot(page, 'coordinator-edit-shape-zh');
    await page.getByTestId('shape-save').click();
    await page.locator('[data-testid="shape-message"][data-kind="info"]').waitFor();
    expect(await page.getByTestId('shape-message').textContent()).toContain(before.name);

    const after = await e2e.api<Zone>(token, `/api/zones/${ZONE}`);
    const moved = after.polygon.coordinates[0]!;
    expect(moved).toHaveLength(ring.length);
    // Within ten pixels at zoom 15 (1 px ≈ 0.00004°): a loaded machine drops a mouse step or two,
    // and the corner still lands far (0.0015°) from where it was.
    expect(Math.abs(moved[0]![0] - target[0])).toBeLessThan(0.0004);
    expect(Math.abs(moved[0]![1] - target[1])).toBeLessThan(0.0004);
    expect(Math.abs(moved[0]![0] - ring[0]![0])).toBeGreaterThan(0.001);
    expect(moved.at(-1)).toEqual(moved[0]);
    for (let i = 1; i < corners; i++) {
      expect(Math.abs(moved[i]![0] - ring[i]![0])).toBeLessThan(1e-6);
      expect(Math.abs(moved[i]![1] - ring[i]![1])).toBeLessThan(1e-6);
    }
    expect(await page.locator('[data-testid="shape-editor"]').getAttribute('data-editing')).toBe('false');
  });

  it("refuses a corner dragged across the zone (it would cross itself): the server's message shows, nothing is stored", async () => {
    const before = await e2e.api<Zone>(token, `/api/zones/${ZONE}`);
    const ring = before.polygon.coordinates[0]!;
    await startEdit(page, [113.24, 23.077]);
    // East of the far corner: the new edges cut across the zone's south-east side.
    await drag(page, ring[0]!, [113.2515, 23.079]);
    await page.getByTestId('shape-save').click();
    const message = page.locator('[data-testid="shape-message"][data-kind="error"]');
    await message.waitFor();
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.textContent()).toMatch(/有误，请检查后再提交.*详情.*crosses itself/);
    await e2e.screenshot(page, 'coordinator-edit-shape-refused-zh');
    const after = await e2e.api<Zone>(token, `/api/zones/${ZONE}`);
    expect(after.polygon).toEqual(before.polygon);
    expect(after.updatedAt).toBe(before.updatedAt);
    // Still editing, so the coordinator can fix it or give up.
    expect(await page.locator('[data-testid="shape-editor"]').getAttribute('data-editing')).toBe('true');
    await page.getByTestId('shape-cancel').click();
    expect(await page.locator('.marker-icon').count()).toBe(0);
    expect(await page.getByTestId('map').getAttribute('data-editing')).toBeNull();
  });

  it('shows the boundary editor in English', async () => {
    await switchLanguage(page, 'en');
    await page.locator(`[data-testid="zone-row"][data-zone-id="${ZONE}"]`).click();
    await page.getByTestId('shape-edit').waitFor();
    expect(await page.getByTestId('shape-edit').textContent()).toBe('Edit boundary');
    await startEdit(page, [113.238, 23.077]);
    await e2e.screenshot(page, 'coordinator-edit-shape-en');
    await page.getByTestId('shape-cancel').click();
    await switchLanguage(page, 'zh');
  });

  it("edits a depot's stock per commodity: saved, the bars and the API show it", async () => {
    await page.getByTestId('tab-depots').click();
    await page.locator('[data-testid="depot-list"] .depot-card[data-depot-id="liwan-lilang-market"]').click();
    const editor = page.locator('[data-testid="stock-editor"][data-depot-id="liwan-lilang-market"]');
    await editor.waitFor();
    await editor.locator('[data-commodity="eggs"]').fill('4321.5');
    await editor.locator('[data-commodity="meat"]').fill('0');
    await page.getByTestId('stock-save').click();
    await page.locator('[data-testid="stock-message"][data-kind="info"]').waitFor();
    const depot = await e2e.api<Depot>(token, '/api/depots/liwan-lilang-market');
    expect(depot.stockKg.eggs).toBe(4321.5);
    expect(depot.stockKg.meat ?? 0).toBe(0);
    const bar = page.locator('[data-testid="depot-list"] .depot-card[data-depot-id="liwan-lilang-market"] .stock-row[data-commodity="eggs"] .stock-kg');
    expect(await bar.textContent()).toMatch(/4,?321\.5/);
    await e2e.screenshot(page, 'coordinator-stock-zh');
  });

  it('edits the fleet: capacity saved, a van marked broken down; a cold chain above capacity is refused', async () => {
    await page.getByTestId('tab-fleet').click();
    await page.locator('[data-testid="fleet-panel"][data-ready="true"]').waitFor();
    const row = page.locator('[data-testid="fleet-row"][data-vehicle-id="lw-van-02"]');
    const before = await e2e.api<Vehicle>(token, '/api/vehicles/lw-van-02');
    await row.getByTestId('fleet-capacity').fill('1500');
    await row.getByTestId('fleet-status').selectOption('broken_down');
    await row.getByTestId('fleet-note').fill('左前轮爆胎');
    await row.getByTestId('fleet-save').click();
    await page.locator('[data-testid="fleet-message"][data-kind="info"]').waitFor();
    expect(await row.getAttribute('data-status')).toBe('broken_down');
    const van = await e2e.api<Vehicle>(token, '/api/vehicles/lw-van-02');
    expect(van).toEqual({ ...before, capacityKg: 1500 });
    const availability = await e2e.api<VehicleAvailability[]>(token, '/api/vehicle-availability?districtId=liwan');
    expect(availability.find((a) => a.vehicleId === 'lw-van-02')).toMatchObject({ status: 'broken_down', note: '左前轮爆胎' });
    await e2e.screenshot(page, 'coordinator-fleet-zh');

    await row.getByTestId('fleet-cold').fill('99999');
    await row.getByTestId('fleet-save').click();
    const refused = page.locator('[data-testid="fleet-message"][data-kind="error"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('coldChainKg');
    expect(await e2e.api<Vehicle>(token, '/api/vehicles/lw-van-02')).toEqual(van);

    await switchLanguage(page, 'en');
    await page.getByTestId('tab-fleet').click();
    await page.locator('[data-testid="fleet-panel"][data-ready="true"]').waitFor();
    expect(await page.locator('[data-testid="fleet-row"][data-vehicle-id="lw-van-02"] [data-testid="fleet-status"]').inputValue()).toBe('broken_down');
    await e2e.screenshot(page, 'coordinator-fleet-en');
    await switchLanguage(page, 'zh');
  });

  it('draws every handoff point, clustered into bubbles at city zoom and apart when zoomed in', async () => {
    const points = await e2e.api<unknown[]>(token, '/api/handoff-points');
    await page.waitForFunction((n) => document.querySelector('[data-testid="map"]')?.getAttribute('data-points-handoff') === String(n), points.length);
    await page.evaluate(() => window.__baogongMap!.setView([113.1, 23.05], 10));
    const far = Number(await page.getByTestId('map').getAttribute('data-clusters-handoff'));
    expect(far).toBeGreaterThan(0);
    await page.evaluate(() => window.__baogongMap!.setView([113.2415, 23.077], 17));
    expect(Number(await page.getByTestId('map').getAttribute('data-clusters-handoff'))).toBe(0);
    await page.getByTestId('tab-depots').click();
    await switchLanguage(page, 'en');
    await page.getByTestId('tab-depots').click();
    await page.locator('[data-testid="depot-list"] .depot-card[data-depot-id="liwan-lilang-market"]').click();
    await page.locator('[data-testid="stock-editor"][data-depot-id="liwan-lilang-market"]').waitFor();
    await e2e.screenshot(page, 'coordinator-stock-en');
    await switchLanguage(page, 'zh');
  });
});
