import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { uniqueName } from './browser.helper';

export const PASSWORD = 'Lantern-Gravel-Otter-42';

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and CSP refusals: either means the page is broken even if it looks fine. */
  problems: string[];
}

export interface Person {
  username: string;
  handle: string;
  email: string;
}

export async function openTab(browser: Browser, options: { width?: number; height?: number; locale?: string } = {}): Promise<Tab> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  return { context, page, problems };
}

/** Registers through the form and lands on the dashboard. */
export async function register(page: Page, baseUrl: string, prefix: string): Promise<Person> {
  const username = uniqueName(prefix);
  const email = `${username}@example.test`;
  await page.goto(`${baseUrl}/register`);
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Hi, ${username}!` }).waitFor();
  const handle = (await page.getByTestId('profile-handle').textContent()) ?? '';
  return { username, handle, email };
}

/** The sidebar entry of a conversation, by the name it is listed under. */
export const roomLink = (page: Page, name: string): Locator => page.getByTestId('room-link').filter({ hasText: name });

export const messages = (page: Page): Locator => page.getByTestId('message');

/** A message by its own text (not by a reply quoting it). */
export const message = (page: Page, text: string): Locator =>
  messages(page).filter({ has: page.getByTestId('message-content').filter({ hasText: text }) });

export async function openDm(page: Page, other: Person): Promise<void> {
  await page.getByRole('button', { name: 'New direct message' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New direct message' });
  await dialog.getByLabel('Find people').fill(other.username);
  await dialog.getByRole('button', { name: `Message ${other.username}` }).click();
  await page.getByTestId('room-title').filter({ hasText: other.username }).waitFor();
}

/** Creates a group from the sidebar with these people in it, and waits until it is open. */
export async function createGroup(page: Page, name: string, members: Person[]): Promise<void> {
  await page.getByRole('button', { name: 'Create group' }).first().click();
  const create = page.getByRole('dialog', { name: 'Create group' });
  await create.getByLabel('Group name').fill(name);
  for (const member of members) {
    await create.getByLabel('Find people').fill(member.username);
    await create.getByRole('button', { name: `Add ${member.username}` }).click();
  }
  await create.getByRole('button', { name: 'Create group' }).click();
  await page.getByTestId('room-title').filter({ hasText: name }).waitFor();
}

export async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByTestId('composer');
  await composer.fill(text);
  await composer.press('Enter');
  await expect.poll(() => composer.inputValue()).toBe('');
}

/** The texts of the messages on screen, in order. */
export const messageTexts = (page: Page): Promise<string[]> =>
  page.getByTestId('message-content').evaluateAll((nodes) => nodes.map((n) => (n.querySelector('p')?.textContent ?? '').trim()));

export const outboxOf = (page: Page): Promise<unknown[]> =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('discordgym.outbox.'));
    return key ? (JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[]) : [];
  });
