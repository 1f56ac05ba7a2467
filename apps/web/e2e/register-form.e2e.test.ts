import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ErrorBody } from '@discordgym/contracts';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, webDistDir } from './browser.helper';

/**
 * The register form while the app is still starting, on a slow machine: what someone types
 * before the silent refresh (and the rest of start-up) has settled must still be there after.
 *
 * The API is played by the test, so the refresh answers exactly when the test says; the
 * built app is served as it is, by a file server of its own (no database needed).
 */

const HINT_KEY = 'discordgym.had-session';
/** Slow enough that start-up takes seconds, as on a busy phone or a loaded CI machine. */
const CPU_SLOWDOWN = 4;
const FIELDS = { email: 'ada@example.test', username: 'ada_lovelace', password: 'Lantern-Gravel-Otter-42' };
/** What the server answers a refresh without a (live) cookie. */
const NO_SESSION: ErrorBody = { error: { code: 'REFRESH_TOKEN_INVALID', message: 'No refresh token' } };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

/** dist/ as a single-page app: files where they exist, index.html for every page path. */
function serveDist(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const asset = path.join(webDistDir, path.normalize(pathname));
    const file = path.extname(pathname) !== '' && asset.startsWith(webDistDir) ? asset : path.join(webDistDir, 'index.html');
    readFile(file)
      .then((body) => {
        response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      })
      .catch(() => {
        response.writeHead(404);
        response.end();
      });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });
}

interface SlowTab {
  page: Page;
  /** Resolves once the app has asked for a refresh; the answer waits for `answerRefresh`. */
  refreshAsked: Promise<void>;
  answerRefresh(): void;
  /** The refresh has been answered and the page is idle again. */
  settled(): Promise<void>;
  problems: string[];
  close(): Promise<void>;
}

async function openSlowTab(browser: Browser, options: { hadSession: boolean; sessionCookieFor?: string }): Promise<SlowTab> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  if (options.sessionCookieFor) {
    // The server's readable "there may be a session" cookie without the local hint: the form shows at once, the refresh goes behind it.
    await context.addCookies([{ name: 'dg_has_session', value: '1', url: options.sessionCookieFor }]);
  }
  if (options.hadSession) {
    // This browser was signed in when it last ran the app; its cookie has died since.
    await context.addInitScript((key) => localStorage.setItem(key, '1'), HINT_KEY);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));

  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

  let asked!: () => void;
  const refreshAsked = new Promise<void>((resolve) => (asked = resolve));
  let answer!: () => void;
  const answerGiven = new Promise<void>((resolve) => (answer = resolve));
  let answered!: () => void;
  const refreshAnswered = new Promise<void>((resolve) => (answered = resolve));
  await page.route('**/api/**', async (route: Route) => {
    if (new URL(route.request().url()).pathname !== '/api/auth/refresh') {
      problems.push(`unexpected API call: ${route.request().method()} ${route.request().url()}`);
      await route.abort();
      return;
    }
    asked();
    await answerGiven;
    await route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify(NO_SESSION) });
    answered();
  });

  return {
    page,
    refreshAsked,
    answerRefresh: answer,
    async settled() {
      await refreshAnswered;
      // The refresh's Web Lock is let go only once its outcome is recorded in the session store.
      await page.waitForFunction(async () => ((await navigator.locks.query()).held ?? []).length === 0);
      // Then whatever that outcome set off (renders, effects, redirects) gets its turn.
      for (let i = 0; i < 3; i++) {
        await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2_000 })));
      }
      await page.waitForTimeout(300);
    },
    problems,
    close: () => context.close(),
  };
}

const field = (page: Page, name: keyof typeof FIELDS) => page.locator(`form input[name="${name}"]`);

/** Types like a person, key by key, into each field as soon as it can be typed into. */
async function typeAll(page: Page): Promise<void> {
  await field(page, 'username').pressSequentially(FIELDS.username);
  await field(page, 'email').pressSequentially(FIELDS.email);
  await field(page, 'password').pressSequentially(FIELDS.password);
}

/** Tags the inputs now on the page, so a form that was thrown away and drawn again shows. */
const tagInputs = (page: Page): Promise<void> =>
  page.evaluate(() => {
    for (const input of document.querySelectorAll('form input')) input.setAttribute('data-typed-before-settle', '');
  });

async function expectTypedValuesKept(tab: SlowTab): Promise<void> {
  const { page } = tab;
  expect(new URL(page.url()).pathname).toBe('/register');
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  expect({
    email: await field(page, 'email').inputValue(),
    username: await field(page, 'username').inputValue(),
    password: await field(page, 'password').inputValue(),
  }).toEqual(FIELDS);
  // The same input elements, not a fresh form that happens to look alike.
  expect(await page.locator('form input[data-typed-before-settle]').count()).toBe(3);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
  expect(tab.problems).toEqual([]);
}

describe('register form typed into while the app is still starting', () => {
  let site: { url: string; server: Server };
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([serveDist(), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), new Promise((resolve) => site?.server.close(resolve))]);
  });

  it('keeps what was typed at /register when the silent refresh on load answers afterwards', async () => {
    const tab = await openSlowTab(browser, { hadSession: false, sessionCookieFor: site.url });
    const { page } = tab;

    await page.goto(`${site.url}/register`, { waitUntil: 'commit' });
    await typeAll(page);
    await tab.refreshAsked;
    await tagInputs(page);

    tab.answerRefresh();
    await tab.settled();

    await expectTypedValuesKept(tab);
    await tab.close();
  });

  it('keeps what was typed after following the login page to the register form before the refresh answered', async () => {
    const tab = await openSlowTab(browser, { hadSession: false, sessionCookieFor: site.url });
    const { page } = tab;

    await page.goto(`${site.url}/`, { waitUntil: 'commit' });
    await page.getByRole('link', { name: 'Register' }).click();
    await typeAll(page);
    await tab.refreshAsked;
    await tagInputs(page);

    tab.answerRefresh();
    await tab.settled();

    await expectTypedValuesKept(tab);
    await tab.close();
  });

  it('keeps what was typed when the form appears after a stale session failed to restore and start-up goes on', async () => {
    const tab = await openSlowTab(browser, { hadSession: true });
    const { page } = tab;

    await page.goto(`${site.url}/register`, { waitUntil: 'commit' });
    await tab.refreshAsked;
    // A browser that had a session waits for the cookie before showing a signed-out page.
    await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
    expect(await field(page, 'username').count()).toBe(0);

    tab.answerRefresh();
    // Typed the moment the form is there, while the rest of start-up (the warm-up for a
    // signed-in start, clearing the cache on the sign-out) is still running.
    await typeAll(page);
    await tagInputs(page);
    await tab.settled();

    await expectTypedValuesKept(tab);
    await tab.close();
  });
});
