import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, uniqueName, webDistDir } from './browser.helper';
import { createGroup, message, openTab, register, roomLink, send } from './chat.helper';

/** Opens the members panel unless it is already showing (desktop shows it beside the room). */
async function showMembers(page: Page): Promise<void> {
  if (await page.getByTestId('members-panel').isVisible()) return;
  await page.getByRole('button', { name: 'Show members' }).click();
  await page.getByTestId('members-panel').waitFor();
}

/** Issue 14 point 1: group settings, system lines, and a removed member's read-only room. */
describe('group settings in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it.each([
    { label: 'desktop', width: 1280, height: 800 },
    { label: 'phone', width: 390, height: 844 },
  ])('the owner renames the group and picks an icon, then removes the member, who dismisses it ($label)', async ({ label, width, height }) => {
    const [a, b] = await Promise.all([openTab(browser, { width, height }), openTab(browser, { width, height })]);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    const before = `Crew ${uniqueName('g').slice(-6)}`;
    const after = `Leg Day ${uniqueName('g').slice(-6)}`;

    // The chat page has the room list (on a phone the dashboard does not).
    await a.page.goto(`${server.url}/chat`);
    await createGroup(a.page, before, [bob]);
    await b.page.goto(`${server.url}/chat`);
    await roomLink(b.page, before).click();
    await send(b.page, 'Squats at 6?');
    await message(a.page, 'Squats at 6?').waitFor();

    // Ada opens the settings, renames the group and picks the dumbbell icon.
    await a.page.getByTestId('group-settings-button').click();
    const dialog = a.page.getByRole('dialog', { name: 'Group settings' });
    await dialog.getByLabel('Group name').fill(after);
    await dialog.getByRole('radio', { name: 'Dumbbell' }).click();
    expect(await dialog.getByRole('radio', { name: 'Dumbbell' }).getAttribute('aria-checked')).toBe('true');
    await saveScreenshot(a.page, `group-settings-dialog-${label}`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await a.page.getByTestId('room-title').filter({ hasText: after }).waitFor();

    // Bob, without reloading: the new name, the icon and the system line.
    await b.page.getByTestId('room-title').filter({ hasText: after }).waitFor();
    await b.page.getByTestId('system-message').filter({ hasText: `${ada.username} renamed the group to ${after}` }).waitFor();
    await expect.poll(() => b.page.locator('header [data-testid="group-icon"]').getAttribute('data-icon')).toBe('dumbbell');
    // Not the owner: no settings button for Bob.
    expect(await b.page.getByTestId('group-settings-button').count()).toBe(0);
    await saveScreenshot(b.page, `group-settings-member-renamed-${label}`);

    // Ada removes Bob; both see the system line.
    await showMembers(a.page);
    await a.page.getByTestId('members-panel').getByRole('button', { name: `Remove ${bob.username}` }).click();
    await a.page.getByRole('dialog', { name: `Remove ${bob.username}?` }).getByRole('button', { name: 'Remove' }).click();
    if (width < 1024) await a.page.getByRole('button', { name: 'Close panel' }).click();
    await a.page.getByTestId('system-message').filter({ hasText: `${ada.username} removed ${bob.username}` }).waitFor();

    // Bob: read-only, told who removed him, history up to the removal still there.
    const notice = b.page.getByTestId('removed-text').filter({ hasText: `${ada.username} removed you from ${after}` });
    await notice.waitFor();
    await b.page.getByTestId('system-message').filter({ hasText: `${ada.username} removed ${bob.username}` }).waitFor();
    await message(b.page, 'Squats at 6?').waitFor();
    expect(await b.page.getByTestId('composer').count()).toBe(0);
    // Nobody's members or search for him any more.
    expect(await b.page.getByTestId('members-panel').count()).toBe(0);
    expect(await b.page.getByRole('button', { name: 'Show members' }).count()).toBe(0);
    await saveScreenshot(b.page, `group-settings-removed-${label}`);

    // Still so after a reload, and in the list; a later message of Ada's does not reach him.
    await send(a.page, 'Bob is gone');
    await b.page.reload();
    await notice.waitFor();
    await message(b.page, 'Squats at 6?').waitFor();
    expect(await message(b.page, 'Bob is gone').count()).toBe(0);

    // Dismiss: gone from his list.
    await b.page.getByTestId('dismiss-removal').click();
    await b.page.waitForURL(`${server.url}/chat`);
    await roomLink(b.page, after).waitFor({ state: 'detached' });
    await b.page.reload();
    await b.page.getByRole('button', { name: 'Create group' }).first().waitFor();
    expect(await roomLink(b.page, after).count()).toBe(0);
    await saveScreenshot(a.page, `group-settings-owner-${label}`);

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });
});
