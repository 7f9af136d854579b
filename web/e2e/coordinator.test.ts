import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LngLat, Zone } from '../../server/contract';
import { startE2E, switchLanguage, type E2E } from './harness';

/** A free spot in the north of Liwan (no demo zone or depot there). */
const CENTRE: LngLat = [113.2, 23.14];
const D = 0.004;

async function clickMap(page: Page, points: LngLat[], finish: 'button' | 'dblclick'): Promise<void> {
  await page.evaluate(([centre]) => window.__baogongMap!.setView(centre, 15), [CENTRE] as const);
  const box = (await page.getByTestId('map').boundingBox())!;
  const pixels = await page.evaluate((pts) => pts.map((p) => window.__baogongMap!.containerPoint(p)), points);
  for (const [i, p] of pixels.entries()) {
    if (finish === 'dblclick' && i === pixels.length - 1) await page.mouse.dblclick(box.x + p.x, box.y + p.y);
    else await page.mouse.click(box.x + p.x, box.y + p.y);
    await page.waitForTimeout(60);
  }
  if (finish === 'button') await page.getByTestId('draw-finish').click();
  await page.getByTestId('draw-form').waitFor();
}

async function startDrawing(page: Page): Promise<void> {
  await page.getByTestId('tab-draw').click();
  await page.getByTestId('draw-start').click();
}

