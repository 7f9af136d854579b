import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepotOutlook, SupplyChannel } from '../../server/contract';
import { reveal, startE2E, switchLanguage, type E2E } from './harness';

// The coordinator's supply channels (issue 17): list, add, edit, delete and CSV import in the page, each write
// checked against the API behind it; a refused save or row changes nothing. The depots tab shows the outlook.

const HEADER = 'id,districtId,name,kind,zoneIds,opensAt,closesAt,activeFrom,kgPerDay.vegetables';

describe('supply channels in the coordinator page (real server, chromium)', () => {
  let e2e: E2E;
  let page: Page;
  let token = '';
  const channel = async (id: string) => {
    const res = await fetch(`${e2e.url}/api/supply-channels/${id}`, { headers: { authorization: `Bearer ${token}` } });
    return res.status === 200 ? ((await res.json()) as { data: SupplyChannel }).data : null;
  };
  const csvFile = (text: string) => ({ name: 'channels.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

  beforeAll(async () => {
    e2e = await startE2E();
    page = await e2e.newPage();
    await e2e.login(page, 'coordinator');
    token = await e2e.apiToken('coordinator');
    await page.getByTestId('tab-channels').click();
    await page.getByTestId('channel-row').first().waitFor();
  });
  afterAll(async () => { await e2e?.close(); });

  it('lists the seeded channels, adds one, edits it, refuses a bad edit and deletes it', async () => {
    const seeded = await e2e.api<SupplyChannel[]>(token, '/api/supply-channels');
    expect(await page.getByTestId('channel-row').count()).toBe(seeded.length);
    await e2e.screenshot(page, 'channels-zh');

    await page.getByTestId('channel-add').click();
    const form = page.getByTestId('channel-form');
    await form.getByTestId('channel-id').fill('e2e-point');
    await form.getByTestId('channel-name').fill('测试供应点');
    await form.getByTestId('channel-districtId').selectOption('liwan');
    await form.getByTestId('channel-zoneIds').selectOption(['liwan-hailong', 'liwan-chongkou']);
    await form.locator('[data-commodity="vegetables"][data-part="kgPerDay"]').fill('1234');
    await form.getByTestId('channel-activeFrom').fill('2021-06-01');
    await e2e.screenshot(page, 'channels-form-zh');
    await form.getByTestId('channel-save').click();
    await page.locator('[data-testid="channel-row"][data-channel-id="e2e-point"]').waitFor();
    expect(await channel('e2e-point')).toMatchObject({ name: '测试供应点', kind: 'supply_point', zoneIds: ['liwan-chongkou', 'liwan-hailong'], capacity: { vegetables: { kgPerDay: 1234 } } });

    await page.locator('[data-testid="channel-row"][data-channel-id="e2e-point"] [data-testid="channel-edit"]').click();
    await page.locator('[data-testid="channel-form"][data-channel-id="e2e-point"] [data-commodity="vegetables"][data-part="kgPerDay"]').fill('2000');
    await page.getByTestId('channel-save').click();
    await expect.poll(async () => (await channel('e2e-point'))?.capacity.vegetables?.kgPerDay).toBe(2000);

    // Hours that end before they start: the server refuses, the page says so, nothing is stored.
    await page.locator('[data-testid="channel-row"][data-channel-id="e2e-point"] [data-testid="channel-edit"]').click();
    await page.getByTestId('channel-closesAt').fill('07:00');
    await page.getByTestId('channel-save').click();
    await page.locator('[data-testid="channel-form-message"][data-kind="error"]').waitFor();
    expect(await page.getByTestId('channel-form-message').textContent()).toContain('closesAt');
    expect((await channel('e2e-point'))?.closesAt).toBe('17:00');
    await page.getByTestId('channel-cancel').click();

    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="channel-row"][data-channel-id="e2e-point"] [data-testid="channel-delete"]').click();
    await page.locator('[data-testid="channel-row"][data-channel-id="e2e-point"]').waitFor({ state: 'detached' });
    expect(await channel('e2e-point')).toBeNull();
  }, 90_000);

  it('imports channels from CSV, and refuses a file with a bad row naming the row, writing nothing', async () => {
    const foshanZone = (await e2e.api<{ id: string; districtId: string }[]>(token, '/api/zones')).find((z) => z.districtId !== 'liwan')!.id;
    await page.getByTestId('channel-csv').setInputFiles(csvFile(`${HEADER}\ncsv-ok,liwan,CSV 点,supply_point,liwan-hailong,08:00,17:00,2021-06-01,500\n`));
    await page.locator('[data-testid="channel-row"][data-channel-id="csv-ok"]').waitFor();
    expect((await channel('csv-ok'))?.capacity).toEqual({ vegetables: { kgPerDay: 500 } });

    await page.getByTestId('channel-csv').setInputFiles(csvFile(
      `${HEADER}\ncsv-good,liwan,好,supply_point,liwan-hailong,08:00,17:00,2021-06-01,1\ncsv-bad,liwan,坏,supply_point,${foshanZone},08:00,17:00,2021-06-01,1\n`));
    await page.locator('[data-testid="channel-message"][data-kind="error"]').waitFor();
    expect(await page.getByTestId('channel-csv-row').textContent()).toContain('3');
    expect(await page.getByTestId('channel-message').textContent()).toContain('zoneIds');
    expect(await channel('csv-good')).toBeNull();
    expect(await channel('csv-bad')).toBeNull();
    await e2e.screenshot(page, 'channels-csv-refused-zh');
  }, 60_000);

  it('shows the depots\' outlook in the depots tab, from the outlook API', async () => {
    await page.getByTestId('tab-depots').click();
    await page.getByTestId('outlook-depot').first().waitFor();
    const outlook = await e2e.api<DepotOutlook[]>(token, `/api/depot-outlook?date=${await page.evaluate(() => document.querySelector('[data-testid="depot-outlook"] p')?.textContent?.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '')}&horizonDays=3`);
    expect(await page.getByTestId('outlook-depot').count()).toBe(outlook.length);
    await reveal(page.getByTestId('depot-outlook'));
    await e2e.screenshot(page, 'depot-outlook-zh');
  }, 60_000);

  it('reads in English and fits a phone', async () => {
    await page.getByTestId('tab-channels').click();
    await switchLanguage(page, 'en');
    await page.getByTestId('channel-row').first().waitFor();
    expect(await page.getByTestId('tab-channels').textContent()).toBe('Channels');
    await e2e.screenshot(page, 'channels-en');
    const phone = await e2e.newPage({ width: 390, height: 844 }, true);
    await e2e.login(phone, 'coordinator');
    await phone.getByTestId('tab-channels').click();
    await phone.getByTestId('channel-row').first().waitFor();
    await e2e.screenshot(phone, 'channels-phone-zh');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }, 60_000);
});
