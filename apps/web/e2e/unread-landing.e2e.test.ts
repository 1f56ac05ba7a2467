import type { Locator, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, uniqueName, webDistDir } from './browser.helper';
import { message, openTab, PASSWORD, register, roomLink } from './chat.helper';

/**
 * Discord's unread landing: a room with unread messages opens at the first of them, with the
 * NEW divider and a bar "N new messages since …" (Jump, Mark as read); the tab title carries
 * the total unread count; a room can be marked read from the room list.
 */
describe('unread landing in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir, RATE_LIMIT_MESSAGES_PER_USER: '1000' }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  const call = async <T = Record<string, unknown>>(token: string | null, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return response.json() as Promise<T>;
  };

  /** Whether the element lies entirely inside the visible part of the message list. */
  const inView = (page: Page, target: Locator): Promise<boolean> =>
    target.evaluate((el) => {
      const list = el.closest('[data-testid="message-list"]')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
    });
  const titleCount = async (page: Page): Promise<number> => Number(/^\((\d+)\) /.exec(await page.title())?.[1] ?? 0);

  for (const viewport of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    it(`${viewport.name}: opens at the first of 80 unread with the divider and the bar; the title counts; Jump and Mark as read work`, async () => {
      const tab = await openTab(browser, { width: viewport.width, height: viewport.height });
      const { page } = tab;
      const bobName = uniqueName('bob');
      const bob = await call<{ token: string }>(null, 'POST', '/api/auth/register', { username: bobName, email: `${bobName}@example.test`, password: PASSWORD });
      const ada = await register(page, server.url, 'ada');
      const adaAuth = await call<{ token: string; user: { id: string } }>(null, 'POST', '/api/auth/login', { handle: ada.handle, password: PASSWORD });
      const group = await call<{ id: string }>(bob.token, 'POST', '/api/chatrooms', { name: `Leg day ${viewport.name}`, participant_ids: [adaAuth.user.id], is_group: true });
      // Ten messages Ada has read, then 80 she has not, written while she is on her dashboard.
      for (let i = 1; i <= 10; i++) await call(bob.token, 'POST', '/api/messages', { chatroom_id: group.id, content: `Earlier ${i}`, client_id: `landing_${viewport.name}_e${i}` });
      await call(adaAuth.token, 'PUT', `/api/messages/${group.id}/read`, { seq: 10 });
      for (let i = 1; i <= 80; i++) await call(bob.token, 'POST', '/api/messages', { chatroom_id: group.id, content: `Unread ${i}`, client_id: `landing_${viewport.name}_u${i}` });

      // The tab title carries the count, live.
      await expect.poll(() => titleCount(page)).toBe(80);
      expect(await page.title()).toMatch(/^\(80\) .*DiscordGym$/);

      if (viewport.name === 'phone') await page.goto(`${server.url}/chat`);
      await roomLink(page, `Leg day ${viewport.name}`).click();
      const bar = page.getByTestId('unread-bar');
      await bar.waitFor().catch(async (error: unknown) => {
        await saveScreenshot(page, `unread-landing-${viewport.name}-failed`);
        throw new Error(`${String(error)}\n${tab.problems.join('\n')}`);
      });
      expect(await bar.textContent()).toMatch(/^80 new messages since Today at .+Jump.*Mark as read$/);
      const first = message(page, 'Unread 1').first();
      await first.waitFor();
      const divider = page.getByTestId('new-messages');
      // Opened at the first unread, not at the bottom: it and the divider are on screen, the newest is not.
      expect(await inView(page, first)).toBe(true);
      expect(await inView(page, divider)).toBe(true);
      expect(await divider.evaluate((el) => el.nextElementSibling?.textContent?.includes('Unread 1'))).toBe(true);
      expect(await inView(page, message(page, 'Unread 80'))).toBe(false);
      // What came before the first unread is loaded above it, for context.
      expect(await message(page, 'Earlier 10').count()).toBe(1);
      await saveScreenshot(page, `unread-landing-${viewport.name}`);
      // Opening the room does not read it while the newest message is out of view.
      await page.waitForTimeout(600);
      expect(await titleCount(page)).toBe(80);

      // Reaching the bottom reads it; the bar stays until marked or dismissed.
      await page.getByRole('button', { name: 'Jump to present' }).click();
      await expect.poll(() => titleCount(page)).toBe(0);
      expect(await inView(page, message(page, 'Unread 80'))).toBe(true);
      expect(await bar.isVisible()).toBe(true);
      // Jump goes back to the first unread.
      await bar.getByRole('button', { name: 'Jump', exact: true }).click();
      await expect.poll(() => inView(page, first)).toBe(true);
      expect(await inView(page, divider)).toBe(true);
      await bar.getByRole('button', { name: 'Mark as read' }).click();
      await bar.waitFor({ state: 'detached' });
      // The server holds the pointer: a reload has nothing unread.
      const rooms = await call<{ items: Array<{ id: string; unread_count: number }> }>(adaAuth.token, 'GET', '/api/chatrooms');
      expect(rooms.items.find((r) => r.id === group.id)?.unread_count).toBe(0);

      // "Mark as read" from the room list: Bob writes in a DM while Ada is on the room list.
      const dm = await call<{ id: string }>(bob.token, 'POST', '/api/chatrooms', { participant_ids: [adaAuth.user.id] });
      if (viewport.name === 'phone') await page.goto(`${server.url}/chat`);
      else await page.getByRole('link', { name: 'Home', exact: true }).first().click();
      for (let i = 1; i <= 3; i++) await call(bob.token, 'POST', '/api/messages', { chatroom_id: dm.id, content: `DM ${i}`, client_id: `landing_${viewport.name}_d${i}` });
      const dmLink = page.locator(`[data-testid="room-link"][data-room-id="${dm.id}"]`);
      await dmLink.getByTestId('unread-badge').filter({ hasText: '3' }).waitFor();
      await expect.poll(() => titleCount(page)).toBe(3);
      const item = page.locator('li', { has: dmLink });
      const markRead = item.getByRole('button', { name: `Mark ${bobName} as read` });
      await markRead.waitFor();
      await saveScreenshot(page, `unread-room-list-${viewport.name}`);
      await markRead.click();
      await dmLink.getByTestId('unread-badge').waitFor({ state: 'detached' });
      await expect.poll(() => titleCount(page)).toBe(0);
      expect(await page.title()).not.toMatch(/^\(/);
      // Read on the server too: a fresh load shows no badge.
      await page.reload();
      await dmLink.waitFor();
      await page.waitForTimeout(300);
      expect(await dmLink.getAttribute('data-unread')).toBe('0');
      expect(await titleCount(page)).toBe(0);

      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });
  }

  it('with more unread than a page holds, loads around the first unread, pages forward at the bottom and jumps to the present', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    const bobName = uniqueName('bob');
    const bob = await call<{ token: string }>(null, 'POST', '/api/auth/register', { username: bobName, email: `${bobName}@example.test`, password: PASSWORD });
    const ada = await register(page, server.url, 'ada');
    const adaAuth = await call<{ token: string; user: { id: string } }>(null, 'POST', '/api/auth/login', { handle: ada.handle, password: PASSWORD });
    const group = await call<{ id: string }>(bob.token, 'POST', '/api/chatrooms', { name: 'Marathon', participant_ids: [adaAuth.user.id], is_group: true });
    await call(bob.token, 'POST', '/api/messages', { chatroom_id: group.id, content: 'Read before', client_id: 'landing_big_read' });
    await call(adaAuth.token, 'PUT', `/api/messages/${group.id}/read`, { seq: 1 });
    // That read came from another device while this page may still have been joining the new
    // room; the reload starts from the server's pointer, so the count below is only the new ones.
    await page.reload();
    await roomLink(page, 'Marathon').waitFor();
    for (let i = 1; i <= 230; i++) await call(bob.token, 'POST', '/api/messages', { chatroom_id: group.id, content: `Lap ${i}`, client_id: `landing_big_${i}` });
    await expect.poll(() => titleCount(page)).toBe(230);

    await roomLink(page, 'Marathon').click();
    await page.getByTestId('unread-bar').filter({ hasText: '230 new messages since' }).waitFor();
    const first = message(page, 'Lap 1').first();
    await first.waitFor();
    expect(await inView(page, first)).toBe(true);
    // One page after the pointer, not the newest page: the newest is not loaded yet.
    expect(await message(page, 'Lap 100').count()).toBe(1);
    expect(await message(page, 'Lap 101').count()).toBe(0);
    expect(await message(page, 'Lap 230').count()).toBe(0);
    // Scrolled to the bottom of what is loaded: the next page comes, and nothing is read yet.
    const list = page.getByTestId('message-list');
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await message(page, 'Lap 200').waitFor();
    expect(await titleCount(page)).toBe(230);
    // Jump to present: the newest page, at the bottom, and now the room is read.
    await page.getByRole('button', { name: 'Jump to present' }).click();
    await message(page, 'Lap 230').waitFor();
    await expect.poll(() => inView(page, message(page, 'Lap 230'))).toBe(true);
    await expect.poll(() => titleCount(page)).toBe(0);
    await saveScreenshot(page, 'unread-landing-present');
    // Jump still finds the first unread, paging back to it.
    await page.getByTestId('unread-bar').getByRole('button', { name: 'Jump', exact: true }).click();
    await expect.poll(() => first.count()).toBe(1);
    await expect.poll(() => inView(page, first)).toBe(true);

    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
