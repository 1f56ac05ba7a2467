import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { message, messageTexts, openDm, openTab, outboxOf, PASSWORD, register, send } from './chat.helper';

/**
 * The installable offline shell: the service worker keeps index.html and the hashed
 * assets, so a reload without a network opens the signed-in app with its outbox and the
 * offline banner; the web app manifest makes it installable.
 */
describe('offline app shell in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('serves a web app manifest that makes the app installable, linked from the page', async () => {
    const response = await fetch(`${server.url}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    const manifest = (await response.json()) as { name?: string; start_url?: string; display?: string; icons?: Array<{ src: string; sizes: string; type: string; purpose?: string }> };
    expect(manifest.name).toBe('DiscordGym');
    expect(manifest.start_url).toBe('/');
    expect(manifest.display).toBe('standalone');
    // Chromium installs with a 192 px and a 512 px icon; each one is really there.
    const sizes = (manifest.icons ?? []).map((icon) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons ?? []) {
      const file = await fetch(new URL(icon.src, server.url));
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type') ?? '', icon.src).toContain(icon.type.split('+')[0]!);
    }
    const index = await (await fetch(`${server.url}/`)).text();
    expect(index).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  });

  for (const viewport of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    it(`${viewport.name}: reloads offline into the app with the banner and the outbox, and delivers the queued message once`, async () => {
      const a = await openTab(browser, { width: viewport.width, height: viewport.height });
      const b = await openTab(browser);
      await register(a.page, server.url, 'ada');
      const bob = await register(b.page, server.url, 'bob');
      if (viewport.name === 'phone') await a.page.goto(`${server.url}/chat`);
      await openDm(a.page, bob);
      await send(a.page, 'Before the tunnel');
      await message(a.page, 'Before the tunnel').and(a.page.locator('[data-status="sent"]')).waitFor();
      const roomPath = new URL(a.page.url()).pathname;

      // The shell's worker, registered in the production build once signed in, controls the page.
      await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await a.context.setOffline(true);
      // The worker is offline too: what the reload gets comes from its cache, not from the server.
      const worker = a.context.serviceWorkers()[0];
      expect(worker).toBeDefined();
      expect(await worker!.evaluate(() => fetch('/favicon.svg', { cache: 'no-store' }).then(() => 'online', () => 'offline'))).toBe('offline');

      await a.page.reload();
      // The app, not the browser's error page: the room, its history from before, the banner.
      const banner = a.page.getByTestId('connection-banner');
      await banner.getByText('You are offline.').waitFor({ timeout: 20_000 });
      await a.page.getByTestId('chat-room').waitFor().catch(async (error: unknown) => {
        await saveScreenshot(a.page, `offline-shell-${viewport.name}-failed`);
        throw error;
      });
      expect(new URL(a.page.url()).pathname).toBe(roomPath);
      expect(await a.page.locator('body').textContent()).not.toMatch(/ERR_INTERNET_DISCONNECTED|No internet/);

      await send(a.page, 'Written in the tunnel');
      await message(a.page, 'Written in the tunnel').and(a.page.locator('[data-status="pending"]')).waitFor();
      await banner.getByText('1 message is waiting to be sent.').waitFor();
      expect((await outboxOf(a.page)).length).toBe(1);
      await saveScreenshot(a.page, `offline-shell-${viewport.name}`);

      // Reloaded offline once more: still the app, still queued.
      await a.page.reload();
      await banner.getByText('1 message is waiting to be sent.').waitFor({ timeout: 20_000 });
      await message(a.page, 'Written in the tunnel').and(a.page.locator('[data-status="pending"]')).waitFor();
      expect((await outboxOf(a.page)).length).toBe(1);
      await saveScreenshot(a.page, `offline-shell-${viewport.name}-reloaded`);

      // Online again: delivered exactly once, on both sides and on the server.
      await a.context.setOffline(false);
      await message(a.page, 'Written in the tunnel').and(a.page.locator('[data-status="sent"]')).waitFor();
      await banner.getByText('You are offline.').waitFor({ state: 'detached' });
      await b.page.goto(`${server.url}${roomPath}`);
      await message(b.page, 'Written in the tunnel').waitFor();
      // Give a duplicate (a second flush after the reloads) time to show before counting.
      await b.page.waitForTimeout(1_000);
      expect(await messageTexts(b.page)).toEqual(['Before the tunnel', 'Written in the tunnel']);
      expect(await outboxOf(a.page)).toEqual([]);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handle: bob.handle, password: PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      const history = (await (await fetch(`${server.url}/api/messages/${roomPath.split('/').pop()}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        items: Array<{ content: string }>;
      };
      expect(history.items.map((m) => m.content).reverse()).toEqual(['Before the tunnel', 'Written in the tunnel']);

      for (const tab of [a, b]) {
        expect(tab.problems).toEqual([]);
        await tab.context.close();
      }
    });
  }
});
