import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { createGroup, message, messages, messageTexts, openDm, openTab, outboxOf, PASSWORD, register, roomLink, send } from './chat.helper';

describe('chat in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('two people open a DM and talk live: typing, unread badge, read', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');

    await openDm(a.page, bob);
    await send(a.page, 'Hey Bob, leg day tomorrow?');
    await message(a.page, 'Hey Bob, leg day tomorrow?').and(a.page.locator('[data-status="sent"]')).waitFor();

    // Bob is on his dashboard: the DM appears with one unread message.
    const dmForBob = roomLink(b.page, ada.username);
    await dmForBob.getByTestId('unread-badge').filter({ hasText: '1' }).waitFor();
    await b.page.getByTestId('dashboard-rooms').getByTestId('unread-badge').filter({ hasText: '1' }).waitFor();

    // Opening it reads it: the badge goes, here and after the server has heard it.
    await dmForBob.click();
    await message(b.page, 'Hey Bob, leg day tomorrow?').waitFor();
    await b.page.getByTestId('new-messages').waitFor();
    await dmForBob.getByTestId('unread-badge').waitFor({ state: 'detached' });
    // Both are online: each sees the other's status in the DM header.
    await b.page.getByTestId('room-status').filter({ hasText: 'Online' }).waitFor();
    await a.page.getByTestId('room-status').filter({ hasText: 'Online' }).waitFor();

    // Ada types: Bob sees it while she types, and it goes when she sends.
    await a.page.getByTestId('composer').pressSequentially('Bring chalk', { delay: 15 });
    await b.page.getByText(`${ada.username} is typing…`).waitFor();
    await a.page.getByTestId('composer').press('Enter');
    await message(b.page, 'Bring chalk').waitFor();
    await b.page.getByText(`${ada.username} is typing…`).waitFor({ state: 'detached' });

    await send(b.page, `Deal! @${ada.handle} 💪`);
    await message(a.page, 'Deal!').waitFor();
    // The mention is highlighted for the one mentioned.
    await message(a.page, 'Deal!').getByTestId('mention').waitFor();
    expect(await message(a.page, 'Deal!').getAttribute('class')).toContain('border-warning');

    // Reading on screen: neither side counts the other's live messages as unread.
    expect(await roomLink(a.page, bob.username).getByTestId('unread-badge').count()).toBe(0);
    expect(await dmForBob.getByTestId('unread-badge').count()).toBe(0);
    expect(await messageTexts(b.page)).toEqual(['Hey Bob, leg day tomorrow?', 'Bring chalk', `Deal! @${ada.username} 💪`]);

    await saveScreenshot(a.page, 'chat-dm-live-sender');
    await saveScreenshot(b.page, 'chat-dm-live-receiver');
    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });

  it('a group of three: create, add, send, react, reply, edit, delete, all seen live', async () => {
    const [a, b, c] = await Promise.all([openTab(browser), openTab(browser), openTab(browser)]);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    const cy = await register(c.page, server.url, 'cy');

    // Ada creates the group with Bob.
    await createGroup(a.page, 'Leg Day Crew', [bob]);
    await roomLink(b.page, 'Leg Day Crew').waitFor();

    // ...and adds Cy from the members panel.
    await a.page.getByTestId('members-panel').getByRole('button', { name: 'Add people' }).click();
    const add = a.page.getByRole('dialog', { name: 'Add people' });
    await add.getByLabel('Find people').fill(cy.username);
    await add.getByRole('button', { name: `Add ${cy.username}` }).click();
    await add.getByRole('button', { name: 'Add 1 person' }).click();
    await a.page.getByTestId('members-panel').getByTestId('member').filter({ hasText: cy.username }).waitFor();
    await roomLink(c.page, 'Leg Day Crew').click();
    await roomLink(b.page, 'Leg Day Crew').click();
    await b.page.getByTestId('members-panel').getByTestId('member').filter({ hasText: cy.username }).waitFor();

    await send(a.page, 'Squats at 6?');
    await message(b.page, 'Squats at 6?').waitFor();
    await message(c.page, 'Squats at 6?').waitFor();

    // Bob reacts.
    const squatsForBob = message(b.page, 'Squats at 6?');
    await squatsForBob.hover();
    await squatsForBob.getByRole('button', { name: 'Add reaction' }).click();
    await b.page.getByRole('group', { name: 'Pick an emoji' }).getByRole('button', { name: '👍' }).click();
    for (const page of [a.page, c.page]) {
      await message(page, 'Squats at 6?').locator('[data-testid="reaction"][data-emoji="👍"]').filter({ hasText: '1' }).waitFor();
    }

    // Cy replies.
    const squatsForCy = message(c.page, 'Squats at 6?');
    await squatsForCy.hover();
    await squatsForCy.getByRole('button', { name: 'Reply' }).click();
    await c.page.getByTestId('reply-bar').getByText(`Replying to ${ada.username}`).waitFor();
    await send(c.page, 'I am in');
    for (const page of [a.page, b.page]) {
      await message(page, 'I am in').getByTestId('reply-preview').filter({ hasText: 'Squats at 6?' }).waitFor();
    }

    // Ada edits her message.
    const squatsForAda = message(a.page, 'Squats at 6?');
    await squatsForAda.hover();
    await squatsForAda.getByRole('button', { name: 'Edit' }).click();
    const editor = a.page.getByLabel('Edit message');
    await editor.fill('Squats at 7?');
    await editor.press('Enter');
    for (const page of [b.page, c.page]) {
      await message(page, 'Squats at 7?').getByTestId('message-edited').waitFor();
      expect(await message(page, 'Squats at 6?').count()).toBe(0);
    }

    // ...and deletes it.
    const editedForAda = message(a.page, 'Squats at 7?');
    await editedForAda.hover();
    await editedForAda.getByRole('button', { name: 'Delete' }).click();
    await a.page.getByRole('dialog', { name: 'Delete message' }).getByRole('button', { name: 'Delete' }).click();
    for (const page of [a.page, b.page, c.page]) {
      await page.getByTestId('message-deleted').waitFor();
      await message(page, 'I am in').getByTestId('reply-preview').filter({ hasText: 'Original message was deleted' }).waitFor();
      expect(await page.getByTestId('message-content').filter({ hasText: 'Squats at 7?' }).count()).toBe(0);
    }

    // The owner removes Cy: Cy keeps the group read-only until dismissing it (group-settings.e2e covers the rest).
    await a.page.getByTestId('members-panel').getByRole('button', { name: `Remove ${cy.username}` }).click();
    await a.page.getByRole('dialog', { name: `Remove ${cy.username}?` }).getByRole('button', { name: 'Remove' }).click();
    await c.page.getByTestId('removed-text').filter({ hasText: `${ada.username} removed you from Leg Day Crew` }).waitFor();
    await c.page.getByTestId('dismiss-removal').click();
    await roomLink(c.page, 'Leg Day Crew').waitFor({ state: 'detached' });
    await b.page.getByTestId('members-panel').getByTestId('member').filter({ hasText: cy.username }).waitFor({ state: 'detached' });

    await saveScreenshot(a.page, 'chat-group-owner');
    await saveScreenshot(b.page, 'chat-group-member');
    await saveScreenshot(c.page, 'chat-group-removed');
    for (const tab of [a, b, c]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });

  it('offline: messages wait as pending, and arrive once and in order when the connection is back', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    await openDm(a.page, bob);
    await send(a.page, 'Still online');
    await roomLink(b.page, ada.username).click();
    await message(b.page, 'Still online').waitFor();

    // The app shell's service worker, installed once signed in, lets the page below reload offline.
    await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await a.context.setOffline(true);
    const banner = a.page.getByTestId('connection-banner');
    await banner.getByText('You are offline.').waitFor();
    expect(await banner.getAttribute('data-status')).toBe('offline');

    await send(a.page, 'First, written offline');
    await send(a.page, 'Second, written offline');
    for (const text of ['First, written offline', 'Second, written offline']) {
      await message(a.page, text).and(a.page.locator('[data-status="pending"]')).waitFor();
      await message(a.page, text).getByText('Waiting for a connection…').waitFor();
    }
    await banner.getByText('2 messages are waiting to be sent.').waitFor();
    await saveScreenshot(a.page, 'chat-offline-pending');
    // Kept in localStorage, so a reload or a crash would not lose them.
    expect((await outboxOf(a.page)).length).toBe(2);
    // A reload while still offline opens the app from the cached shell, still with both queued.
    await a.page.reload();
    await banner.getByText('2 messages are waiting to be sent.').waitFor();
    await saveScreenshot(a.page, 'chat-offline-reloaded');
    expect((await outboxOf(a.page)).length).toBe(2);
    await b.page.waitForTimeout(1_000);
    expect(await message(b.page, 'written offline').count()).toBe(0);

    await a.context.setOffline(false);
    await message(b.page, 'Second, written offline').waitFor();
    await message(a.page, 'Second, written offline').and(a.page.locator('[data-status="sent"]')).waitFor();
    await message(a.page, 'First, written offline').and(a.page.locator('[data-status="sent"]')).waitFor();
    await banner.getByText('You are offline.').waitFor({ state: 'detached' });
    // Give any duplicate (a replay, a second flush) time to show up before counting.
    await b.page.waitForTimeout(1_500);
    const expected = ['Still online', 'First, written offline', 'Second, written offline'];
    expect(await messageTexts(b.page)).toEqual(expected);
    expect(await messageTexts(a.page)).toEqual(expected);
    expect(await outboxOf(a.page)).toEqual([]);
    // And the server holds exactly these, in this order, after a fresh load.
    await b.page.reload();
    await message(b.page, 'Second, written offline').waitFor();
    expect(await messageTexts(b.page)).toEqual(expected);

    // The other way round: the reader is offline while messages are sent, and catches up once.
    await b.context.setOffline(true);
    await b.page.getByTestId('connection-banner').getByText('You are offline.').waitFor();
    await send(a.page, 'Sent while Bob was away');
    await send(a.page, 'And one more');
    await message(a.page, 'And one more').and(a.page.locator('[data-status="sent"]')).waitFor();
    await b.page.waitForTimeout(500);
    expect(await message(b.page, 'Bob was away').count()).toBe(0);
    await b.context.setOffline(false);
    await message(b.page, 'And one more').waitFor();
    await b.page.waitForTimeout(1_000);
    expect(await messageTexts(b.page)).toEqual([...expected, 'Sent while Bob was away', 'And one more']);

    await saveScreenshot(a.page, 'chat-offline-sender-delivered');
    await saveScreenshot(b.page, 'chat-offline-receiver');
    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });

  it('shows German chat texts after switching the language, on a 360 px phone', async () => {
    const a = await openTab(browser, { width: 360, height: 740 });
    await register(a.page, server.url, 'uwe');
    await a.page.getByLabel('Language').selectOption('de');
    await a.page.getByRole('link', { name: 'Chats' }).click();
    await a.page.getByRole('heading', { name: 'Direktnachrichten' }).waitFor();
    await a.page.getByText('Noch keine Gruppen.').waitFor();

    await a.page.getByRole('button', { name: 'Gruppe erstellen' }).first().click();
    const create = a.page.getByRole('dialog', { name: 'Gruppe erstellen' });
    await create.getByLabel('Gruppenname').fill('Trainingsplan');
    await create.getByRole('button', { name: 'Gruppe erstellen' }).click();
    await a.page.getByTestId('room-title').filter({ hasText: 'Trainingsplan' }).waitFor();
    await a.page.getByText('Willkommen in Trainingsplan! Hier beginnt die Gruppe.').waitFor();
    expect(await a.page.getByTestId('composer').getAttribute('placeholder')).toBe('Nachricht an #Trainingsplan');

    await send(a.page, 'Montag: Beine, Mittwoch: Rücken');
    await a.page.getByRole('separator', { name: 'Heute' }).waitFor();
    await message(a.page, 'Montag').getByText(/^Heute um \d\d:\d\d$/).waitFor();
    await a.page.getByRole('button', { name: 'Mitglieder anzeigen' }).click();
    await a.page.getByRole('button', { name: 'Gruppe verlassen' }).waitFor();
    await a.page.getByRole('button', { name: 'Bereich schließen' }).click();
    await a.page.getByRole('link', { name: 'Zurück zu den Unterhaltungen' }).waitFor();

    await saveScreenshot(a.page, 'chat-german-360px');
    expect(a.problems).toEqual([]);
    await a.context.close();
  });
});

