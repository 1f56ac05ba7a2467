import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { message, openDm, openTab, register, send, type Tab } from './chat.helper';

/** Markers that find each message whatever its markdown turns into. */
const CODE_WITH_HTML = '<b>bold?</b> `tick` <img src=x onerror="window.__pwned=1">';
const SAFETY_TABLE = [
  { marker: 'row-img', source: 'row-img <img src=x onerror="window.__pwned=1">' },
  { marker: 'row-jslink', source: 'row-jslink [click](javascript:window.__pwned=1)' },
  { marker: 'row-script', source: 'row-script <script>window.__pwned=1</script>' },
  { marker: 'row-nested', source: `row-nested\n\`\`\`html\n${CODE_WITH_HTML}\n\`\`\`` },
  { marker: 'row-inline', source: 'row-inline **bold** _it_ ~~s~~ `code`' },
  { marker: 'row-quote', source: '> row-quote quoted' },
  { marker: 'row-list', source: '- row-list one\n- two\n\n1. first\n2. second' },
  { marker: 'row-link', source: 'row-link [site](https://example.com/page)' },
  { marker: 'row-heading', source: '# row-heading Title' },
  { marker: 'row-image', source: 'row-image ![alt](https://example.com/x.png)' },
  { marker: 'row-js', source: 'row-js\n```js\nconst answer = 42;\n```' },
];

const countIn = (scope: Locator, selector: string): Promise<number> => scope.locator(selector).count();

function watchForScripts(tab: Tab): { dialogs: string[] } {
  const seen = { dialogs: [] as string[] };
  tab.page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

const pwned = (page: Page): Promise<unknown> => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);

