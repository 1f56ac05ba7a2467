import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { message, messages, openDm, openTab, outboxOf, register, roomLink, type Tab } from './chat.helper';

/** Screenshots the lead asked for, next to the CI artifacts. */
const SHOTS = '/tmp/att-shots';

/** A real PNG (a gradient with a disc), different per seed. */
function png(seed: number, width = 640, height = 480): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${seed * 67},70%,45%)"/><stop offset="1" stop-color="hsl(${seed * 67 + 140},70%,25%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="hsl(${seed * 67 + 60},90%,65%)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A small valid PDF: one empty page, a correct xref table. */
function pdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = `%PDF-1.4\n% ${text}\n`;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const attachInput = (page: Page): Locator => page.getByTestId('attach-input');
const pendingChips = (page: Page): Locator => page.getByTestId('pending-file');

/** Whether an <img> has really painted (decoded, with pixels), not only been put in the page. */
const painted = (image: Locator): Promise<boolean> => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  if (target) await target.screenshot({ path: `${SHOTS}/${name}.png` });
  else await page.screenshot({ path: `${SHOTS}/${name}.png` });
  await saveScreenshot(page, `chat-attachments-${name}`);
}

/** Two people in a DM, both with it open. */
async function pair(browser: Browser, server: TestServer, width = 1280): Promise<{ a: Tab; b: Tab }> {
  const a = await openTab(browser, { width });
  const b = await openTab(browser);
  const ada = await register(a.page, server.url, 'ada');
  const bob = await register(b.page, server.url, 'bob');
  // A phone's home page has no sidebar: the conversations are one tap away.
  if (width < 768) await a.page.getByRole('link', { name: 'Chats' }).click();
  await openDm(a.page, bob);
  await roomLink(b.page, ada.username).waitFor();
  await roomLink(b.page, ada.username).click();
  await b.page.getByTestId('composer').waitFor();
  return { a, b };
}

/** The attachment blobs the outbox keeps in IndexedDB for this page's origin. */
const storedFileCount = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('discordgym.outbox-files');
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('files')) return resolve(0);
          const count = db.transaction('files').objectStore('files').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
        request.onerror = () => resolve(-1);
      }),
  );

