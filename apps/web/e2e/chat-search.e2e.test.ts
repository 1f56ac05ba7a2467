import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, uniqueName, webDistDir } from './browser.helper';
import { openDm, openTab, PASSWORD, register, roomLink } from './chat.helper';

/** Search that finds: a prefix finds every form of the word, marked, with the total, paged to the end. */
describe('message search in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir, RATE_LIMIT_MESSAGES_PER_USER: '1000' }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  const call = async (token: string | null, method: string, path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return response.json() as Promise<Record<string, unknown>>;
  };

  it('finds "deadlifts" by the prefix "dead", marks it, shows the total and loads more to the last result', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    // Bob writes 30 matching messages (and one that does not match) over the API.
    const bobName = uniqueName('bob');
    const bob = await call(null, 'POST', '/api/auth/register', { username: bobName, email: `${bobName}@example.test`, password: PASSWORD });
    const bobUser = bob.user as { handle: string };
    await register(page, server.url, 'ada');
    await openDm(page, { username: bobName, handle: bobUser.handle, email: `${bobName}@example.test` });
    const roomId = new URL(page.url()).pathname.split('/').pop()!;
    for (let i = 1; i <= 30; i++) {
      await call(bob.token as string, 'POST', '/api/messages', { chatroom_id: roomId, content: `Set ${i}: five deadlifts at 140 kg`, client_id: `search_e2e_${i}` });
    }
    await call(bob.token as string, 'POST', '/api/messages', { chatroom_id: roomId, content: 'bench day tomorrow', client_id: 'search_e2e_other' });
    await roomLink(page, bobName).waitFor();

    await page.getByRole('button', { name: 'Search messages' }).click();
    const panel = page.getByTestId('search-panel');
    await panel.getByRole('searchbox', { name: 'Search messages' }).fill('dead');
    await panel.getByTestId('search-total').filter({ hasText: '30 results' }).waitFor();
    const results = panel.getByTestId('search-results').getByRole('listitem');
    await expect.poll(() => results.count()).toBe(25);
    expect(await panel.locator('mark').first().textContent()).toBe('deadlifts');
    expect(await panel.getByText('Showing 25 of 30').isVisible()).toBe(true);
    const shot = await saveScreenshot(page, 'chat-search-prefix');
    expect(shot).toMatch(/\.png$/);

    await panel.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => results.count()).toBe(30);
    await expect.poll(() => panel.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const snippets = await panel.getByTestId('search-snippet').allTextContents();
    expect(new Set(snippets).size).toBe(30);
    expect(snippets.at(-1)).toBe('Set 1: five deadlifts at 140 kg');
    expect(await panel.locator('mark').count()).toBe(30);

    // A filter typed into the box narrows the same search.
    await panel.getByRole('searchbox', { name: 'Search messages' }).fill(`dead from:${bobUser.handle} before:2000-01-01`);
    await panel.getByTestId('search-total').filter({ hasText: 'No messages found.' }).waitFor();
    await saveScreenshot(page, 'chat-search-end');
    expect(tab.problems).toEqual([]);
  });
});
