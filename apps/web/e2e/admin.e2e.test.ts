import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../server/test/api-client';
import { grantRole, registerUser } from '../../server/test/factories';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { openTab, PASSWORD, register, type Tab } from './chat.helper';

/**
 * Issue 8 D in Chromium: an admin bans a user whose open tab lands on the login page with
 * the reason and the end of the ban; a member opening /admin gets the 404 page; the admin
 * pages (users, reports, audit log, stats with charts) render.
 */
describe('admin area in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let api: ApiClient;
  const tabs: Tab[] = [];
  const tab = async () => {
    const opened = await openTab(browser);
    tabs.push(opened);
    return opened;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
    api = new ApiClient(server.url);
  });
  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('an admin bans a member from the users table; the member’s open tab lands on the login page with the reason', async () => {
    const admin = await registerUser(api, { password: PASSWORD });
    await grantRole(server, admin.auth.user.id, 'admin');
    const adminTab = await tab();
    await adminTab.page.goto(`${server.url}/login`);
    await adminTab.page.getByLabel('Email or handle').fill(admin.email);
    await adminTab.page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
    await adminTab.page.getByRole('button', { name: 'Log in' }).click();
    await adminTab.page.getByRole('link', { name: 'Admin' }).first().click();
    await adminTab.page.getByRole('heading', { name: 'Users' }).waitFor();

    const memberTab = await tab();
    const member = await register(memberTab.page, server.url, 'banme');
    // A report from the member, so the queue has something to show.
    const reporter = await registerUser(api);
    const found = await api.get(`/api/users?q=${encodeURIComponent(member.handle)}`, { token: reporter.auth.token });
    const memberId = found.body.items[0].id as string;
    const room = await api.post('/api/chatrooms', { participant_ids: [memberId] }, { token: reporter.auth.token });
    const memberLogin = await api.post('/api/auth/login', { email: member.email, password: PASSWORD });
    const sent = await api.post('/api/messages', { chatroom_id: room.body.id, content: 'Cheap followers at example.test!', client_id: 'e2e-spam-1' }, { token: memberLogin.body.token });
    expect((await api.post(`/api/messages/${sent.body.id}/report`, { reason: 'Spam link' }, { token: reporter.auth.token })).status).toBe(201);

    await adminTab.page.getByLabel('Search').fill(member.handle);
    const row = adminTab.page.getByTestId(`user-row-${member.handle}`);
    await row.waitFor();
    await row.getByRole('button', { name: 'Ban' }).click();
    const dialog = adminTab.page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Spamming invite links');
    await dialog.getByLabel('Until').fill('2099-06-01T12:00');
    await saveScreenshot(adminTab.page, 'admin-ban-dialog');
    await dialog.getByRole('button', { name: 'Ban' }).click();
    await row.getByText(/Banned until/).waitFor();
    await saveScreenshot(adminTab.page, 'admin-users-after-ban');

    // The member's tab is told over its socket and lands on the login page, saying why and until when.
    await memberTab.page.waitForURL(/\/login/, { timeout: 5_000 });
    const notice = memberTab.page.getByTestId('ban-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^This account is banned until .*2099.*\. Reason: Spamming invite links$/);
    await saveScreenshot(memberTab.page, 'admin-banned-member-login');
    // Logging in again says the same, in the form's alert.
    await memberTab.page.getByLabel('Email or handle').fill(member.email);
    await memberTab.page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
    await memberTab.page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(async () => memberTab.page.getByRole('alert').allTextContents()).toContainEqual(expect.stringContaining('Reason: Spamming invite links'));
    expect((await api.get(`/api/admin/users?q=${encodeURIComponent(member.handle)}`, { token: admin.auth.token })).body.items[0]).toMatchObject({ id: memberId, status: 'banned' });

    // The other admin pages: the report queue, the audit log with the ban, stats with a chart.
    await adminTab.page.getByRole('link', { name: 'Reports' }).click();
    await adminTab.page.getByTestId('report-card').filter({ hasText: 'Cheap followers at example.test!' }).waitFor();
    await saveScreenshot(adminTab.page, 'admin-reports');
    await adminTab.page.getByRole('link', { name: 'Audit log' }).click();
    await adminTab.page.getByTestId('audit-row').filter({ hasText: 'user.banned' }).filter({ hasText: 'Spamming invite links' }).waitFor();
    await saveScreenshot(adminTab.page, 'admin-audit-log');
    await adminTab.page.getByRole('link', { name: 'Stats' }).click();
    await adminTab.page.getByRole('img', { name: 'Messages per day (last 30 days, UTC)' }).waitFor();
    await adminTab.page.waitForTimeout(300);
    await saveScreenshot(adminTab.page, 'admin-stats');
    for (const opened of tabs) expect(opened.problems).toEqual([]);
  });

  it('a member opening /admin gets the 404 page, and sees no admin entry in the navigation', async () => {
    const memberTab = await tab();
    await register(memberTab.page, server.url, 'curious');
    expect(await memberTab.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    for (const path of ['/admin', '/admin/stats', '/admin/audit']) {
      await memberTab.page.goto(`${server.url}${path}`);
      await memberTab.page.getByRole('heading', { name: 'Nothing to see here' }).waitFor();
      expect(new URL(memberTab.page.url()).pathname).toBe(path);
    }
    await saveScreenshot(memberTab.page, 'admin-member-404');
    expect(memberTab.problems).toEqual([]);
  });
});
