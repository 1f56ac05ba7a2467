import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, uniqueName, webDistDir } from './browser.helper';
import { message, openTab, PASSWORD, register, type Tab } from './chat.helper';

interface ApiUser {
  id: string;
  username: string;
  token: string;
}

/** A room's entry in the list, by id (a group's preview names its last sender, so names are ambiguous). */
const roomEntry = (page: Page, roomId: string) => page.locator(`[data-testid="room-link"][data-room-id="${roomId}"]`);

/** What the page has the focus on, in words a test can compare. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      testId: el?.dataset.testid ?? null,
      name: el?.getAttribute('name') ?? null,
      inList: el?.closest('[data-testid="message-list"]') !== null,
      messageId: el?.dataset.messageId ?? null,
      text: el?.matches('[data-message-item]') ? (el.querySelector('[data-testid="message-content"]')?.textContent ?? '').trim() : null,
      role: el?.getAttribute('role') ?? null,
    };
  });

/** Elements inside the message list that Tab would stop at. */
const tabStopsInList = (page: Page) =>
  page.getByTestId('message-list').evaluate((list) => {
    const candidates = [list, ...list.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex], [contenteditable="true"]')];
    return candidates.filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0).length;
  });

describe('keyboard and flow', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ WEB_DIST_DIR: webDistDir, RATE_LIMIT_MESSAGES_PER_USER: '10000' }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  const call = async <T,>(method: string, path: string, token: string | null, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const apiUser = async (prefix: string): Promise<ApiUser> => {
    const username = uniqueName(prefix);
    const auth = await call<{ token: string; user: { id: string } }>('POST', '/api/auth/register', null, {
      username,
      email: `${username}@example.test`,
      password: PASSWORD,
    });
    return { id: auth.user.id, username, token: auth.token };
  };

  const post = (from: ApiUser, roomId: string, content: string) =>
    call('POST', '/api/messages', from.token, { chatroom_id: roomId, content, client_id: randomUUID() });

  it.each([
    { label: 'desktop', width: 1280 },
    { label: 'phone', width: 390 },
  ])('works from the keyboard on a $label ($width px)', async ({ label, width }) => {
    // A signed-out load: no request that fails (a 401 is always logged), and the email field has the focus.
    const fresh = await openTab(browser, { width });
    const consoleErrors: string[] = [];
    const authCalls: string[] = [];
    fresh.page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    fresh.page.on('response', (r) => {
      if (r.url().includes('/api/')) authCalls.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await fresh.page.goto(`${server.url}/`);
    await fresh.page.getByRole('heading', { name: 'Welcome back!' }).waitFor();
    await expect.poll(() => focused(fresh.page).then((f) => f.name)).toBe('identifier');
    expect(consoleErrors).toEqual([]);
    expect(authCalls.filter((c) => !c.startsWith('2'))).toEqual([]);
    await saveScreenshot(fresh.page, `keyboard-${label}-signed-out`);
    await fresh.context.close();

    const tab: Tab = await openTab(browser, { width });
    await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = tab.page;
    const ada = await register(page, server.url, 'ada');
    const [bob, cleo] = await Promise.all([apiUser('bob'), apiUser('cleo')]);
    const adaId = (await call<{ items: { id: string; username: string }[] }>('GET', `/api/users?q=${ada.username}`, bob.token)).items.find(
      (u) => u.username === ada.username,
    )!.id;
    const dm = await call<{ id: string }>('POST', '/api/chatrooms', bob.token, { participant_ids: [adaId] });
    for (let i = 1; i <= 50; i++) await post(bob, dm.id, `Set ${i} done`);
    const groupName = `Lifters ${label}`;
    const group = await call<{ id: string }>('POST', '/api/chatrooms', bob.token, { name: groupName, participant_ids: [adaId], is_group: true });
    await post(bob, group.id, 'Welcome to the group');

    // Opening a room from the list puts the focus in its composer.
    await page.goto(`${server.url}/chat`);
    await roomEntry(page, dm.id).click();
    await message(page, 'Set 50 done').waitFor();
    await expect.poll(() => focused(page).then((f) => f.testId)).toBe('composer');

    // 50 messages, one tab stop.
    await expect.poll(() => page.getByTestId('message').count()).toBeGreaterThanOrEqual(50);
    expect(await tabStopsInList(page)).toBe(1);
    // Backwards from the composer: the list once, then out of it.
    let presses = 0;
    while (!(await focused(page)).inList && presses < 6) {
      await page.keyboard.press('Shift+Tab');
      presses += 1;
    }
    expect((await focused(page)).inList).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).inList).toBe(false);
    await page.keyboard.press('Tab');
    expect((await focused(page)).inList).toBe(true);

    // Arrows walk the messages; Home and End jump.
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).text).toBe('Set 50 done');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).text).toBe('Set 49 done');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).text).toBe('Set 50 done');
    await page.keyboard.press('Home');
    expect((await focused(page)).text).toMatch(/^Set \d+ done$/);
    expect((await focused(page)).text).not.toBe('Set 50 done');
    await page.keyboard.press('End');
    expect((await focused(page)).text).toBe('Set 50 done');
    // The active message is now the list's one stop: Tab from the composer back lands on it.
    await page.getByTestId('composer').focus();
    expect(await tabStopsInList(page)).toBe(1);

    // A letter typed with the focus on the list (or the page) goes into the composer.
    await page.keyboard.press('Shift+Tab');
    while (!(await focused(page)).inList) await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).text).toBe('Set 50 done');
    await page.keyboard.type('hi');
    expect((await focused(page)).testId).toBe('composer');
    expect(await page.getByTestId('composer').inputValue()).toBe('hi');
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await page.keyboard.type('!');
    expect(await page.getByTestId('composer').inputValue()).toBe('hi!');
    await page.getByTestId('composer').fill('');

    // Context menu by right-click: Copy link.
    await message(page, 'Set 48 done').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Message actions' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Reply', 'Copy link', 'Copy text']);
    expect((await focused(page)).role).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    await saveScreenshot(page, `keyboard-${label}-message-menu`);
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await page.getByText('Link copied').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const set48 = await message(page, 'Set 48 done').getAttribute('data-message-id');
    expect(link).toBe(`${server.url}/chat/${dm.id}?message=${set48}&seq=48`);
    // …and the focus is back on the message it was about.
    expect((await focused(page)).messageId).toBe(set48);

    // By keyboard: Shift+F10 on the focused message, Escape closes and returns the focus; then Reply.
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect((await focused(page)).messageId).toBe(set48);
    await page.keyboard.press('ContextMenu');
    await menu.getByRole('menuitem', { name: 'Reply' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('reply-bar').waitFor();
    expect((await focused(page)).testId).toBe('composer');
    await page.getByRole('button', { name: 'Cancel reply' }).click();

    // The "More" button opens the same menu.
    await message(page, 'Set 47 done').hover();
    await message(page, 'Set 47 done').getByTestId('message-more').click();
    await menu.getByRole('menuitem', { name: 'Copy text' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('Set 47 done');

    // Ctrl+K: to the group (a room in the list), Escape gives the focus back.
    await page.getByTestId('composer').focus();
    await page.keyboard.press('Control+k');
    const switcher = page.getByRole('dialog', { name: 'Switch conversation' });
    await switcher.waitFor();
    await page.keyboard.press('Escape');
    await switcher.waitFor({ state: 'hidden' });
    expect((await focused(page)).testId).toBe('composer');
    await page.keyboard.press('Control+k');
    await page.keyboard.type(groupName);
    await switcher.getByRole('option', { name: groupName }).waitFor();
    await saveScreenshot(page, `keyboard-${label}-switcher`);
    await page.keyboard.press('Enter');
    await page.getByTestId('room-title').filter({ hasText: groupName }).waitFor();
    await expect.poll(() => focused(page).then((f) => f.testId)).toBe('composer');

    // …and to a person: Enter opens the DM with them.
    await page.keyboard.press('Meta+k');
    await switcher.waitFor();
    await page.keyboard.type(cleo.username);
    await switcher.getByRole('option', { name: `Message ${cleo.username}` }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByTestId('room-title').filter({ hasText: cleo.username }).waitFor();
    await expect.poll(() => focused(page).then((f) => f.testId)).toBe('composer');

    // Mark as read from a room's context menu (right-click on a desktop, Shift+F10 on a phone).
    await post(bob, group.id, 'Who is in for Friday?');
    await page.goto(`${server.url}/chat`);
    const groupLink = roomEntry(page, group.id);
    await groupLink.getByTestId('unread-badge').filter({ hasText: '1' }).waitFor();
    if (width >= 768) await groupLink.click({ button: 'right' });
    else {
      await groupLink.focus();
      await page.keyboard.press('Shift+F10');
    }
    const roomMenu = page.getByRole('menu', { name: `Actions for ${groupName}` });
    await roomMenu.waitFor();
    expect(await roomMenu.getByRole('menuitem').allTextContents()).toEqual(['Mark as read', 'Copy link', 'Leave group']);
    await saveScreenshot(page, `keyboard-${label}-room-menu`);
    await roomMenu.getByRole('menuitem', { name: 'Mark as read' }).click();
    await groupLink.getByTestId('unread-badge').waitFor({ state: 'detached' });
    expect(await groupLink.evaluate((el) => el === document.activeElement)).toBe(true);
    // The server heard it: after a reload the badge stays away.
    await page.reload();
    await roomEntry(page, group.id).waitFor();
    expect(await roomEntry(page, group.id).getByTestId('unread-badge').count()).toBe(0);

    // Logging out asks first; Cancel keeps the session.
    await page.getByRole('button', { name: 'Log out' }).click();
    const confirm = page.getByRole('dialog', { name: 'Log out?' });
    await confirm.waitFor();
    await saveScreenshot(page, `keyboard-${label}-logout-confirm`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/chat');
    await page.getByRole('button', { name: 'Log out' }).click();
    await confirm.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Welcome back!' }).waitFor();

    // Back in with the bare username (only Ada has it).
    await expect.poll(() => focused(page).then((f) => f.name)).toBe('identifier');
    await page.getByLabel('Email or handle').fill(ada.username);
    await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: `Hi, ${ada.username}!` }).waitFor();
    await saveScreenshot(page, `keyboard-${label}-signed-in-by-username`);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