/** Issue 14 point 5: markdown, code highlighting, emoji shortcodes, the full emoji picker, who reacted. */
describe('message formatting in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('renders the safe markdown subset, never HTML, highlights code, and keeps mentions', async () => {
    const [a, b] = await Promise.all([openTab(browser), openTab(browser)]);
    const watched = [watchForScripts(a), watchForScripts(b)];
    await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    await openDm(a.page, bob);

    for (const row of SAFETY_TABLE) await send(a.page, row.source);
    await send(a.page, `row-mention **hey** @${bob.handle}`);

    const page = b.page;
    await page.getByTestId('room-link').first().click();
    const row = (marker: string): Locator => message(page, marker);

    // Bold, italics, strike and inline code, as elements.
    const inline = row('row-inline');
    await inline.locator('strong', { hasText: 'bold' }).waitFor();
    expect(await inline.locator('em').textContent()).toBe('it');
    expect(await inline.locator('del').textContent()).toBe('s');
    expect(await inline.locator('code').textContent()).toBe('code');

    // Raw HTML is text: no element, no handler, the characters as typed.
    await row('row-img').getByText('<img src=x onerror="window.__pwned=1">').waitFor();
    await row('row-script').getByText('<script>window.__pwned=1</script>').waitFor();
    // A javascript: link is its text only; a web link opens safely in a new tab.
    expect(await row('row-jslink').getByText('click').count()).toBe(1);
    expect(await countIn(row('row-jslink'), 'a')).toBe(0);
    const link = row('row-link').getByRole('link', { name: 'site' });
    expect(await link.getAttribute('href')).toBe('https://example.com/page');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    // A code block holds its content as literal text, HTML and backticks included.
    const nested = row('row-nested').getByTestId('code-block');
    expect(await nested.locator('code').textContent()).toBe(CODE_WITH_HTML);
    expect(await countIn(nested, 'b, img')).toBe(0);
    // Quotes and lists.
    expect(await row('row-quote').locator('blockquote').textContent()).toContain('row-quote quoted');
    expect(await countIn(row('row-list'), 'ul > li')).toBe(2);
    expect(await countIn(row('row-list'), 'ol > li')).toBe(2);
    // Headings and images are not allowed: shown as the text that was typed.
    await row('row-heading').getByText('# row-heading Title').waitFor();
    expect(await countIn(row('row-heading'), 'h1, h2, h3, h4, h5, h6')).toBe(0);
    await row('row-image').getByText('![alt](https://example.com/x.png)').waitFor();

    // Across every message, on both sides: no img or script element, no javascript: href, every link safe.
    for (const p of [a.page, b.page]) {
      const list = p.getByTestId('message-content');
      expect(await list.locator('img, script, iframe, h1').count()).toBe(0);
      expect(await list.locator('a[href^="javascript:" i]').count()).toBe(0);
      const rels = await list.locator('a').evaluateAll((links) => links.map((l) => l.getAttribute('rel')));
      expect(rels.length).toBeGreaterThan(0);
      for (const rel of rels) expect(rel).toContain('noopener');
    }

    // The code block is highlighted once on screen: highlight.js's classes appear.
    const js = row('row-js').getByTestId('code-block');
    await js.scrollIntoViewIfNeeded();
    await js.locator('.hljs-keyword', { hasText: 'const' }).waitFor();
    expect(await js.locator('code').textContent()).toBe('const answer = 42;');

    // Mentions keep working inside formatted text.
    const mention = row('row-mention');
    await mention.locator('strong', { hasText: 'hey' }).waitFor();
    await mention.getByTestId('mention').filter({ hasText: `@${bob.username}` }).waitFor();

    await saveScreenshot(b.page, 'chat-formatting-receiver');
    // Nothing ran: no dialog, no flag, no page error or CSP refusal.
    for (const tab of [a, b]) {
      expect(await pwned(tab.page)).toBeNull();
      expect(tab.problems).toEqual([]);
    }
    expect(watched.flatMap((w) => w.dialogs)).toEqual([]);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('suggests emoji by :shortcode:, converts complete ones, and the picker searches, reacts, remembers and shows who reacted', async () => {
    const [a, b] = await Promise.all([openTab(browser), openTab(browser)]);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    await openDm(a.page, bob);

    // ":fla" opens a listbox of matching emoji; the keyboard picks one.
    const composer = a.page.getByTestId('composer');
    await composer.click();
    await composer.pressSequentially('go :fla');
    const listbox = a.page.getByRole('listbox', { name: 'Emoji matching your shortcode' });
    await listbox.waitFor();
    const options = listbox.getByRole('option');
    expect(await options.count()).toBeGreaterThan(1);
    for (const text of await options.allTextContents()) expect(text).toContain('fla');
    await composer.press('ArrowDown');
    const second = options.nth(1);
    expect(await second.getAttribute('aria-selected')).toBe('true');
    const picked = ((await second.locator('span').first().textContent()) ?? '').trim();
    expect(picked).not.toBe('');
    await saveScreenshot(a.page, 'chat-formatting-shortcodes');
    await composer.press('Enter');
    await listbox.waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe(`go ${picked} `);

    // Escape closes the list and leaves the text; a complete :thumbsup: turns into 👍 as it is typed.
    await composer.pressSequentially(':fir');
    await listbox.waitFor();
    await composer.press('Escape');
    await listbox.waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe(`go ${picked} :fir`);
    await composer.pressSequentially('e: and :thumbsup:');
    await expect.poll(() => composer.inputValue()).toMatch(new RegExp(`^go ${picked} 🔥 and 👍\\uFE0F?$`, 'u'));
    await composer.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe('');
    // Pasted (not typed) shortcodes convert when the message is sent.
    await send(a.page, 'pasted :muscle: here');

    await b.page.getByTestId('room-link').first().click();
    await message(b.page, `go ${picked} 🔥 and 👍`).waitFor();
    await message(b.page, 'pasted 💪 here').waitFor();
    // Bob's composer has not needed the shortcode list yet: pasted and sent at once, it still converts.
    await send(b.page, 'first paste :wave:');
    await message(a.page, 'first paste 👋').waitFor();

    // Bob reacts through the full picker: search finds "flexed", a click reacts.
    const target = message(b.page, 'pasted 💪 here');
    await target.hover();
    await target.getByRole('button', { name: 'Add reaction' }).click();
    const picker = b.page.locator('emoji-picker');
    const search = picker.locator('input[type="search"]');
    await search.fill('flexed');
    const flexed = picker.getByRole('option', { name: 'flexed biceps' }).first();
    await flexed.waitFor();
    await saveScreenshot(b.page, 'chat-formatting-picker-search');
    await flexed.click();
    await picker.waitFor({ state: 'detached' });
    const chip = (page: Page): Locator => message(page, 'pasted 💪 here').locator('[data-testid="reaction"][data-emoji="💪"]');
    await chip(a.page).filter({ hasText: '1' }).waitFor();

    // Next time, the picker shows it among the recently used, and from the composer a pick inserts it.
    await b.page.getByRole('button', { name: 'Insert emoji' }).click();
    const recent = picker.getByRole('menu', { name: 'Favorites' }).getByRole('menuitem', { name: 'flexed biceps' });
    await recent.waitFor();
    await saveScreenshot(b.page, 'chat-formatting-picker-recents');
    await recent.click();
    await picker.waitFor({ state: 'detached' });
    expect(await b.page.getByTestId('composer').inputValue()).toBe('💪');

    // Hovering a reaction shows who reacted: Ada sees Bob's name, Bob sees himself as "You".
    await chip(a.page).hover();
    const tip = message(a.page, 'pasted 💪 here').getByRole('tooltip');
    await tip.filter({ hasText: `Reacted with 💪: ${bob.username}` }).waitFor({ state: 'visible' });
    await saveScreenshot(a.page, 'chat-formatting-who-reacted');
    await chip(b.page).focus();
    await message(b.page, 'pasted 💪 here').getByRole('tooltip').filter({ hasText: 'Reacted with 💪: You' }).waitFor({ state: 'visible' });
    expect(ada.username).not.toBe(bob.username);

    for (const tab of [a, b]) expect(tab.problems).toEqual([]);
    await Promise.all([a.context.close(), b.context.close()]);
  });
});