describe('chat attachments in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('an image and a PDF: the other member sees the image live, opens it in the lightbox and downloads the PDF', async () => {
    const { a, b } = await pair(browser, server);
    const image = await png(1);
    const plan = pdf('Leg day plan');

    await attachInput(a.page).setInputFiles([
      { name: 'squat-form.png', mimeType: 'image/png', buffer: image },
      { name: 'leg-day.pdf', mimeType: 'application/pdf', buffer: plan },
    ]);
    await expect.poll(() => pendingChips(a.page).count()).toBe(2);
    // The image's chip shows the local copy; the PDF's its size.
    expect(await painted(pendingChips(a.page).first().getByTestId('pending-file-thumb'))).toBe(true);
    await pendingChips(a.page).filter({ hasText: 'leg-day.pdf' }).getByText(/^\d+ B$/).waitFor();
    await a.page.getByTestId('file-limits').getByText('Up to 10 files per message, 16 MB each').waitFor();
    await a.page.getByTestId('composer').fill('Form check please');
    await shot(a.page, 'composer-pending-files', a.page.getByTestId('pending-files-area').locator('xpath=..'));
    await a.page.getByTestId('composer').press('Enter');
    await expect.poll(() => pendingChips(a.page).count()).toBe(0);

    // Sent: the sender's copy turns into the server's (data-status sent), with the image from its thumbnail.
    const mine = message(a.page, 'Form check please');
    await mine.and(a.page.locator('[data-status="sent"]')).waitFor({ timeout: 20_000 });

    const theirs = message(b.page, 'Form check please');
    const thumb = theirs.getByTestId('attachment-thumb');
    await thumb.waitFor({ timeout: 20_000 });
    await expect.poll(() => painted(thumb), { timeout: 10_000 }).toBe(true);
    const chip = theirs.getByTestId('attachment-file');
    await chip.getByText('leg-day.pdf').waitFor();
    await chip.getByText(/^\d+(\.\d)? (B|KB)$/).waitFor();
    await shot(b.page, 'message-image-and-pdf', theirs);

    // The PDF downloads, byte for byte.
    const [download] = await Promise.all([b.page.waitForEvent('download'), chip.getByRole('link', { name: 'Download leg-day.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('leg-day.pdf');
    expect(Buffer.compare(await readFile(await download.path()), plan)).toBe(0);

    // The lightbox: opens on click with the preview, closes with Esc, and focus returns to the image.
    await theirs.getByRole('button', { name: 'Open image squat-form.png' }).click();
    const lightbox = b.page.getByRole('dialog', { name: 'Image 1 of 1' });
    await lightbox.waitFor();
    await expect.poll(() => painted(lightbox.getByTestId('lightbox-image'))).toBe(true);
    await lightbox.getByRole('link', { name: 'Download' }).waitFor();
    await b.page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'detached' });
    expect(await b.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Open image squat-form.png');

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });

  it('a file disguised as an image shows as a file, never as a broken picture, and is refused by name', async () => {
    const { a, b } = await pair(browser, server);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    await attachInput(a.page).setInputFiles([{ name: 'cute.png', mimeType: 'image/png', buffer: svg }]);
    const chip = pendingChips(a.page).filter({ hasText: 'cute.png' });
    await chip.waitFor();
    // The browser could not decode it: the chip falls back to the file glyph.
    await expect.poll(() => chip.getByTestId('pending-file-thumb').count()).toBe(0);
    await a.page.getByTestId('composer').fill('this one is a trick');
    await a.page.getByTestId('composer').press('Enter');

    const mine = message(a.page, 'this one is a trick');
    await mine.getByText('cute.png is not a file type that can be sent').waitFor({ timeout: 20_000 });
    expect(await mine.getByTestId('attachment-local').count()).toBe(0);
    await mine.getByTestId('attachment-file').getByText('cute.png').waitFor();
    await shot(a.page, 'disguised-refused', mine);
    // Nothing reached the other side.
    expect(await message(b.page, 'this one is a trick').count()).toBe(0);

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });

  it('a paste and a drop attach files; a message of images only is sent, shown in a grid with a lightbox that steps through them, and previewed as a photo', async () => {
    const { a, b } = await pair(browser, server, 390);
    const [one, two] = await Promise.all([png(2), png(3, 300, 600)]);

    // Pasted into the composer: a screenshot as the clipboard carries it.
    await a.page.getByTestId('composer').evaluate((field, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
      field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [...one]);
    await expect.poll(() => pendingChips(a.page).count()).toBe(1);
    // Dropped onto the conversation.
    await a.page.getByTestId('room-drop-zone').evaluate((zone, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [...two]);
    await expect.poll(() => pendingChips(a.page).count()).toBe(2);
    await a.page.getByTestId('drop-overlay').waitFor({ state: 'detached' });

    // A file over the limit is refused by name; removing a chip takes it off.
    await attachInput(a.page).setInputFiles([{ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(16 * 1024 * 1024 + 1) }]);
    await a.page.getByTestId('file-notice').getByText('huge.bin is larger than 16 MB and cannot be sent.').waitFor();
    expect(await pendingChips(a.page).count()).toBe(2);
    await a.page.getByRole('button', { name: 'Dismiss' }).click();
    await attachInput(a.page).setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('3x5 squats') }]);
    await expect.poll(() => pendingChips(a.page).count()).toBe(3);
    await a.page.getByRole('button', { name: 'Remove notes.txt' }).click();
    await expect.poll(() => pendingChips(a.page).count()).toBe(2);
    await shot(a.page, 'composer-390px');

    // No text: the send button is enabled by the files alone.
    await a.page.getByRole('button', { name: 'Send' }).click();
    const before = await messages(b.page).count();
    await expect.poll(() => messages(b.page).count(), { timeout: 20_000 }).toBe(before + 1);
    const theirs = messages(b.page).last();
    const thumbs = theirs.getByTestId('attachment-thumb');
    await expect.poll(() => thumbs.count(), { timeout: 20_000 }).toBe(2);
    await theirs.getByTestId('attachment-grid').waitFor();
    for (const i of [0, 1]) await expect.poll(() => painted(thumbs.nth(i)), { timeout: 10_000 }).toBe(true);

    await theirs.getByRole('button', { name: 'Open image pasted.png' }).click();
    const lightbox = b.page.getByTestId('attachment-lightbox');
    await lightbox.getByRole('button', { name: 'Next image' }).click();
    await b.page.getByRole('dialog', { name: 'Image 2 of 2' }).waitFor();
    await b.page.keyboard.press('ArrowLeft');
    await b.page.getByRole('dialog', { name: 'Image 1 of 2' }).waitFor();
    await lightbox.getByRole('button', { name: 'Close image' }).click();
    await lightbox.waitFor({ state: 'detached' });

    // The room list says what it is.
    await b.page.getByTestId('room-link').filter({ hasText: '📷 2 photos' }).waitFor();

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });

  it('offline: a message with an image waits with its local picture, survives a reload, and arrives once with its image when the connection is back', async () => {
    const { a, b } = await pair(browser, server);
    const text = 'Progress pic, written offline';

    // The app shell's service worker lets the page reload while offline.
    await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await a.context.setOffline(true);
    await a.page.getByTestId('connection-banner').getByText('You are offline.').waitFor();

    await attachInput(a.page).setInputFiles([{ name: 'progress.png', mimeType: 'image/png', buffer: await png(4) }]);
    await expect.poll(() => pendingChips(a.page).count()).toBe(1);
    await a.page.getByTestId('composer').fill(text);
    await a.page.getByTestId('composer').press('Enter');

    const pending = message(a.page, text).and(a.page.locator('[data-status="pending"]'));
    await pending.waitFor();
    await pending.getByText('Waiting for a connection…').waitFor();
    await expect.poll(() => painted(pending.getByTestId('attachment-local'))).toBe(true);
    expect((await outboxOf(a.page)).length).toBe(1);
    expect(await storedFileCount(a.page)).toBe(1);
    await shot(a.page, 'offline-pending');

    // A reload while offline: still pending, the picture read back from IndexedDB.
    await a.page.reload();
    const reloaded = message(a.page, text).and(a.page.locator('[data-status="pending"]'));
    await reloaded.waitFor();
    await expect.poll(() => painted(reloaded.getByTestId('attachment-local'))).toBe(true);
    await b.page.waitForTimeout(500);
    expect(await message(b.page, text).count()).toBe(0);

    await a.context.setOffline(false);
    const theirs = message(b.page, text);
    await theirs.waitFor({ timeout: 30_000 });
    await expect.poll(() => painted(theirs.getByTestId('attachment-thumb')), { timeout: 15_000 }).toBe(true);
    await message(a.page, text).and(a.page.locator('[data-status="sent"]')).waitFor({ timeout: 20_000 });
    // Give a duplicate (a second flush, a replay) time to show up before counting.
    await b.page.waitForTimeout(1_500);
    expect(await message(b.page, text).count()).toBe(1);
    expect(await message(a.page, text).count()).toBe(1);
    expect(await outboxOf(a.page)).toEqual([]);
    // Sent: the kept bytes are gone from IndexedDB.
    await expect.poll(() => storedFileCount(a.page)).toBe(0);

    // And the server holds it once, with its image, after a fresh load.
    await b.page.reload();
    const fresh = message(b.page, text);
    await fresh.waitFor();
    expect(await fresh.count()).toBe(1);
    await expect.poll(() => painted(fresh.getByTestId('attachment-thumb')), { timeout: 10_000 }).toBe(true);

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });
});
