import { notificationPath, type Notification } from '@discordgym/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { message, openDm, openTab, PASSWORD, register, send } from './chat.helper';

/**
 * Issue 8 C, in Chromium: a mention shows in the bell (the count goes up live), the inbox
 * lists it, and a click opens the room at that message, paging back to it through newer
 * ones and highlighting it, and marks it read.
 */
describe('notifications in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir, RATE_LIMIT_MESSAGES_PER_USER: '1000' }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('a mention shows in the bell and the inbox; a click opens the room at the message and reads it', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    const bell = b.page.getByTestId('notification-bell');
    const count = b.page.getByTestId('notification-count');
    await bell.waitFor();
    expect(await count.count()).toBe(0);
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    // A plain DM while Bob has the app open is not a notification: he sees it live.
    await openDm(a.page, bob);
    await send(a.page, 'Hi Bob');
    await b.page.getByTestId('room-link').filter({ hasText: ada.username }).getByTestId('unread-badge').waitFor();

    await send(a.page, `@${bob.handle} spot me at 6?`);
    await count.filter({ hasText: '1' }).waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');
    await saveScreenshot(b.page, 'notifications-bell');

    // Newer messages push the mention out of the first history page: opening it must page back.
    const roomId = new URL(a.page.url()).pathname.split('/').at(-1)!;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ada.email, password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    for (let i = 1; i <= 55; i++) {
      const sent = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ chatroom_id: roomId, content: `set ${i}`, client_id: `e2e-filler-${Date.now()}-${i}` }),
      });
      expect(sent.status).toBe(201);
    }
    await message(a.page, 'set 55').waitFor();

    await bell.click();
    const inbox = b.page.getByTestId('notification-inbox');
    const items = inbox.getByTestId('notification-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    await expect.poll(() => items.first().textContent()).toContain(`${ada.username} mentioned you`);
    expect(await items.first().textContent()).toContain('spot me at 6?');
    expect(await items.first().getAttribute('data-unread')).toBe('true');
    await b.page.getByTestId('push-setting').waitFor();
    await saveScreenshot(b.page, 'notifications-inbox');

    // While the inbox is open, a new mention arrives on top, live.
    await send(a.page, `@${bob.handle} also bring chalk`);
    await items.nth(1).waitFor();
    await expect.poll(() => items.first().textContent()).toContain('also bring chalk');
    await count.filter({ hasText: '2' }).waitFor();

    // The older one: the room opens at it (paged back past 56 newer messages), highlighted.
    await items.nth(1).click();
    await b.page.getByTestId('room-title').filter({ hasText: ada.username }).waitFor();
    expect(new URL(b.page.url()).searchParams.get('message')).not.toBeNull();
    const mention = message(b.page, 'spot me at 6?');
    await mention.waitFor();
    await expect.poll(() => mention.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    await expect.poll(() => mention.getAttribute('class')).toContain('bg-brand-soft');
    await count.filter({ hasText: '1' }).waitFor();
    await saveScreenshot(b.page, 'notifications-opened');

    // Mark all read: the bell empties, and stays empty after a reload (the server has it).
    await bell.click();
    await b.page.getByRole('button', { name: 'Mark all read' }).click();
    await count.waitFor({ state: 'detached' });
    await b.page.reload();
    await bell.waitFor();
    await b.page.waitForLoadState('networkidle');
    expect(await count.count()).toBe(0);

    for (const tab of [a, b]) expect(tab.problems).toEqual([]);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('the service worker shows a push message in the browser\'s words and opens its message in the app', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const ada = await register(a.page, server.url, 'ana');
    const bob = await register(b.page, server.url, 'bo');
    await openDm(a.page, bob);
    await send(a.page, `@${bob.handle} rest day?`);
    await b.page.getByTestId('notification-count').filter({ hasText: '1' }).waitFor();

    // What "Turn on" does, short of the push service (headless Chromium has none): permission and the worker.
    await b.context.grantPermissions(['notifications'], { origin: server.url });
    const cdp = await b.context.newCDPSession(b.page);
    const registrations = new Map<string, string>();
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
      for (const r of updated) registrations.set(r.scopeURL, r.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    await b.page.evaluate(async () => {
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
    });
    const worker = b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
    await expect.poll(() => registrations.get(`${server.url}/`)).toBeDefined();

    // The push message the server would send Bob for this notification (the browser has decrypted it).
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: bob.email, password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const inbox = (await (await fetch(`${server.url}/api/notifications`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Notification[] };
    const notification = inbox.items[0]!;
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId: registrations.get(`${server.url}/`)!,
      data: JSON.stringify({ notification, url: notificationPath(notification), unread_count: 1 }),
    });
    const shown = () =>
      b.page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: (n.data as { url: string }).url })),
      );
    await expect.poll(shown).toHaveLength(1);
    const [note] = await shown();
    expect(note).toEqual({
      title: `${ada.username} mentioned you`,
      body: `@${bob.username} rest day?`,
      tag: notification.id,
      url: `/chat/${notification.chatroom_id}?message=${notification.message_id}&seq=${notification.seq}&notification=${notification.id}`,
    });

    // The click (headless Chromium cannot click a system notification: the worker's own handler runs it).
    await b.page.goto(`${server.url}/profile`);
    await b.page.getByTestId('notification-bell').waitFor();
    await worker.evaluate((url) => (globalThis as unknown as { openInApp(u: string): Promise<void> }).openInApp(url), note!.url);
    await b.page.getByTestId('room-title').filter({ hasText: ada.username }).waitFor();
    await message(b.page, 'rest day?').waitFor();
    // Opened from the notification: it is read, and the marker left the address.
    await b.page.getByTestId('notification-count').waitFor({ state: 'detached' });
    await expect.poll(() => new URL(b.page.url()).searchParams.has('notification')).toBe(false);
    await saveScreenshot(b.page, 'notifications-push-opened');
    for (const tab of [a, b]) expect(tab.problems).toEqual([]);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('the room\'s notification level is chosen in the members panel and kept', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    await register(a.page, server.url, 'ida');
    const bob = await register(b.page, server.url, 'ben');
    await openDm(a.page, bob);
    await a.page.getByLabel('Language').first().selectOption('de');
    const members = a.page.getByTestId('members-panel');
    if (!(await members.isVisible())) await a.page.getByTestId('chat-room').getByRole('button', { name: /Mitglieder|members/i }).first().click();
    const select = a.page.getByTestId('notification-level');
    await expect.poll(() => select.inputValue()).toBe('all');
    await select.selectOption('none');
    await a.page.reload();
    if (!(await a.page.getByTestId('members-panel').isVisible())) await a.page.getByTestId('chat-room').getByRole('button', { name: /Mitglieder|members/i }).first().click();
    await expect.poll(() => a.page.getByTestId('notification-level').inputValue()).toBe('none');
    expect(await a.page.getByTestId('notification-level').locator('option:checked').textContent()).toBe('Keine');
    await saveScreenshot(a.page, 'notifications-room-level-de');
    for (const tab of [a, b]) expect(tab.problems).toEqual([]);
    await Promise.all([a.context.close(), b.context.close()]);
  });
});
