import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, switchLanguage, type E2E } from './harness';

describe('login and role routing (real server, chromium)', () => {
  let e2e: E2E;
  beforeAll(async () => { e2e = await startE2E(); });
  afterAll(async () => { await e2e?.close(); });

  it('sends a visitor without a session to /login, in Chinese by default', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/coordinator`);
    await page.waitForURL('**/login');
    await expect(page.getByTestId('login-submit').textContent()).resolves.toBe('登录');
    await e2e.screenshot(page, 'login-zh');
    await switchLanguage(page, 'en');
    await expect(page.getByTestId('login-submit').textContent()).resolves.toBe('Log in');
    await e2e.screenshot(page, 'login-en');
  });

  it.each([
    ['zh', '用户名或密码错误。'],
    ['en', 'Wrong username or password.'],
  ] as const)('words a wrong password in the page language (%s), the server message only as detail', async (lang, words) => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.url}/login`);
    if (lang === 'en') await switchLanguage(page, 'en');
    await page.getByTestId('login-username').fill('coord');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const message = page.getByTestId('login-message');
    await message.waitFor({ state: 'visible' });
    expect(await message.getAttribute('role')).toBe('alert');
    const detail = (await message.getByTestId('message-detail').textContent()) ?? '';
    const all = (await message.locator('span').first().textContent()) ?? '';
    // The sentence comes first and alone in the page's language; the server's own words follow as detail.
    expect(all.startsWith(words)).toBe(true);
    expect(detail).toMatch(lang === 'zh' ? /^详情: / : /^Detail: /);
    expect(all.slice(0, all.length - detail.length)).toBe(words);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it.each([
    ['coordinator', '/coordinator', 'coordinator-page'],
    ['district', '/district', 'district-page'],
    ['driver', '/driver', 'driver-page'],
  ] as const)('a %s lands on %s, keeps the session on reload and can log out', async (who, path, testId) => {
    const page = await e2e.newPage();
    await e2e.login(page, who);
    expect(new URL(page.url()).pathname).toBe(path);
    await page.getByTestId(testId).waitFor();
    await page.reload();
    await page.getByTestId(testId).waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
    // Another role's page sends the user home.
    await page.goto(`${e2e.url}${path === '/driver' ? '/coordinator' : '/driver'}`);
    await page.waitForURL(`**${path}`);
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.goto(`${e2e.url}${path}`);
    await page.waitForURL('**/login');
  });
});