describe('reloading in the middle of a conversation', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ WEB_DIST_DIR: webDistDir, RATE_LIMIT_MESSAGES_PER_USER: '1000' }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('keeps history, unread counts and the draft; pages back through older history', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    await openDm(a.page, bob);
    const roomId = new URL(a.page.url()).pathname.split('/').pop()!;

    // A long history, sent by Ada over the API (another device of hers) so it does not take a minute of typing.
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: ada.handle, password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    for (let i = 1; i <= 70; i++) {
      const sent = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ chatroom_id: roomId, content: `History ${String(i).padStart(2, '0')}`, client_id: `seed-history-${i}` }),
      });
      expect(sent.status).toBe(201);
    }
    await message(a.page, 'History 70').waitFor();
    await send(a.page, 'Are you there?');
    const dmForBob = roomLink(b.page, ada.username);
    await dmForBob.getByTestId('unread-badge').filter({ hasText: '71' }).waitFor();

    // Bob reloads: the unread count comes back from the server, not from memory.
    await b.page.reload();
    await dmForBob.getByTestId('unread-badge').filter({ hasText: '71' }).waitFor();

    // Ada leaves a half-written draft and reloads mid-conversation.
    await a.page.getByTestId('composer').fill('Half-written thought');
    await a.page.reload();
    await message(a.page, 'Are you there?').waitFor();
    expect(await a.page.getByTestId('composer').inputValue()).toBe('Half-written thought');
    const before = await messageTexts(a.page);
    expect(before.at(-1)).toBe('Are you there?');
    expect(before.at(-2)).toBe('History 70');

    // Bob opens the DM: all 71 are unread, so it opens at the first of them (unread landing, issue 14),
    // and reaching the newest reads it.
    await dmForBob.click();
    await b.page.getByTestId('unread-bar').filter({ hasText: '71 new messages' }).waitFor();
    await message(b.page, 'History 01').waitFor();
    await b.page.getByRole('button', { name: 'Jump to present' }).click();
    await message(b.page, 'Are you there?').waitFor();
    await dmForBob.getByTestId('unread-badge').waitFor({ state: 'detached' });
    // Opened again with nothing unread: newest page first, and scrolling up pages back to the very first message.
    await b.page.reload();
    await message(b.page, 'Are you there?').waitFor();
    expect(await message(b.page, 'History 01').count()).toBe(0);
    const list = b.page.getByTestId('message-list');
    for (let i = 0; i < 5 && (await message(b.page, 'History 01').count()) === 0; i++) {
      await list.evaluate((el) => el.scrollTo({ top: 0 }));
      await b.page.waitForTimeout(400);
    }
    await message(b.page, 'History 01').waitFor();
    await b.page.getByText('This is the beginning of your conversation with').waitFor();
    const all = await messageTexts(b.page);
    expect(all).toEqual([...Array.from({ length: 70 }, (_, i) => `History ${String(i + 1).padStart(2, '0')}`), 'Are you there?']);

    // Read before the reload, read after it.
    await b.page.reload();
    await message(b.page, 'Are you there?').waitFor();
    expect(await dmForBob.getByTestId('unread-badge').count()).toBe(0);
    await b.page.goto(`${server.url}/`);
    await b.page.getByTestId('dashboard-rooms').waitFor();
    expect(await b.page.getByTestId('dashboard-rooms').getByTestId('unread-badge').count()).toBe(0);
    expect(await messages(a.page).count()).toBeGreaterThan(0);

    await saveScreenshot(a.page, 'chat-reload-history');
    await saveScreenshot(b.page, 'chat-reload-dashboard');

    // An explicit logout leaves nothing Ada typed behind for the next person on this browser.
    const typedKeys = () =>
      a.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('discordgym.drafts.') || k.startsWith('discordgym.outbox.')));
    await a.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('discordgym.drafts.')));
    await a.page.getByRole('button', { name: 'Log out' }).click();
    await a.page.getByRole('dialog', { name: 'Log out?' }).getByRole('button', { name: 'Log out' }).click();
    await a.page.waitForURL(/\/login/);
    expect(await typedKeys()).toEqual([]);
    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });
});
