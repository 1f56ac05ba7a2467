import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { createGroup, message, openTab, type Person, register, roomLink, send } from './chat.helper';

const openFriends = async (page: Page): Promise<void> => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Friends' }).click();
  await page.getByRole('heading', { name: 'Friends', level: 1 }).waitFor();
};

/** A friend's entry on the friends page, by their username. */
const friendEntry = (page: Page, person: Person) => page.getByTestId('friends-list').getByTestId('friend').filter({ hasText: person.username });

describe('friends in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('two people become friends, see each other online without sharing a room, and one blocks the other', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    await openFriends(a.page);
    await openFriends(b.page);

    // Ada asks by handle; Bob's page shows the request live.
    await a.page.getByLabel('Handle').fill(bob.handle);
    await a.page.getByRole('button', { name: 'Send friend request' }).click();
    await a.page.getByText(`Friend request sent to ${bob.username}.`).waitFor();
    await a.page.getByTestId('outgoing-requests').getByTestId('friend-request').filter({ hasText: bob.username }).waitFor();
    const incoming = b.page.getByTestId('incoming-requests').getByTestId('friend-request').filter({ hasText: ada.username });
    await incoming.waitFor();
    await saveScreenshot(b.page, 'friends-request-incoming');

    await incoming.getByRole('button', { name: `Accept ${ada.username}` }).click();
    // Both are friends now, each sees the other online, and they share no conversation.
    await friendEntry(a.page, bob).and(a.page.locator('[data-status="online"]')).waitFor();
    await friendEntry(b.page, ada).and(b.page.locator('[data-status="online"]')).waitFor();
    await friendEntry(a.page, bob).getByText('Online').waitFor();
    await a.page.getByTestId('outgoing-requests').waitFor({ state: 'detached' });
    expect(await a.page.getByTestId('room-link').count()).toBe(0);
    expect(await b.page.getByTestId('room-link').count()).toBe(0);
    await saveScreenshot(a.page, 'friends-online-ada');
    await saveScreenshot(b.page, 'friends-online-bob');
    // The same page on a phone.
    await b.page.setViewportSize({ width: 360, height: 740 });
    await friendEntry(b.page, ada).getByRole('button', { name: `Block ${ada.username}` }).waitFor();
    await saveScreenshot(b.page, 'friends-online-phone');
    await b.page.setViewportSize({ width: 1280, height: 800 });

    // A group they both are in: Bob sees Ada online there too.
    await createGroup(a.page, 'Leg Day Crew', [bob]);
    await roomLink(b.page, 'Leg Day Crew').click();
    const adaForBob = b.page.getByTestId('members-panel').getByTestId('member').filter({ hasText: ada.username });
    await adaForBob.locator('[data-presence="online"]').waitFor();
    await send(b.page, 'Squats at 6?');
    await message(a.page, 'Squats at 6?').waitFor();

    // Ada blocks Bob from her friends page.
    await openFriends(a.page);
    await friendEntry(a.page, bob).getByRole('button', { name: `Block ${bob.username}` }).click();
    await a.page.getByRole('dialog', { name: `Block ${bob.username}?` }).getByRole('button', { name: 'Block' }).click();
    await a.page.getByTestId('blocked-list').getByTestId('blocked-user').filter({ hasText: bob.username }).waitFor();
    await friendEntry(a.page, bob).waitFor({ state: 'detached' });
    await a.page.getByText('No friends yet.').waitFor();
    await saveScreenshot(a.page, 'friends-blocked-list');

    // For Bob, Ada is gone from his friends and offline in the group they share, though her tab is open.
    await adaForBob.locator('[data-presence="offline"]').waitFor();
    await saveScreenshot(b.page, 'friends-blocked-presence');
    await openFriends(b.page);
    await friendEntry(b.page, ada).waitFor({ state: 'detached' });

    // Bob's DM attempt is refused, in words.
    await b.page.getByRole('button', { name: 'New direct message' }).first().click();
    const dm = b.page.getByRole('dialog', { name: 'New direct message' });
    await dm.getByLabel('Find people').fill(ada.username);
    await dm.getByRole('button', { name: `Message ${ada.username}` }).click();
    await dm.getByRole('alert').getByText('This person does not accept direct messages from you.').waitFor();
    await saveScreenshot(b.page, 'friends-dm-refused');
    await dm.getByRole('button', { name: 'Close' }).click();

    // In the group, Ada sees Bob's message collapsed until she asks for it.
    await roomLink(a.page, 'Leg Day Crew').click();
    const collapsed = a.page.getByTestId('message-blocked');
    await collapsed.getByText('Blocked message').waitFor();
    expect(await message(a.page, 'Squats at 6?').count()).toBe(0);
    await saveScreenshot(a.page, 'friends-blocked-message-collapsed');
    await collapsed.getByRole('button', { name: 'Show' }).click();
    await message(a.page, 'Squats at 6?').waitFor();

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });

  it('privacy settings on the profile page are saved at once, kept, and in German too', async () => {
    const a = await openTab(browser);
    await register(a.page, server.url, 'cy');
    await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    const privacy = a.page.getByTestId('privacy-settings');
    await privacy.getByRole('heading', { name: 'Privacy' }).waitFor();
    expect(await privacy.getByRole('radio', { name: 'Everyone' }).first().isChecked()).toBe(true);
    expect(await privacy.getByRole('checkbox', { name: /Send read receipts/ }).isChecked()).toBe(true);

    const saved = () => a.page.waitForResponse((r) => r.url().endsWith('/api/profile') && r.request().method() === 'PUT' && r.ok());
    for (const change of [
      () => privacy.getByRole('radio', { name: 'Nobody' }).check(),
      () => privacy.getByRole('radio', { name: 'Friends only' }).check(),
      () => privacy.getByRole('checkbox', { name: /Send read receipts/ }).uncheck(),
    ]) {
      const answer = saved();
      await change();
      await answer;
    }
    await privacy.getByText('Privacy settings saved.').waitFor();

    await a.page.reload();
    await privacy.getByRole('heading', { name: 'Privacy' }).waitFor();
    expect(await privacy.getByRole('radio', { name: 'Nobody' }).isChecked()).toBe(true);
    expect(await privacy.getByRole('radio', { name: 'Friends only' }).isChecked()).toBe(true);
    expect(await privacy.getByRole('checkbox', { name: /Send read receipts/ }).isChecked()).toBe(false);

    await a.page.getByLabel('Language').first().selectOption('de');
    await privacy.getByRole('heading', { name: 'Privatsphäre' }).waitFor();
    expect(await privacy.getByRole('radio', { name: 'Niemand' }).isChecked()).toBe(true);
    expect(await privacy.getByRole('radio', { name: 'Nur Freunde' }).isChecked()).toBe(true);
    await privacy.scrollIntoViewIfNeeded();
    await saveScreenshot(a.page, 'friends-privacy-settings-de');
    expect(a.problems).toEqual([]);
    await a.context.close();
  });

  it('a late answer to an earlier privacy change does not flip a later change back', async () => {
    const a = await openTab(browser);
    await register(a.page, server.url, 'di');
    await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    const privacy = a.page.getByTestId('privacy-settings');
    await privacy.getByRole('heading', { name: 'Privacy' }).waitFor();

    // The first change's answer (saved before the second change) is held back until the
    // second change has been answered, as a slow network can do.
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let puts = 0;
    await a.page.route('**/api/profile', async (route) => {
      if (route.request().method() !== 'PUT' || ++puts > 1) return route.continue();
      const response = await route.fetch();
      await firstHeld;
      await route.fulfill({ response });
    });
    let answered = 0;
    const bothAnswered = new Promise<void>((resolve) => {
      a.page.on('response', (r) => {
        if (r.url().endsWith('/api/profile') && r.request().method() === 'PUT' && ++answered === 2) resolve();
      });
    });
    await privacy.getByRole('radio', { name: 'Nobody' }).check();
    const secondAnswered = a.page.waitForResponse((r) => r.url().endsWith('/api/profile') && r.request().method() === 'PUT' && r.ok());
    await privacy.getByRole('radio', { name: 'Friends only' }).check();
    await secondAnswered;
    releaseFirst();
    await bothAnswered;
    await privacy.getByText('Privacy settings saved.').waitFor();
    await a.page.waitForTimeout(100);
    expect(await privacy.getByRole('radio', { name: 'Nobody' }).isChecked()).toBe(true);
    expect(await privacy.getByRole('radio', { name: 'Friends only' }).isChecked()).toBe(true);
    expect(a.problems).toEqual([]);
    await a.context.close();
  });
});
