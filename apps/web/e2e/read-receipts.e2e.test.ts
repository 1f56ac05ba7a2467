import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { message, messages, openDm, openTab, PASSWORD, type Person, register, roomLink, send } from './chat.helper';

/** "Seen" under my last DM message and "Seen by …" under a group's newest one, live from `read` events. */
describe('read receipts in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  /** Another device of `person`, over the API. */
  const tokenOf = async (person: Person): Promise<string> => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: person.handle, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    return ((await login.json()) as { token: string }).token;
  };
  const api = async (token: string, method: string, path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return response.json() as Promise<Record<string, unknown>>;
  };
  /** The message right above the "seen" line, by its text. */
  const seenUnder = (page: Page) =>
    page.getByTestId('seen').evaluateAll((nodes) => nodes.map((n) => n.previousElementSibling?.querySelector('[data-testid="message-content"] p')?.textContent?.trim() ?? null));

  it('shows "Seen" under my last DM message once the other has read it, and not while they keep receipts off', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');

    await openDm(a.page, bob);
    await send(a.page, 'Seen my new deadlift PR?');
    await message(a.page, 'Seen my new deadlift PR?').and(a.page.locator('[data-status="sent"]')).waitFor();
    // Bob has not opened it: nothing is seen.
    await roomLink(b.page, ada.username).getByTestId('unread-badge').filter({ hasText: '1' }).waitFor();
    expect(await a.page.getByTestId('seen').count()).toBe(0);

    // Bob opens the DM: Ada sees "Seen" under her message, live.
    await roomLink(b.page, ada.username).click();
    await message(b.page, 'Seen my new deadlift PR?').waitFor();
    await a.page.getByTestId('seen').filter({ hasText: 'Seen' }).waitFor();
    expect(await seenUnder(a.page)).toEqual(['Seen my new deadlift PR?']);
    // Bob sees no "Seen" of his own: he has written nothing.
    expect(await b.page.getByTestId('seen').count()).toBe(0);

    // Bob leaves for his dashboard; Ada's next message is not seen yet, so the line goes …
    await b.page.goto(`${server.url}/`);
    await b.page.getByTestId('dashboard-rooms').waitFor();
    await send(a.page, '180 kg!');
    await message(a.page, '180 kg!').and(a.page.locator('[data-status="sent"]')).waitFor();
    await a.page.getByTestId('seen').waitFor({ state: 'detached' });
    // … and comes back under the newest one when he reads it.
    await roomLink(b.page, ada.username).click();
    await message(b.page, '180 kg!').waitFor();
    await expect.poll(() => seenUnder(a.page)).toEqual(['180 kg!']);
    await saveScreenshot(a.page, 'chat-dm-seen');

    // Bob turns read receipts off: reading Ada's next message no longer shows her "Seen".
    const bobToken = await tokenOf(bob);
    await api(bobToken, 'PUT', '/api/profile', { privacy: { read_receipts: false } });
    await b.page.goto(`${server.url}/`);
    await b.page.getByTestId('dashboard-rooms').waitFor();
    await send(a.page, 'Still there?');
    await message(a.page, 'Still there?').and(a.page.locator('[data-status="sent"]')).waitFor();
    await roomLink(b.page, ada.username).click();
    await message(b.page, 'Still there?').waitFor();
    await roomLink(b.page, ada.username).getByTestId('unread-badge').waitFor({ state: 'detached' });
    // Bob's read reached the server (his unread count is 0 on a fresh fetch), and still Ada sees nothing, after a reload too.
    const rooms = (await (await fetch(`${server.url}/api/chatrooms`, { headers: { authorization: `Bearer ${bobToken}` } })).json()) as {
      items: { unread_count: number; last_read_seq: number }[];
    };
    expect(rooms.items[0]).toMatchObject({ unread_count: 0, last_read_seq: 3 });
    await a.page.reload();
    await message(a.page, 'Still there?').waitFor();
    expect(await a.page.getByTestId('seen').count()).toBe(0);
    await saveScreenshot(a.page, 'chat-dm-seen-off');

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });

  it('shows "Seen by" under the newest group message, in German too', async () => {
    const [a, b, c] = await Promise.all([openTab(browser), openTab(browser), openTab(browser)]);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    const cy = await register(c.page, server.url, 'cy');
    const adaToken = await tokenOf(ada);
    const ids = await Promise.all(
      [bob, cy].map(async (person) => {
        const found = (await (
          await fetch(`${server.url}/api/users?q=${person.username}`, { headers: { authorization: `Bearer ${adaToken}` } })
        ).json()) as { items: { id: string }[] };
        return found.items[0]!.id;
      }),
    );
    const group = (await api(adaToken, 'POST', '/api/chatrooms', { name: 'Squat Squad', participant_ids: ids })) as { id: string };
    await roomLink(a.page, 'Squat Squad').waitFor();
    await roomLink(c.page, 'Squat Squad').waitFor();
    // Bob reads German (after the group exists: a room created while a page is still connecting is its own story).
    await b.page.evaluate(() => localStorage.setItem('discordgym.locale', 'de'));
    await b.page.reload();

    await roomLink(a.page, 'Squat Squad').click();
    await send(a.page, 'Who is in for Friday?');
    await message(a.page, 'Who is in for Friday?').and(a.page.locator('[data-status="sent"]')).waitFor();
    await roomLink(b.page, 'Squat Squad').click();
    await message(b.page, 'Who is in for Friday?').waitFor();
    await a.page.getByTestId('seen').filter({ hasText: `Seen by ${bob.username}` }).waitFor();
    await roomLink(c.page, 'Squat Squad').click();
    await message(c.page, 'Who is in for Friday?').waitFor();
    await expect.poll(() => a.page.getByTestId('seen').locator('span[aria-hidden="true"]').innerText()).toMatch(new RegExp(`^Seen by (${bob.username}, ${cy.username}|${cy.username}, ${bob.username})$`));
    expect(await seenUnder(a.page)).toEqual(['Who is in for Friday?']);
    // Bob (in German) sees Cy under Ada's message; Ada wrote it, so she is not listed.
    await b.page.getByTestId('seen').filter({ hasText: `Gesehen von ${cy.username}` }).waitFor();
    expect(await messages(b.page).count()).toBe(1);

    // Two more members read it on their phones (over the API): the line names two and counts the rest.
    for (const name of ['dee', 'eve']) {
      const username = `${name}_${Date.now().toString(36)}`;
      const joined = (await api('', 'POST', '/api/auth/register', { username, email: `${username}@example.test`, password: PASSWORD })) as {
        token: string;
        user: { id: string };
      };
      await api(adaToken, 'POST', `/api/chatrooms/${group.id}/participants`, { user_ids: [joined.user.id] });
      await api(joined.token, 'PUT', `/api/messages/${group.id}/read`, { seq: 1 });
    }
    await expect.poll(() => a.page.getByTestId('seen').locator('span[aria-hidden="true"]').innerText()).toMatch(/^Seen by [^,]+, [^,]+ \+2$/);
    expect((await a.page.getByTestId('seen').getAttribute('title'))?.split(', ')).toHaveLength(4);
    await saveScreenshot(a.page, 'chat-group-seen-by');
    await saveScreenshot(b.page, 'chat-group-seen-by-de');

    for (const tab of [a, b, c]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });
});
