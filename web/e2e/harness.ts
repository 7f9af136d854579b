import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Download, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../server/config';
import { testLogger } from '../../server/testing/test-log';
import { startServer, type RunningServer } from '../../server/server';
import { copySeededSqlite } from '../../server/testing/seeded-template';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium-server';
import { ensureWebBuilt } from './ensure-build';

export { CHROMIUM_ARGS } from './chromium-server';

export const LOGINS = {
  coordinator: { username: 'coord', password: 'coord123', path: '/coordinator' },
  district: { username: 'liwan', password: 'liwan123', path: '/district' },
  driver: { username: 'driver1', password: 'driver123', path: '/driver' },
} as const;

const SCREENSHOTS = resolve('artifacts/screenshots');

export interface E2E {
  server: RunningServer;
  browser: Browser;
  url: string;
  /** A fresh context (own cookies and localStorage) whose requests leave only for localhost. */
  newPage(viewport?: { width: number; height: number }, mobile?: boolean): Promise<Page>;
  login(page: Page, who: keyof typeof LOGINS): Promise<void>;
  /** A bearer token for checking the API behind the page. */
  apiToken(who: keyof typeof LOGINS): Promise<string>;
  api<T>(token: string, path: string): Promise<T>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * The real server on a fresh seeded SQLite file (its clock `options.now`, else the wall clock), and headless Debian chromium: the browser project's
 * shared one (web/e2e/chromium-server.ts), or one of its own when the file runs outside that project.
 */
export async function startE2E(overrides: Partial<Config> = {}, options: { now?: () => Date } = {}): Promise<E2E> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'baogong-e2e-'));
  const config = { ...loadConfig({}), port: 0, databaseUrl: `sqlite:${join(dir, 'e2e.sqlite')}`, seedDemo: true, ...overrides };
  const scenarios = ['liwan-2021', 'foshan-2021'];
  // The seeded template's copy: startServer finds it migrated and seeded.
  await copySeededSqlite(scenarios, join(dir, 'e2e.sqlite'));
  // `now`: the server's clock, for a test that needs a plan's own day (the page's is page.clock).
  const server = await startServer(config, { seedScenarios: scenarios, log: testLogger(), now: options.now });
  const shared = sharedChromium();
  const browser = shared ? await chromium.connect(shared) : await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];

  return {
    server, browser, url: server.url,
    async newPage(viewport = { width: 1280, height: 800 }, mobile = false) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
      contexts.push(context);
      await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()));
      return context.newPage();
    },
    async login(page, who) {
      const { username, password, path } = LOGINS[who];
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`**${path}`);
      await page.locator(`[data-page="${path.slice(1)}"][data-ready="true"]`).waitFor();
    },
    async apiToken(who) {
      const { username, password } = LOGINS[who];
      const res = await fetch(`${server.url}/api/sessions`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
      });
      return ((await res.json()) as { data: { token: string } }).data.token;
    },
    async api<T>(token: string, path: string) {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { ok: boolean; data: T };
      if (!body.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
      return body.data;
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      // On the shared chromium this only disconnects; the global setup closes the browser after the run.
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Switches the page's language with the header button and waits until the page has re-rendered and loaded. */
export async function switchLanguage(page: Page, to: 'zh' | 'en'): Promise<void> {
  await page.getByTestId('lang-switch').click();
  await page.locator(`[data-page][data-lang="${to}"][data-ready="true"]`).waitFor();
}

/**
 * Scrolls a locator's element into view. The pages redraw parts of themselves on live updates (a plan's
 * status, a snapshot), and Playwright's scrollIntoViewIfNeeded fails rather than re-resolve when the element
 * it found is replaced in between: find it again then.
 */
export async function reveal(locator: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await locator.scrollIntoViewIfNeeded();
      return;
    } catch (err) {
      if (attempt >= 5 || !/not attached/i.test(String(err))) throw err;
    }
  }
}

/** A download's bytes. Read as a stream: download.path() is not available on the shared chromium, which the harness reaches over a socket. */
export async function downloadBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The browser project's shared chromium, when this runs inside vitest with that global setup. Outside vitest
 * (`npm run tour`, `npm run walk`) inject() has no worker state and throws: those launch their own.
 */
function sharedChromium(): string | undefined {
  try {
    return inject('chromiumWsEndpoint');
  } catch {
    return undefined;
  }
}
