import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VehiclesMovedEvent } from '../../server/contract';
import { localDate } from '../../server/contract/local-time';
import { loadConfig } from '../../server/config';
import type { TestServer } from '../../server/testing/test-server';
import { connectLive, publishRoutes, routeThrough, type LiveClient } from '../../server/testing/live-kit';
import { startE2E, switchLanguage, type E2E } from './harness';

// The driver's phone on a real server: its faked GPS reaches the coordinators' socket and the store,
// a delivery with edited kilos shows on a second device with those kilos, a quantity over what the van
// holds is refused in Chinese and the stop stays to do, the links are readable, each stop says how goods
// are handed over in its tier.

const VAN = 'lw-van-01';
const HERE = { latitude: 23.1205, longitude: 113.2441 };
let e2e: E2E;
let coord: LiveClient | null = null;
const moved: VehiclesMovedEvent[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  const server = e2e.server as unknown as TestServer;
  const zones = (await server.store.zones.list()).filter((z) => z.districtId === 'liwan' && z.status === 'active').slice(0, 3).map((z) => z.id);
  // Today in the server's local time (UTC_OFFSET): the live picture follows today's routes.
  const today = localDate(Date.now(), loadConfig({}).live.utcOffset);
  await publishRoutes(server, [await routeThrough(server, VAN, zones)], { date: today, districtId: 'liwan' });
  coord = await connectLive(e2e.url, await e2e.apiToken('coordinator'));
  coord.on('vehicles:moved', (event) => moved.push(event));
}, 120_000);

afterAll(async () => {
  coord?.close();
  await e2e?.close();
});

/** WCAG relative-luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = css.match(/[\d.]+/g)!.slice(0, 3).map((x) => Number(x) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('driver on a phone with GPS (390×844)', () => {
  it('shares its position, records a short delivery, refuses more than the van holds, and a second device sees the recorded kg', async () => {
    const page = await e2e.newPage({ width: 390, height: 844 }, true);
    await page.context().grantPermissions(['geolocation'], { origin: e2e.url });
    await page.context().setGeolocation(HERE);
    await e2e.login(page, 'driver');
    const stops = page.getByTestId('stop');
    await stops.first().waitFor();

    // The fix reaches the coordinators over the socket and is stored.
    await expect.poll(() => moved.some((m) => m.moves.some((v) => v.vehicle.vehicleId === VAN && Math.abs(v.vehicle.position!.lat - HERE.latitude) < 1e-6)), { timeout: 15_000 }).toBe(true);
    await e2e.server.live.flush();
    const [fix] = await e2e.server.store.tracks.lastPositions(VAN);
    expect([fix!.lng, fix!.lat]).toEqual([HERE.longitude, HERE.latitude]);
    expect(Date.parse(fix!.at)).toBeLessThanOrEqual(Date.now());
    expect(await page.getByTestId('gps-status').getAttribute('data-state')).toBe('on');

    // Handoff in words from the zone's tier; readable navigation links.
    const first = stops.nth(0);
    expect(await first.getByTestId('stop-mode').textContent()).toMatch(/(封闭区|封控区|防范区)：(送货上门|楼栋门口|小区门口)/);
    for (const id of ['nav-geo', 'nav-amap']) {
      const link = first.getByTestId(id);
      // A live snapshot can redraw the card between resolving the link and reading its style (a detached
      // node has no computed colours): poll until a laid-out link answers.
      const readContrast = async () => {
        const [fg, bg] = await link.evaluate((el) => (el.isConnected ? [getComputedStyle(el).color, getComputedStyle(el).backgroundColor] : ['', '']));
        return fg && bg ? contrast(fg, bg) : 0;
      };
      await expect.poll(readContrast, { timeout: 10_000 }).toBeGreaterThanOrEqual(4.5);
      // The card may be redrawn by a live snapshot between two reads: poll until the link is laid out.
      await expect.poll(async () => (await link.boundingBox())?.height ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(24);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Short delivery at stop 1: 7 of 10 kg vegetables, with a reason.
    await first.locator('[data-commodity="vegetables"]').fill('7');
    await first.getByTestId('short-reason').selectOption('zone_took_less');
    await first.getByTestId('stop-deliver').click();
    await expect.poll(() => page.getByTestId('pending-count').getAttribute('data-count'), { timeout: 15_000 }).toBe('0');
    const progress = await e2e.server.store.deliveries.stopProgress((await e2e.server.store.plans.latestPublishedForVehicle(VAN))!.id, VAN);
    expect(progress.find((p) => p.stopIndex === 0)).toMatchObject({ status: 'delivered', deliveredKg: { vegetables: 7, eggs: 2 } });

    // More eggs than are left on the van (6 loaded, 2 gone): refused in Chinese, the stop stays to do.
    const second = stops.nth(1);
    await second.locator('[data-commodity="eggs"]').fill('50');
    await second.getByTestId('stop-deliver').click();
    await expect.poll(() => page.getByTestId('page-message').textContent(), { timeout: 15_000 }).toMatch(/超过车上剩余数量/);
    await expect.poll(() => stops.nth(1).getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
    await e2e.screenshot(page, 'driver-live-zh');
    await switchLanguage(page, 'en');
    await page.getByTestId('stop').first().waitFor();
    expect(await page.getByTestId('stop').first().getByTestId('stop-mode').textContent()).toMatch(/(Sealed|Controlled|Precaution): /);
    await e2e.screenshot(page, 'driver-live-en');

    // A second device: a fresh context and login sees the stop delivered with the recorded 7 kg.
    const other = await e2e.newPage({ width: 390, height: 844 }, true);
    await e2e.login(other, 'driver');
    const done = other.getByTestId('stop').nth(0);
    await expect.poll(() => done.getAttribute('data-status'), { timeout: 10_000 }).toBe('delivered');
    // Recorded kilos are a value on the card now, no longer a readonly input.
    expect(await done.locator('[data-testid="qty"][data-commodity="vegetables"]').textContent()).toBe('7');
    expect(await other.getByTestId('stop').nth(1).getAttribute('data-status')).toBe('pending');
  }, 120_000);
});
