import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startE2E, switchLanguage, type E2E } from '../web/e2e/harness';
import { auditLayout } from '../web/e2e/layout-audit';
import { publishDemoPlan } from './demo-plan';

// npm run walk: one lockdown day walked through as each of the three users on the demo seed, at phone
// (390×844) and desktop (1280×800), zh and en — a driver shares a position, delivers one stop and
// fails another; the coordinator reads the van board, opens the plan, looks at the alerts; the official
// picks a zone and reads the board. PNGs into artifacts/day-walk/ and, per shot, what a reader would
// trip over: the layout audit, Latin words on a Chinese page, raw ids shown as text.

const OUT = resolve('artifacts/day-walk');
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const HERE = { latitude: 23.1205, longitude: 113.2441 };
const findings: Record<string, unknown> = {};

/** Text nodes a reader sees (not the map's tiles and attribution), as one string per visible element. */
async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || el.closest('.leaflet-control-attribution, script, style, [hidden]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      out.push(text);
    }
    return out;
  });
}

async function shoot(page: Page, name: string, lang: 'zh' | 'en'): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  const texts = await visibleText(page);
  // Latin words on a Chinese page (units, brand names and our own ids aside), and ids shown raw.
  const allowed = /^(kg|km|m|h|min|s|CSV|GeoJSON|QR|ETA|OpenStreetMap|Leaflet|OSM|HH:MM|[A-Z]{1,3}\d*)$/;
  const english = lang === 'zh' ? texts.flatMap((s) => s.match(/[A-Za-z][A-Za-z'-]{2,}/g) ?? []).filter((w) => !allowed.test(w)) : [];
  const rawIds = texts.flatMap((s) => s.match(/\b(?:lw|fs|liwan|foshan)-[a-z0-9-]+\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]{27}\b/g) ?? []);
  findings[name] = { ...(await auditLayout(page)), english: [...new Set(english)].slice(0, 40), rawIds: [...new Set(rawIds)].slice(0, 40) };
}

async function driverDay(e2e: E2E, page: Page, tag: string, lang: 'zh' | 'en', act: boolean): Promise<void> {
  await page.context().grantPermissions(['geolocation'], { origin: e2e.url });
  await page.context().setGeolocation(HERE);
  await e2e.login(page, 'driver');
  if (lang === 'en') await switchLanguage(page, 'en');
  await page.getByTestId('stop').first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  await shoot(page, `driver-start-${tag}`, lang);
  if (!act) return;
  const stops = page.getByTestId('stop');
  // Stop 1 delivered as planned, stop 2 failed with a reason.
  await stops.nth(0).getByTestId('stop-deliver').click();
  await page.waitForTimeout(800);
  await shoot(page, `driver-delivered-${tag}`, lang);
  const second = stops.nth(1);
  await second.getByTestId('stop-fail').click();
  await page.waitForTimeout(300);
  await shoot(page, `driver-fail-form-${tag}`, lang);
  await second.getByTestId('fail-reason').selectOption({ index: 1 }).catch(() => undefined);
  await second.getByTestId('stop-fail-confirm').click().catch(() => undefined);
  await page.waitForTimeout(800);
  await shoot(page, `driver-failed-${tag}`, lang);
}

async function coordinatorDay(e2e: E2E, page: Page, tag: string, lang: 'zh' | 'en'): Promise<void> {
  await e2e.login(page, 'coordinator');
  if (lang === 'en') await switchLanguage(page, 'en');
  await page.getByTestId('tab-vans').click();
  await page.getByTestId('van-row').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  await shoot(page, `coordinator-vans-${tag}`, lang);
  await page.getByTestId('van-pick').first().click().catch(() => undefined);
  await shoot(page, `coordinator-van-picked-${tag}`, lang);
  await page.getByTestId('tab-plans').click();
  await page.getByTestId('plan-detail').waitFor({ timeout: 10_000 }).catch(() => undefined);
  await shoot(page, `coordinator-plans-${tag}`, lang);
  await page.getByTestId('plan-detail').evaluate((el) => el.scrollIntoView()).catch(() => undefined);
  await shoot(page, `coordinator-plan-detail-${tag}`, lang);
  await page.getByTestId('tab-fleet').click();
  await shoot(page, `coordinator-fleet-${tag}`, lang);
  for (const tab of ['alerts', 'report']) {
    await page.goto(`${e2e.url}/ops?tab=${tab}`);
    await page.locator('[data-page="ops"][data-ready="true"]').waitFor();
    await shoot(page, `ops-${tab}-${tag}`, lang);
  }
}

async function districtDay(e2e: E2E, page: Page, tag: string, lang: 'zh' | 'en'): Promise<void> {
  await e2e.login(page, 'district');
  if (lang === 'en') await switchLanguage(page, 'en');
  await page.getByTestId('van-row').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  await shoot(page, `district-${tag}`, lang);
  await page.getByTestId('zone-row').first().click().catch(() => undefined);
  await shoot(page, `district-zone-${tag}`, lang);
  await page.getByTestId('district-live').scrollIntoViewIfNeeded().catch(() => undefined);
  await shoot(page, `district-live-${tag}`, lang);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const e2e = await startE2E();
  let acted = false;
  try {
    await publishDemoPlan(e2e);
    // The walk reads the alerts the published plan raises.
    await e2e.server.services.alerts.evaluateAlerts();
    for (const [size, viewport] of Object.entries(SIZES)) {
      for (const lang of ['zh', 'en'] as const) {
        const tag = `${size}-${lang}`;
        const mobile = size === 'phone';
        for (const role of ['driver', 'coordinator', 'district'] as const) {
          const page = await e2e.newPage(viewport, mobile);
          if (role === 'driver') { await driverDay(e2e, page, tag, lang, !acted); acted = true; }
          if (role === 'coordinator') await coordinatorDay(e2e, page, tag, lang);
          if (role === 'district') await districtDay(e2e, page, tag, lang);
          await page.context().close();
        }
      }
    }
  } finally {
    writeFileSync(join(OUT, 'findings.json'), JSON.stringify(findings, null, 2));
    await e2e.close();
  }
  console.log(`day walk: ${Object.keys(findings).length} PNGs in ${OUT} (findings.json beside them)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