describe('coordinator console (real server, chromium)', () => {
  let e2e: E2E;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2E();
    page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    await page.getByTestId('zone-row').first().waitFor();
  });
  afterAll(async () => { await e2e?.close(); });

  it('lists every zone of every district and shows depots with stock', async () => {
    const rows = await page.getByTestId('zone-row').count();
    const zones = await e2e.api<Zone[]>(await e2e.apiToken('coordinator'), '/api/zones');
    expect(rows).toBe(zones.length);
    await page.waitForTimeout(300);
    await e2e.screenshot(page, 'coordinator-zh');
    await page.getByTestId('tab-depots').click();
    const cards = page.locator('[data-testid="depot-list"] .depot-card');
    expect(await cards.count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid="depot-list"] .depot-card[data-depot-id="gz-jiangnan-market"] [data-commodity="vegetables"]').count()).toBe(1);
    await page.getByTestId('tab-zones').click();
  });

  it('draws a zone by clicking the map; it appears in the list and in the API', async () => {
    await startDrawing(page);
    await clickMap(page, [
      [CENTRE[0] - D, CENTRE[1] - D], [CENTRE[0] + D, CENTRE[1] - D], [CENTRE[0] + D, CENTRE[1] + D], [CENTRE[0] - D, CENTRE[1] + D],
    ], 'button');
    expect(await page.getByTestId('draw-district').inputValue()).toBe('liwan');
    await page.getByTestId('draw-name').fill('测试新区 北');
    await page.getByTestId('draw-name-en').fill('Test zone north');
    await page.getByTestId('draw-tier').selectOption('controlled');
    await page.getByTestId('draw-population').fill('3200');
    await page.getByTestId('draw-households').fill('1200');
    await e2e.screenshot(page, 'coordinator-draw-zh');
    await page.getByTestId('draw-submit').click();
    await page.locator('[data-testid="draw-message"][data-kind="info"]').waitFor();

    const zones = await e2e.api<Zone[]>(await e2e.apiToken('coordinator'), '/api/zones');
    const created = zones.find((z) => z.name === '测试新区 北');
    expect(created).toBeDefined();
    expect(created!).toMatchObject({ districtId: 'liwan', tier: 'controlled', population: 3200, households: 1200 });
    const ring = created!.polygon.coordinates[0]!;
    expect(ring).toHaveLength(5);
    for (const [lng, lat] of ring) {
      expect(Math.abs(lng - CENTRE[0])).toBeLessThan(D * 1.2);
      expect(Math.abs(lat - CENTRE[1])).toBeLessThan(D * 1.2);
    }
    await page.getByTestId('tab-zones').click();
    await page.locator(`[data-testid="zone-row"][data-zone-id="${created!.id}"]`).waitFor();
  });

  it("shows the server's error when a drawn zone crosses itself (bowtie, finished by double-click)", async () => {
    await startDrawing(page);
    await clickMap(page, [
      [CENTRE[0] - D, CENTRE[1] + D], [CENTRE[0] + D, CENTRE[1] - D], [CENTRE[0] + D, CENTRE[1] + D], [CENTRE[0] - D, CENTRE[1] - D],
    ], 'dblclick');
    await page.getByTestId('draw-name').fill('蝴蝶结');
    await page.getByTestId('draw-population').fill('100');
    await page.getByTestId('draw-households').fill('40');
    await page.getByTestId('draw-submit').click();
    const message = page.locator('[data-testid="draw-message"][data-kind="error"]');
    await message.waitFor();
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.textContent()).toMatch(/有误，请检查后再提交.*详情.*crosses itself/);
    await e2e.screenshot(page, 'coordinator-bowtie-zh');
    const zones = await e2e.api<Zone[]>(await e2e.apiToken('coordinator'), '/api/zones');
    expect(zones.some((z) => z.name === '蝴蝶结')).toBe(false);
    await page.getByTestId('draw-cancel').click();
  });

  it('selects a zone by clicking it on the map', async () => {
    const zone = await e2e.api<Zone>(await e2e.apiToken('coordinator'), '/api/zones/liwan-zhongnan');
    const ring = zone.polygon.coordinates[0]!.slice(0, -1);
    const inside: LngLat = [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length];
    await page.evaluate((centre) => window.__baogongMap!.setView(centre, 14), inside);
    const box = (await page.getByTestId('map').boundingBox())!;
    const p = await page.evaluate((pt) => window.__baogongMap!.containerPoint(pt), inside);
    await page.mouse.click(box.x + p.x, box.y + p.y);
    await page.locator('[data-testid="zone-editor"][data-zone-id="liwan-zhongnan"]').waitFor();
    expect(await page.locator('[data-testid="zone-row"].selected').getAttribute('data-zone-id')).toBe('liwan-zhongnan');
  });

  it('edits a zone tier and population from the zone list', async () => {
    await page.getByTestId('tab-zones').click();
    await page.locator('[data-testid="zone-row"][data-zone-id="liwan-huadi"]').click();
    await page.getByTestId('zone-editor').waitFor();
    await page.getByTestId('editor-tier').selectOption('sealed');
    await page.getByTestId('editor-population').fill('70000');
    await page.getByTestId('editor-save').click();
    await page.locator('[data-testid="editor-message"][data-kind="info"]').waitFor();
    const zone = await e2e.api<Zone>(await e2e.apiToken('coordinator'), '/api/zones/liwan-huadi');
    expect(zone).toMatchObject({ tier: 'sealed', population: 70000 });
  });

  it('imports stock from CSV and zones from GeoJSON, and shows a refused import', async () => {
    await page.getByTestId('tab-import').click();
    const csv = 'depotId,commodityId,kg\nliwan-lilang-market,eggs,1234\n';
    await page.getByTestId('import-csv').setInputFiles({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-testid="import-message"][data-kind="info"]').waitFor();
    const token = await e2e.apiToken('coordinator');
    const depot = await e2e.api<{ stockKg: Record<string, number> }>(token, '/api/depots/liwan-lilang-market');
    expect(depot.stockKg.eggs).toBe(1234);

    const square = (lng: number, lat: number): LngLat[] => [[lng, lat], [lng + 0.003, lat], [lng + 0.003, lat + 0.003], [lng, lat + 0.003], [lng, lat]];
    const geojson = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(113.19, 23.15)] },
        properties: { name: '导入测试区', districtId: 'liwan', tier: 'precaution', population: 900, households: 300 } }],
    };
    await page.getByTestId('import-geojson').setInputFiles({ name: 'zones.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
    await page.locator('[data-testid="import-message"][data-kind="info"]').filter({ hasText: '1' }).waitFor();
    const zones = await e2e.api<Zone[]>(token, '/api/zones');
    expect(zones.some((z) => z.name === '导入测试区')).toBe(true);

    await page.getByTestId('import-csv').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('depotId,commodityId,kg\nno-such-depot,eggs,5\n') });
    const refused = page.locator('[data-testid="import-message"][data-kind="error"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('no-such-depot');
  });

  it('renders in English', async () => {
    const tabBefore = await page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid');
    await switchLanguage(page, 'en');
    // The switch keeps the tab the earlier cases left open; the zones are one click away.
    expect(await page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid')).toBe(tabBefore);
    await page.getByTestId('tab-zones').click();
    await page.getByTestId('zone-row').first().waitFor();
    expect(await page.getByTestId('tab-draw').textContent()).toBe('Draw a zone');
    await page.waitForTimeout(300);
    await e2e.screenshot(page, 'coordinator-en');
    await switchLanguage(page, 'zh');
  });
});
