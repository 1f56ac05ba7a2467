import { ErrorBody } from '@discordgym/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, uniqueName, webDistDir } from './browser.helper';

const PASSWORD = 'Lantern-Gravel-Otter-42';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:135.0) Gecko/20100101 Firefox/135.0';
const CHROME_ON_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Mobile Safari/537.36';

interface Tab {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and CSP refusals: either means the page is broken even if it looks fine. */
  problems: string[];
}

async function openTab(browser: Browser, options: { userAgent?: string; width?: number } = {}): Promise<Tab> {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: options.width ?? 1280, height: 800 },
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  return { context, page, problems };
}

const pathOf = (page: Page): string => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

async function registerThroughForm(page: Page, username: string, email: string): Promise<string> {
  await page.getByRole('link', { name: 'Register' }).click();
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Hi, ${username}!` }).waitFor();
  return (await page.getByTestId('profile-handle').textContent()) ?? '';
}

async function logIn(page: Page, identifier: string): Promise<void> {
  await page.getByRole('heading', { name: 'Welcome back!' }).waitFor();
  await page.getByLabel('Email or handle').fill(identifier);
  await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('accounts in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('registers through the form, logs out, logs in with the handle and sees one current device', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    const username = uniqueName('ada');
    const email = `${username}@example.test`;

    await page.goto(`${server.url}/`);
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Welcome back!' }).waitFor();

    // The language switch changes the UI at once and the choice survives a reload.
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('heading', { name: 'Willkommen zurück!' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Willkommen zurück!' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.getByLabel('Sprache').selectOption('en');

    const handle = await registerThroughForm(page, username, email);
    expect(handle).toMatch(new RegExp(`^${username}#\\d{4}$`));
    expect(await page.getByTestId('profile-email').textContent()).toBe(email);
    expect(pathOf(page)).toBe('/');

    // The access token lives in memory only: a reload signs in again through the refresh cookie.
    await page.reload();
    await page.getByRole('heading', { name: `Hi, ${username}!` }).waitFor();
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toMatch(/eyJ/);
    // For an offline start the device remembers who was signed in, and no more than the public profile.
    const remembered = await page.evaluate(() => JSON.parse(localStorage.getItem('discordgym.last-user') ?? 'null') as Record<string, unknown> | null);
    expect(remembered).toMatchObject({ username, handle });
    expect(remembered).not.toHaveProperty('email');

    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('dialog', { name: 'Log out?' }).getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    expect(await page.evaluate(() => localStorage.getItem('discordgym.last-user'))).toBeNull();
    // Logged out, an offline start opens the cached app on the login page, not the last account.
    await tab.context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome back!' }).waitFor();
    await tab.context.setOffline(false);
    // The server cleared the cookie: a reload does not bring the session back.
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome back!' }).waitFor();

    // A wrong password is explained in words of the dictionary, not the server's text.
    await page.getByLabel('Email or handle').fill(handle);
    await page.getByLabel('Password', { exact: false }).first().fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Wrong email, handle or password.');

    await logIn(page, handle);
    await page.getByRole('heading', { name: `Hi, ${username}!` }).waitFor();

    await page.getByRole('link', { name: 'Sessions & devices' }).first().click();
    await page.getByRole('heading', { name: 'Sessions & devices' }).waitFor();
    await page.getByTestId('session-current').waitFor();
    expect(await page.getByTestId('session-current').count()).toBe(1);
    expect(await page.getByTestId('session-other').count()).toBe(0);
    await page.getByText('No other device is signed in.').waitFor();

    await saveScreenshot(page, 'auth-register-login-sessions');
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('signs other devices out from the sessions page, and they land on the login page', async () => {
    const phone = await openTab(browser, { userAgent: CHROME_ON_ANDROID, width: 360 });
    const laptop = await openTab(browser, { userAgent: FIREFOX_ON_WINDOWS });
    const desk = await openTab(browser);
    const username = uniqueName('grace');
    const email = `${username}@example.test`;

    await laptop.page.goto(`${server.url}/login`);
    await registerThroughForm(laptop.page, username, email);

    await phone.page.goto(`${server.url}/login`);
    await logIn(phone.page, email);
    await phone.page.getByTestId('profile-handle').waitFor();

    // The guard sends the signed-out visitor to the login page and back to where they wanted to go.
    await desk.page.goto(`${server.url}/settings/sessions`);
    await desk.page.waitForURL('**/login?next=%2Fsettings%2Fsessions');
    await logIn(desk.page, email);
    await desk.page.waitForURL('**/settings/sessions');
    await desk.page.getByTestId('session-current').waitFor();
    await desk.page.getByTestId('session-other').nth(1).waitFor();
    expect(await desk.page.getByTestId('session-other').count()).toBe(2);

    await desk.page.getByRole('button', { name: 'Sign out Firefox on Windows' }).click();
    await desk.page.getByText('That device has been signed out.').waitFor();
    await desk.page.getByRole('button', { name: 'Sign out Firefox on Windows' }).waitFor({ state: 'detached' });
    expect(await desk.page.getByTestId('session-other').count()).toBe(1);

    // The laptop still holds an unexpired access token, but its socket was closed with the
    // session: the open tab lands on the login page by itself, without a click.
    await laptop.page.getByText('You were signed out on this device. Log in again to continue.').waitFor();
    expect(pathOf(laptop.page).startsWith('/login')).toBe(true);
    await saveScreenshot(laptop.page, 'sessions-signed-out-device');
    await laptop.page.reload();
    await laptop.page.getByRole('heading', { name: 'Welcome back!' }).waitFor();
    expect(pathOf(laptop.page).startsWith('/login')).toBe(true);

    await desk.page.getByRole('button', { name: 'Sign out all other devices' }).click();
    await desk.page.getByRole('dialog', { name: 'Sign out all other devices?' }).getByRole('button', { name: 'Sign out all other devices' }).click();
    await desk.page.getByText('1 other device has been signed out.').waitFor();
    await desk.page.getByText('No other device is signed in.').waitFor();

    // The phone's refresh cookie died with its session: a reload ends on the login page.
    await phone.page.reload();
    await phone.page.waitForURL('**/login');
    await phone.page.getByRole('heading', { name: 'Welcome back!' }).waitFor();

    await saveScreenshot(desk.page, 'sessions-sign-out-others');
    await saveScreenshot(phone.page, 'sessions-signed-out-phone-360px');
    for (const tab of [phone, laptop, desk]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });
});

