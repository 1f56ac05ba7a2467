import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_STORAGE, type ObjectStorage } from '../../server/src/infra/storage/object-storage';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, webDistDir } from './browser.helper';
import { openTab, register, type Tab } from './chat.helper';

/** A new approved photo must reach an open wall this fast (issue 9, point 7). */
const WALL_WITHIN_MS = 2_000;

/** A party-coloured JPEG: a gradient with a few bright discs, different per seed. */
async function partyPhoto(seed: number, width = 1600, height = 1200): Promise<Buffer> {
  const hues = [seed * 47, seed * 47 + 120, seed * 47 + 240].map((h) => h % 360);
  const discs = Array.from({ length: 6 }, (_, i) => {
    const x = ((seed * 131 + i * 277) % width) | 0;
    const y = ((seed * 71 + i * 193) % height) | 0;
    return `<circle cx="${x}" cy="${y}" r="${80 + ((seed + i) % 5) * 40}" fill="hsl(${(hues[i % 3]! + 60) % 360},90%,65%)" opacity="0.7"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hues[0]},70%,35%)"/><stop offset="1" stop-color="hsl(${hues[1]},70%,20%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${discs}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** A JPEG of noise (so it does not compress to nothing): big enough for the upload bar to move. */
async function photo(seed: number, width = 1200, height = 900): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < pixels.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    pixels[i] = x >>> 24;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

async function createAlbum(page: Page, title: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Albums' }).click();
  await page.getByRole('heading', { name: 'Albums', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New album' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create album' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Event date').fill('2026-12-31');
  await dialog.getByLabel('Description').fill('New year on the roof');
  await dialog.getByRole('button', { name: 'Create album' }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  const id = /\/albums\/([^/?#]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`not on an album page: ${page.url()}`);
  return id;
}

/** Invite tab: a guest link with its QR code, and the wall link; answers both URLs. */
async function inviteLinks(page: Page): Promise<{ join: string; wall: string }> {
  await page.getByRole('navigation', { name: 'Album sections' }).getByRole('button', { name: 'Invite' }).click();
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const invite = page.getByTestId('invite').first();
  // The QR code is the server's SVG, fetched with the host's token and shown as an image.
  const qr = invite.getByRole('img', { name: 'QR code for the invite link' });
  await qr.waitFor();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const join = await invite.getByTestId('invite-link').inputValue();
  await page.getByRole('button', { name: 'Create wall link' }).click();
  const wall = await page.getByTestId('wall-link').inputValue();
  return { join, wall };
}

async function openWall(browser: Browser, url: string): Promise<Tab> {
  const wall = await openTab(browser, { width: 1280, height: 720 });
  await wall.page.goto(url);
  await wall.page.locator('[data-testid="album-wall"][data-synced="true"]').waitFor();
  return wall;
}

/** Opens the invite as a guest (no account) and joins with a name. */
async function joinAsGuest(browser: Browser, url: string, name: string): Promise<Tab> {
  const guest = await openTab(browser, { width: 390, height: 844 });
  await guest.page.goto(url);
  await guest.page.getByLabel('Your name').fill(name);
  await guest.page.getByRole('button', { name: 'Join and upload' }).click();
  await guest.page.getByRole('button', { name: 'Choose photos' }).waitFor();
  return guest;
}

/** Every value the upload bars took, recorded in the page as React writes them. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        if (target instanceof HTMLProgressElement) seen.push(target.value);
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['value'] });
  });
}

const progressSeen = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);

async function upload(page: Page, files: Array<{ name: string; buffer: Buffer }>): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'image/jpeg', buffer: f.buffer })));
}

const tiles = (page: Page) => page.getByTestId('photo-grid').getByTestId('photo-tile');
const wallPhotoIds = (page: Page): Promise<string[]> =>
  page.getByTestId('wall-photo').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-photo-id') ?? ''));

describe('party albums in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let storage: ObjectStorage;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ WEB_DIST_DIR: webDistDir, RATE_LIMIT_GUEST_JOINS_PER_IP: '1000', RATE_LIMIT_ALBUM_UPLOADS_PER_GUEST: '1000' }),
      launchChromium(),
    ]);
    storage = server.server.app.get<ObjectStorage>(OBJECT_STORAGE);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('a host makes an album and a QR invite; a guest in another browser uploads with visible progress; the photo appears on the open wall', async () => {
    const host = await openTab(browser);
    await register(host.page, server.url, 'host');
    await createAlbum(host.page, 'Rooftop New Year');
    const links = await inviteLinks(host.page);
    expect(links.join).toMatch(/\/join#[A-Za-z0-9_-]{43}$/);
    await saveScreenshot(host.page, 'albums-invite-qr');

    const wall = await openWall(browser, links.wall);
    await wall.page.getByText('Waiting for the first photo…').waitFor();

    const guest = await joinAsGuest(browser, links.join, 'Greta');
    await guest.page.getByRole('heading', { name: 'Hi Greta! Add your photos to Rooftop New Year.' }).waitFor();
    await recordProgress(guest.page);
    await upload(guest.page, [{ name: 'fireworks.jpg', buffer: await photo(1, 2400, 1600) }]);

    const item = guest.page.getByTestId('upload-item').filter({ hasText: 'fireworks.jpg' });
    await item.waitFor();
    await item.getByRole('progressbar', { name: 'Upload of fireworks.jpg' }).waitFor();
    await guest.page.getByRole('progressbar', { name: 'Overall' }).waitFor();
    await item.and(guest.page.locator('[data-status="done"]')).waitFor({ timeout: 20_000 });
    await item.getByText('Uploaded').waitFor();
    expect(await item.getByRole('progressbar').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(100);
    await guest.page.getByText('1 of 1 files uploaded').waitFor();
    // The bar moved on the way (not only a jump to the end after the fact).
    expect((await progressSeen(guest.page)).some((value) => value > 0 && value <= 100)).toBe(true);
    await saveScreenshot(guest.page, 'albums-guest-uploaded-phone');

    // Processed and (approval off) visible: the guest's grid shows it approved, the wall right after.
    const tile = tiles(guest.page).first();
    await tile.and(guest.page.locator('[data-status="approved"]')).waitFor({ timeout: 30_000 });
    const photoId = (await tile.getAttribute('data-photo-id')) ?? '';
    await wall.page.locator(`[data-testid="wall-current"][data-photo-id="${photoId}"]`).waitFor({ timeout: WALL_WITHIN_MS });
    await wall.page.getByTestId('wall-count').filter({ hasText: '1 photo' }).waitFor();
    await expect.poll(() => wall.page.locator('[data-testid="wall-current"] img').last().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await saveScreenshot(wall.page, 'albums-wall');

    // The host sees it in the album's grid too, and opens the lightbox.
    await host.page.getByRole('navigation', { name: 'Album sections' }).getByRole('button', { name: 'Photos' }).click();
    await host.page.locator(`[data-testid="photo-tile"][data-photo-id="${photoId}"]`).waitFor();
    await host.page.getByRole('button', { name: 'Open photo 1' }).click();
    await host.page.getByTestId('lightbox-image').waitFor();
    // A heart from the host, counted once.
    await host.page.getByTestId('lightbox').getByRole('button', { name: 'Heart' }).click();
    await host.page.getByTestId('lightbox').getByRole('button', { name: 'Remove heart', pressed: true }).getByText('1').waitFor();
    await saveScreenshot(host.page, 'albums-lightbox');
    await host.page.keyboard.press('Escape');
    await host.page.getByTestId('lightbox').waitFor({ state: 'detached' });
    // After a reload the lightbox knows the heart from the photo list (`hearted`), not only from the click.
    await host.page.reload();
    await host.page.getByRole('button', { name: 'Open photo 1' }).click();
    await host.page.getByTestId('lightbox').getByRole('button', { name: 'Remove heart', pressed: true }).getByText('1').waitFor();
    await host.page.keyboard.press('Escape');
    await host.page.getByTestId('lightbox').waitFor({ state: 'detached' });
    // The whole album as a ZIP, streamed by the server and saved by the browser straight from a signed
    // download link (not fetched into a blob: URL by the page first, which would hold it all in memory).
    const [download] = await Promise.all([host.page.waitForEvent('download'), host.page.getByRole('button', { name: 'Download all (ZIP)' }).click()]);
    expect(download.suggestedFilename()).toBe('Rooftop New Year.zip');
    expect(download.url()).toMatch(new RegExp(`^${server.url}/api/albums/[0-9a-f-]{36}/download-links/zip\\?.*sig=`));
    const zip = await readFile((await download.path())!);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    // The host's album on a phone.
    await host.page.setViewportSize({ width: 390, height: 844 });
    await host.page.getByRole('button', { name: 'Open photo 1' }).waitFor();
    await saveScreenshot(host.page, 'albums-host-phone');
    await host.page.setViewportSize({ width: 1280, height: 800 });

    // The wall loses its connection; a photo arrives meanwhile; back online it catches up by its cursor.
    await wall.context.setOffline(true);
    await wall.page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor();
    await upload(guest.page, [{ name: 'midnight.jpg', buffer: await partyPhoto(7) }]);
    await guest.page.locator('[data-testid="photo-tile"][data-status="approved"]').nth(1).waitFor({ timeout: 30_000 });
    expect(await wall.page.getByTestId('wall-photo').count()).toBe(1);
    await wall.context.setOffline(false);
    await wall.page.getByTestId('wall-count').filter({ hasText: '2 photos' }).waitFor();
    await wall.page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ state: 'detached' });

    for (const tab of [host, wall, guest]) expect(tab.problems).toEqual([]);
    await Promise.all([host.context.close(), wall.context.close(), guest.context.close()]);
  });

  it('guest flow: link → name → 3 photos → processed → on the wall within 2 s → the guest deletes one → gone from grid, wall and storage', async () => {
    const host = await openTab(browser);
    await register(host.page, server.url, 'hostb');
    const albumId = await createAlbum(host.page, 'Garden Wedding');
    const links = await inviteLinks(host.page);
    const wall = await openWall(browser, links.wall);

    const guest = await joinAsGuest(browser, links.join, 'Otto');
    await upload(guest.page, await Promise.all([1, 2, 3].map(async (n) => ({ name: `guest-${n}.jpg`, buffer: await partyPhoto(n) }))));
    await guest.page.getByText('3 of 3 files uploaded').waitFor({ timeout: 30_000 });

    // All three processed and approved in the guest's grid; each is on the wall within 2 s of that.
    await expect.poll(() => guest.page.locator('[data-testid="photo-tile"][data-status="approved"]').count(), { timeout: 30_000 }).toBe(3);
    const ids = await tiles(guest.page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-photo-id') ?? ''));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) await wall.page.locator(`[data-testid="wall-photo"][data-photo-id="${id}"]`).waitFor({ timeout: WALL_WITHIN_MS });
    await wall.page.getByTestId('wall-count').filter({ hasText: '3 photos' }).waitFor();
    await saveScreenshot(guest.page, 'albums-guest-three-phone');
    await saveScreenshot(wall.page, 'albums-wall-three');

    // Each photo's files are in storage, under the album and the photo.
    const victim = ids[0]!;
    const keysOf = async (photoId: string) => (await storage.list(`albums/${albumId}/${photoId}/`)).keys;
    expect((await keysOf(victim)).length).toBeGreaterThan(0);
    const thumbUrl = await guest.page.locator(`[data-testid="photo-tile"][data-photo-id="${victim}"] img`).getAttribute('src');
    expect(thumbUrl).toBeTruthy();

    // The guest deletes their own photo from the lightbox.
    // The lightbox walks the album with the keyboard, then the guest deletes their own photo from it.
    await guest.page.getByRole('button', { name: 'Open photo 2' }).click();
    await guest.page.getByRole('dialog', { name: 'Photo 2 of 3' }).waitFor();
    await guest.page.keyboard.press('ArrowRight');
    await guest.page.getByRole('dialog', { name: 'Photo 3 of 3' }).waitFor();
    await guest.page.keyboard.press('ArrowLeft');
    await guest.page.keyboard.press('ArrowLeft');
    await guest.page.getByRole('dialog', { name: 'Photo 1 of 3' }).waitFor();
    expect(await guest.page.getByTestId('lightbox').getAttribute('aria-label')).toBe(`Photo ${ids.indexOf(victim) + 1} of 3`);
    guest.page.once('dialog', (dialog) => void dialog.accept());
    await guest.page.getByTestId('lightbox').getByRole('button', { name: 'Delete photo' }).click();
    await guest.page.getByTestId('lightbox').waitFor({ state: 'detached' });

    await guest.page.locator(`[data-testid="photo-tile"][data-photo-id="${victim}"]`).waitFor({ state: 'detached' });
    await expect.poll(() => tiles(guest.page).count()).toBe(2);
    await wall.page.locator(`[data-testid="wall-photo"][data-photo-id="${victim}"]`).waitFor({ state: 'detached', timeout: WALL_WITHIN_MS });
    expect((await wallPhotoIds(wall.page)).sort()).toEqual(ids.slice(1).sort());
    await wall.page.getByTestId('wall-count').filter({ hasText: '2 photos' }).waitFor();
    // The host's grid, after a reload, no longer has it either.
    await host.page.getByRole('navigation', { name: 'Album sections' }).getByRole('button', { name: 'Photos' }).click();
    await expect.poll(() => tiles(host.page).count()).toBe(2);
    expect(await host.page.locator(`[data-testid="photo-tile"][data-photo-id="${victim}"]`).count()).toBe(0);

    // And from storage: no object left under the photo's prefix; its old thumbnail URL answers nothing.
    await expect.poll(() => keysOf(victim), { timeout: 10_000 }).toEqual([]);
    const old = await fetch(new URL(thumbUrl!, server.url));
    expect(old.ok).toBe(false);
    for (const other of ids.slice(1)) expect((await keysOf(other)).length).toBeGreaterThan(0);
    await saveScreenshot(guest.page, 'albums-guest-after-delete-phone');

    for (const tab of [host, wall, guest]) expect(tab.problems).toEqual([]);
    await Promise.all([host.context.close(), wall.context.close(), guest.context.close()]);
  });
  it('with approval on, a guest photo waits in the host queue and reaches the wall only once approved', async () => {
    const host = await openTab(browser);
    await register(host.page, server.url, 'hostc');
    await createAlbum(host.page, 'Office Party');
    const sections = host.page.getByRole('navigation', { name: 'Album sections' });
    await sections.getByRole('button', { name: 'Settings' }).click();
    await host.page.getByRole('switch', { name: 'Hosts approve photos before others see them' }).check();
    await host.page.getByRole('button', { name: 'Save' }).click();
    await host.page.getByText('Saved.').waitFor();
    const links = await inviteLinks(host.page);
    const wall = await openWall(browser, links.wall);

    const guest = await joinAsGuest(browser, links.join, 'Ines');
    await upload(guest.page, [
      { name: 'cake.jpg', buffer: await partyPhoto(21) },
      { name: 'dance.jpg', buffer: await partyPhoto(22) },
    ]);
    await guest.page.locator('[data-testid="photo-tile"][data-status="awaiting_approval"]').nth(1).waitFor({ timeout: 30_000 });

    await sections.getByRole('button', { name: 'Approval' }).click();
    const queued = host.page.getByTestId('moderation-queue').getByTestId('queued-photo');
    await expect.poll(() => queued.count(), { timeout: 15_000 }).toBe(2);
    expect(await wall.page.getByTestId('wall-photo').count()).toBe(0);
    await saveScreenshot(host.page, 'albums-approval-queue');

    // One rejected, one approved: only the approved one reaches the wall.
    await queued.first().getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => queued.count()).toBe(1);
    await queued.first().getByRole('button', { name: 'Approve' }).click();
    await host.page.getByText('Nothing waiting. New photos appear here when approval is on.').waitFor();
    await wall.page.getByTestId('wall-photo').first().waitFor({ timeout: WALL_WITHIN_MS });
    await wall.page.getByTestId('wall-count').filter({ hasText: '1 photo' }).waitFor();
    await expect.poll(() => guest.page.locator('[data-testid="photo-tile"]').count(), { timeout: 10_000 }).toBe(1);

    for (const tab of [host, wall, guest]) expect(tab.problems).toEqual([]);
    await Promise.all([host.context.close(), wall.context.close(), guest.context.close()]);
  });
});
