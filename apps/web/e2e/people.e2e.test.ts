import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { createGroup, message, openTab, register, roomLink, send, type Tab } from './chat.helper';

const member = (page: Page, username: string) => page.getByTestId('members-panel').getByTestId('member').filter({ hasText: username });

const openProfile = async (page: Page): Promise<void> => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  await page.getByTestId('status-settings').waitFor();
};

/** Every `notification` socket event the page receives, as raw frames (what the web decides to toast from). */
function notificationFrames(tab: Tab): string[] {
  const frames: string[] = [];
  tab.page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString();
      if (text.includes('["notification",')) frames.push(text);
    }),
  );
  return frames;
}

describe('people in the browser: profile card, custom status, presence choice', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('a name opens the card with bio and mutual group, Message opens the DM; status, invisible and DND reach the other', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const frames = notificationFrames(a);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');

    // Bob writes a bio; Ada makes a group with him and he writes there.
    await b.page.goto(`${server.url}/profile`);
    await b.page.getByLabel('About me').fill('Squats before sunrise.');
    await b.page.getByRole('button', { name: 'Save changes' }).click();
    await b.page.getByText('Your profile has been saved.').waitFor();
    await createGroup(a.page, 'Leg Day Crew', [bob]);
    await b.page.goto(`${server.url}/chat`);
    await roomLink(b.page, 'Leg Day Crew').click();
    await send(b.page, 'Who is in for squats?');

    // Ada clicks Bob's name on his message: the card.
    const author = message(a.page, 'Who is in for squats?').getByTestId('message-author');
    await author.click();
    const card = a.page.getByRole('dialog', { name: `Profile of ${bob.username}` });
    await card.getByTestId('profile-card-bio').filter({ hasText: 'Squats before sunrise.' }).waitFor();
    await card.getByTestId('profile-card-handle').filter({ hasText: bob.handle }).waitFor();
    await card.getByTestId('profile-card-rooms').getByText('Leg Day Crew').waitFor();
    await card.getByTestId('profile-card-presence').filter({ hasText: 'Online' }).waitFor();
    await saveScreenshot(a.page, 'people-card');
    // Escape closes it and the focus is back on the name.
    await a.page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await author.evaluate((el) => el === document.activeElement)).toBe(true);

    // Again from the members panel, then Message: the DM with Bob opens.
    await member(a.page, bob.username).getByTestId('member-name').click();
    await card.getByTestId('profile-card-message').click();
    await a.page.getByTestId('room-title').filter({ hasText: bob.username }).waitFor();
    await roomLink(a.page, 'Leg Day Crew').click();

    // Bob sets a custom status on his profile page: Ada sees it in the members panel and on his card.
    await openProfile(b.page);
    await b.page.getByTestId('custom-status-input').fill('Deadlifting 🏋️');
    await b.page.getByLabel('Clear after').selectOption('1h');
    await b.page.getByTestId('custom-status-save').click();
    await b.page.getByTestId('status-settings').getByText('Saved').waitFor();
    await saveScreenshot(b.page, 'people-status-settings');
    await member(a.page, bob.username).getByTestId('member-status').filter({ hasText: 'Deadlifting 🏋️' }).waitFor();
    await member(a.page, bob.username).getByTestId('member-name').click();
    await card.getByTestId('profile-card-status').filter({ hasText: 'Deadlifting 🏋️' }).waitFor();
    await saveScreenshot(a.page, 'people-card-custom-status');
    await a.page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });

    // Bob goes invisible: Ada sees him offline, yet his messages still arrive.
    await member(a.page, bob.username).locator('[data-presence="online"]').waitFor();
    await b.page.getByTestId('status-settings').getByLabel('Invisible — you appear offline').check();
    await member(a.page, bob.username).locator('[data-presence="offline"]').waitFor();
    await b.page.goto(`${server.url}/chat`);
    await roomLink(b.page, 'Leg Day Crew').click();
    await send(b.page, 'Still here, quietly');
    await message(a.page, 'Still here, quietly').waitFor();
    expect(await member(a.page, bob.username).locator('[data-presence="offline"]').count()).toBe(1);
    await saveScreenshot(a.page, 'people-invisible');

    // Ada goes Do Not Disturb: Bob sees the red dot; his mention lands in her inbox but silently.
    await openProfile(a.page);
    await a.page.getByTestId('status-settings').getByLabel('Do Not Disturb — no notification sounds or pop-ups').check();
    await member(b.page, ada.username).locator('[data-presence="dnd"]').waitFor();
    await saveScreenshot(b.page, 'people-dnd-seen');
    await send(b.page, `@${ada.handle} spot me?`);
    await a.page.getByTestId('notification-count').filter({ hasText: '1' }).waitFor();
    await expect.poll(() => frames.length).toBe(1);
    expect(frames[0]).toContain('"silent":true');
    await saveScreenshot(a.page, 'people-dnd-no-toast');
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    await Promise.all([a.context.close(), b.context.close()]);
  });
});