describe('silent token refresh', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ WEB_DIST_DIR: webDistDir, ACCESS_TOKEN_TTL_SECONDS: '2' }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('refreshes an expired access token once and retries the request, without the user noticing', async () => {
    const tab = await openTab(browser, { width: 360 });
    const { page } = tab;
    const username = uniqueName('linus');
    await page.goto(`${server.url}/login`);
    await registerThroughForm(page, username, `${username}@example.test`);

    const answers: Array<{ path: string; status: number; code?: string; at: number }> = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/api/')) return;
      const at = Date.now();
      void response
        .json()
        .catch(() => null)
        .then((body: unknown) => {
          const error = ErrorBody.safeParse(body);
          answers.push({ path: url.pathname, status: response.status(), code: error.success ? error.data.error.code : undefined, at });
        });
    });

    // Past the token's exp. The server closes the socket at exp and the client refreshes at
    // once; a REST request that meets the expired token first refreshes and retries.
    await page.waitForTimeout(2_500);
    await page.getByRole('link', { name: 'Sessions & devices' }).first().click();
    await page.getByTestId('session-current').waitFor();
    expect(pathOf(page)).toBe('/settings/sessions');
    await page.waitForTimeout(200);

    const sessionsCalls = answers.filter((a) => a.path === '/api/auth/sessions');
    expect(sessionsCalls.at(-1)?.status).toBe(200);
    // At most the one expected refusal, and only as TOKEN_EXPIRED before its retry.
    expect(sessionsCalls.filter((a) => a.status !== 200).map(({ path, status, code }) => ({ path, status, code }))).toEqual(
      sessionsCalls.length > 1 ? [{ path: '/api/auth/sessions', status: 401, code: 'TOKEN_EXPIRED' }] : [],
    );
    // One refresh per expiry, whichever side met it first: on a loaded machine the click can
    // outlast the 2 s token too, so a later refresh may follow — but never two for one expiry.
    const refreshes = answers.filter((a) => a.path === '/api/auth/refresh').sort((a, b) => a.at - b.at);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(refreshes.map((a) => a.status).filter((status) => status !== 200)).toEqual([]);
    const gaps = refreshes.slice(1).map((a, i) => a.at - refreshes[i]!.at);
    expect(gaps.filter((gap) => gap < 1_000), `ms between refreshes: ${gaps.join(', ')}`).toEqual([]);

    await saveScreenshot(page, 'silent-refresh-sessions-360px');
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
