import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startE2E, switchLanguage } from '../web/e2e/harness';
import { auditLayout } from '../web/e2e/layout-audit';
import { publishDemoPlan } from './demo-plan';

// A screenshot tour of each role's pages in zh and en, desktop 1280×800 and phone 390×844, on the demo
// seed with one published plan: PNGs into artifacts/tour/, and what the layout audit found beside them.

const OUT = resolve('artifacts/tour');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const findings: Record<string, unknown> = {};

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  findings[name] = await auditLayout(page);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const e2e = await startE2E();
  try {
    await publishDemoPlan(e2e);
    const zone = (await e2e.server.store.zones.list({ districtId: 'liwan', status: 'active' }))[0]!;
    for (const [size, viewport] of Object.entries(SIZES)) {
      for (const lang of ['zh', 'en'] as const) {
        const tag = `${size}-${lang}`;
        const page = await e2e.newPage(viewport, size === 'phone');
        await page.goto(`${e2e.url}/login`);
        if (lang === 'en') await switchLanguage(page, 'en');
        await shoot(page, `login-${tag}`);
        await e2e.login(page, 'coordinator');
        for (const tab of ['zones', 'depots', 'fleet', 'plans', 'vans', 'draw', 'import']) {
          await page.getByTestId(`tab-${tab}`).click();
          await shoot(page, `coordinator-${tab}-${tag}`);
        }
        for (const tab of ['requests', 'alerts', 'playbook', 'report']) {
          await page.goto(`${e2e.url}/ops?tab=${tab}`);
          await page.locator('[data-page="ops"][data-ready="true"]').waitFor();
          await shoot(page, `ops-${tab}-${tag}`);
        }
        await page.getByTestId('logout').click();
        await page.waitForURL('**/login');
        await e2e.login(page, 'district');
        await shoot(page, `district-${tag}`);
        await page.getByTestId('logout').click();
        await page.waitForURL('**/login');
        await e2e.login(page, 'driver');
        await page.waitForTimeout(500);
        await shoot(page, `driver-${tag}`);
        await page.goto(`${e2e.url}/r/${zone.id}`);
        await page.locator('[data-page="public"]').waitFor();
        await page.waitForTimeout(500);
        await shoot(page, `resident-request-${tag}`);
        await page.context().close();
      }
    }
  } finally {
    writeFileSync(join(OUT, 'layout-findings.json'), JSON.stringify(findings, null, 2));
    await e2e.close();
  }
  console.log(`tour: ${Object.keys(findings).length} PNGs in ${OUT} (layout findings in layout-findings.json)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
