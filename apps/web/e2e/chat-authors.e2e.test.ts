import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { createGroup, message, openTab, register, roomLink, send } from './chat.helper';

/** Issue 14 point 2: a rename reaches the room live, and a member who left keeps their name on what they wrote. */
describe('message authors in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('a rename shows in the room without a reload, and a member who left keeps their name and avatar', async () => {
    const [a, b] = await Promise.all([openTab(browser), openTab(browser)]);
    await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');

    // Ada creates a group with Bob; Bob writes in it.
    await createGroup(a.page, 'Bench Club', [bob]);
    await roomLink(b.page, 'Bench Club').click();
    await send(b.page, 'Bench at noon?');
    const bobsMessage = message(a.page, 'Bench at noon?');
    await bobsMessage.getByTestId('message-author').filter({ hasText: bob.username }).waitFor();

    // Bob renames himself and picks an avatar on his profile page.
    await b.page.goto(`${server.url}/profile`);
    await b.page.getByLabel('Display name').fill('Bench Bob');
    await b.page.getByTestId('avatar-picker').getByText('Boxer').click();
    await b.page.getByRole('button', { name: 'Save changes' }).click();
    await b.page.getByText('Your profile has been saved.').waitFor();

    // Ada, without reloading: the message, the members panel and the sidebar preview follow.
    await bobsMessage.getByTestId('message-author').filter({ hasText: 'Bench Bob' }).waitFor();
    await expect.poll(() => bobsMessage.locator('img').first().getAttribute('src')).toBe('/avatars/boxer.svg');
    await a.page.getByTestId('members-panel').getByTestId('member').filter({ hasText: 'Bench Bob' }).waitFor();
    await roomLink(a.page, 'Bench Club').filter({ hasText: 'Bench Bob: Bench at noon?' }).waitFor();

    // Bob leaves the group.
    await roomLink(b.page, 'Bench Club').click();
    await b.page.getByTestId('members-panel').getByRole('button', { name: 'Leave group' }).click();
    await b.page.getByRole('dialog', { name: 'Leave Bench Club?' }).getByRole('button', { name: 'Leave group' }).click();
    await roomLink(b.page, 'Bench Club').waitFor({ state: 'detached' });

    // Ada: Bob is gone from the members, not from his message.
    await a.page.getByTestId('members-panel').getByTestId('member').filter({ hasText: 'Bench Bob' }).waitFor({ state: 'detached' });
    await bobsMessage.getByTestId('message-author').filter({ hasText: 'Bench Bob' }).waitFor();
    expect(await a.page.getByText('Former member').count()).toBe(0);

    // A fresh load names him from the server: in the room, in the sidebar and on the dashboard.
    await a.page.reload();
    await bobsMessage.getByTestId('message-author').filter({ hasText: 'Bench Bob' }).waitFor();
    expect(await bobsMessage.locator('img').first().getAttribute('src')).toBe('/avatars/boxer.svg');
    // His leaving is the room's newest line (a system line, named by him too).
    await roomLink(a.page, 'Bench Club').filter({ hasText: 'Bench Bob left' }).waitFor();
    expect(await a.page.getByText('Former member').count()).toBe(0);
    await saveScreenshot(a.page, 'chat-authors-left-member');

    await a.page.goto(`${server.url}/`);
    await a.page.getByTestId('recent-activity').getByText('Bench Bob', { exact: false }).first().waitFor();
    expect(await a.page.getByText('Former member').count()).toBe(0);
    await saveScreenshot(a.page, 'chat-authors-dashboard');

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });
});
