import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness';
import { launchChromium, saveScreenshot, uniqueName, webDistDir } from './browser.helper';
import { openTab, PASSWORD, type Person, register, roomLink } from './chat.helper';

const BENCH = 'Bench Press (Barbell)';

/** A signed-in API client for checking what the server holds (outside the browser, so never offline). */
async function apiAs(baseUrl: string, person: Person) {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: person.email, password: PASSWORD }) });
  expect(login.status).toBe(200);
  const { token, user } = (await login.json()) as { token: string; user: { id: string } };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  return { id: user.id, call };
}

interface ServerWorkout {
  id: string;
  finished_at: string | null;
  exercises: Array<{ exercise: { name_en: string }; sets: Array<{ client_id: string; weight: number | null; weight_unit: string | null; reps: number | null; done: boolean }> }>;
}

const openWorkouts = async (page: Page): Promise<void> => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workouts' }).click();
  await page.getByRole('heading', { name: 'Workouts', level: 1 }).waitFor();
};

const setField = (page: Page, field: 'Weight (kg)' | 'Reps', n: number) => page.getByLabel(`${field}, Set ${n}`, { exact: true });

async function logSet(page: Page, n: number, weight: string, reps: string): Promise<void> {
  await setField(page, 'Weight (kg)', n).fill(weight);
  await setField(page, 'Reps', n).fill(reps);
  await page.getByLabel(`Set ${n} of ${BENCH} done`).check();
}

const syncState = (page: Page) => page.getByTestId('workout-sync');

describe('workouts in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ WEB_DIST_DIR: webDistDir }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  });

  it('offline mid-workout: 10 sets logged, a reload while still offline, back online: the server has each set once', async () => {
    const a = await openTab(browser, { width: 390, height: 844 });
    const ada = await register(a.page, server.url, 'ada');
    // Signed in, the app installs its service worker with the app shell; a page it controls can start offline.
    // (The worker controls the page only once it is active, which is after its precache is complete.)
    await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // Installable: Chromium finds the web app manifest with its name, icons, start URL and display mode.
    const cdp = await a.context.newCDPSession(a.page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // A Playwright context is an incognito profile, where Chromium installs nothing; that is the only objection allowed.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    const { url: manifestUrl, errors: manifestErrors } = await cdp.send('Page.getAppManifest');
    expect(new URL(manifestUrl).pathname).toBe('/manifest.webmanifest');
    expect(manifestErrors).toEqual([]);
    await cdp.detach();
    await openWorkouts(a.page);
    await a.page.getByRole('button', { name: 'Start an empty workout' }).click();
    await a.page.getByRole('button', { name: '+ Add exercise' }).click();
    const picker = a.page.getByRole('dialog', { name: 'Add exercise' });
    await picker.getByLabel('Search exercises').fill('bench press barbell');
    await picker.getByRole('button', { name: `Add ${BENCH}` }).click();
    await a.page.getByTestId('exercise-block').filter({ hasText: BENCH }).waitFor();
    // Online, the workout reaches the server first.
    await syncState(a.page).getByText('All changes saved.').waitFor();

    await a.context.setOffline(true);
    await syncState(a.page).and(a.page.locator('[data-offline="true"]')).waitFor();
    for (let n = 1; n <= 10; n++) {
      if (n > 1) await a.page.getByRole('button', { name: '+ Add set' }).click();
      await logSet(a.page, n, String(60 + n * 2.5), '5');
    }
    await a.page.getByTestId('rest-timer').waitFor();
    await saveScreenshot(a.page, 'workouts-offline-logging');
    // Every set is on the device, and none of them on the server yet.
    const api = await apiAs(server.url, ada);
    const listed = await api.call<{ items: Array<{ id: string }> }>('GET', '/api/workouts');
    expect(listed.items).toHaveLength(1);
    const doneOnServer = async (): Promise<number> =>
      (await api.call<ServerWorkout>('GET', `/api/workouts/${listed.items[0]!.id}`)).exercises.flatMap((e) => e.sets).filter((s) => s.done).length;
    expect(await doneOnServer()).toBe(0);

    // The service worker is offline too (Chromium applies setOffline to it), so the reload
    // below is answered from its cache and not by the server behind it.
    const worker = a.context.serviceWorkers()[0];
    expect(worker).toBeDefined();
    expect(await worker!.evaluate(() => fetch('/favicon.svg', { cache: 'no-store' }).then(() => 'online', () => 'offline'))).toBe('offline');

    // Reloaded while still offline: the cached shell opens signed in as the last user, with the
    // live workout and its queued changes from the device, and says it is offline.
    await a.page.reload();
    await a.page.getByTestId('exercise-block').filter({ hasText: BENCH }).waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
      await saveScreenshot(a.page, 'workouts-offline-reload-failed');
      throw error;
    });
    expect(new URL(a.page.url()).pathname).toBe('/workouts/log');
    expect(await a.page.getByTestId('set-row').and(a.page.locator('[data-done="true"]')).count()).toBe(10);
    expect(await setField(a.page, 'Weight (kg)', 10).inputValue()).toBe('85');
    await syncState(a.page).and(a.page.locator('[data-offline="true"]')).waitFor();
    await a.page.getByTestId('connection-banner').getByText('You are offline.').waitFor();
    await saveScreenshot(a.page, 'workouts-offline-reloaded-offline');
    // One shell cache, this build's, with the page the reload got.
    expect(
      await a.page.evaluate(async () => {
        const shells = (await caches.keys()).filter((name) => name.startsWith('discordgym-shell-'));
        return { shells: shells.length, index: Boolean(await caches.match('/index.html', { cacheName: shells[0] })) };
      }),
    ).toEqual({ shells: 1, index: true });
    expect(await doneOnServer()).toBe(0);

    // Back online: a fresh token through the cookie, then the outbox goes out.
    await a.context.setOffline(false);
    await syncState(a.page).getByText('All changes saved.').waitFor({ timeout: 20_000 });
    await a.page.getByTestId('connection-banner').getByText('You are offline.').waitFor({ state: 'detached' });
    // Time for a duplicate (a replay, a second flush) to land before counting.
    await a.page.waitForTimeout(1_000);

    const after = await api.call<ServerWorkout>('GET', `/api/workouts/${listed.items[0]!.id}`);
    const sets = after.exercises.flatMap((e) => e.sets);
    expect(sets).toHaveLength(10);
    expect(new Set(sets.map((s) => s.client_id)).size).toBe(10);
    expect(sets.map((s) => [s.weight, s.reps, s.done])).toEqual(Array.from({ length: 10 }, (_, i) => [60 + (i + 1) * 2.5, 5, true]));
    expect((await api.call<{ items: unknown[] }>('GET', '/api/workouts')).items).toHaveLength(1);

    // Finishing goes through once as well.
    await a.page.getByRole('button', { name: 'Finish' }).click();
    await a.page.getByTestId('workout-summary').getByText('10', { exact: true }).waitFor();
    await a.page.getByRole('heading', { name: 'Personal records' }).waitFor();
    await saveScreenshot(a.page, 'workouts-offline-finished-phone');
    const finished = await api.call<ServerWorkout>('GET', `/api/workouts/${listed.items[0]!.id}`);
    expect(finished.finished_at).not.toBeNull();
    expect(await a.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('discordgym.workout-outbox.')).map((k) => localStorage.getItem(k)))).toEqual([]);
    expect(a.problems).toEqual([]);
    await a.context.close();
  });

  it('from a routine with the rest timer to the PR summary, shared into a group where a friend gives kudos', async () => {
    const a = await openTab(browser);
    const b = await openTab(browser);
    const ada = await register(a.page, server.url, 'ada');
    const bob = await register(b.page, server.url, 'bob');
    const adaApi = await apiAs(server.url, ada);
    const bobApi = await apiAs(server.url, bob);
    // Friends, and a group they share.
    await adaApi.call('POST', '/api/friends/requests', { handle: bob.handle });
    await bobApi.call('POST', '/api/friends/requests', { handle: ada.handle });
    const group = uniqueName('Iron Crew').replace(/_/g, ' ');
    await adaApi.call('POST', '/api/chatrooms', { name: group, participant_ids: [bobApi.id], is_group: true });
    // Last week's workout (80 kg × 5) and a routine made from it.
    const bench = (await adaApi.call<{ items: Array<{ id: string; slug: string | null }> }>('GET', `/api/exercises?q=${encodeURIComponent('Bench Press')}`)).items.find(
      (e) => e.slug === 'bench-press-barbell',
    )!;
    const started = new Date(Date.now() - 7 * 86_400_000);
    const past = await adaApi.call<{ id: string }>('POST', '/api/workouts', {
      client_id: uniqueName('past').replace(/\./g, '_'),
      title: 'Push day',
      started_at: started.toISOString(),
      ended_at: new Date(started.getTime() + 3_600_000).toISOString(),
      finish: true,
      exercises: [
        {
          client_id: 'bench-1-xyz',
          exercise_id: bench.id,
          rest_seconds: 60,
          sets: [
            { client_id: 'set-1-xyzw', weight: 80, weight_unit: 'kg', reps: 5, done: true },
            { client_id: 'set-2-xyzw', weight: 80, weight_unit: 'kg', reps: 5, done: true },
          ],
        },
      ],
    });
    await adaApi.call('POST', '/api/routines', { from_workout_id: past.id, title: 'Push A' });

    // Bob keeps the group open; Ada starts the routine.
    await b.page.reload();
    await roomLink(b.page, group).click();
    await openWorkouts(a.page);
    await a.page.getByRole('button', { name: 'Start Push A' }).click();
    const block = a.page.getByTestId('exercise-block').filter({ hasText: BENCH });
    await block.waitFor();
    // "previous: 80 kg × 5", one tap copies it into the set.
    await block.getByTestId('set-previous').first().getByText('80 kg × 5').waitFor();
    await block.getByTestId('set-previous').first().click();
    expect(await setField(a.page, 'Weight (kg)', 1).inputValue()).toBe('80');
    await setField(a.page, 'Weight (kg)', 1).fill('85');
    await a.page.getByLabel(`Set 1 of ${BENCH} done`).check();
    // Ticking a set starts the exercise's rest timer.
    const timer = a.page.getByTestId('rest-timer');
    await timer.getByText(/Rest \d:\d\d/).waitFor();
    await saveScreenshot(a.page, 'workouts-rest-timer');
    await timer.getByRole('button', { name: 'Skip rest' }).click();
    await timer.waitFor({ state: 'detached' });
    await logSet(a.page, 2, '82.5', '6');
    await timer.waitFor();
    await syncState(a.page).getByText('All changes saved.').waitFor();

    await a.page.getByRole('button', { name: 'Finish' }).click();
    await a.page.getByRole('heading', { name: 'Workout complete' }).waitFor();
    const prs = a.page.getByTestId('pr-list');
    await prs.getByTestId('pr').filter({ hasText: 'Heaviest weight' }).filter({ hasText: '85 kg' }).waitFor();
    await saveScreenshot(a.page, 'workouts-summary');

    // Ada shares the card into the group; Bob sees it live and gives kudos from the card.
    await a.page.getByRole('button', { name: 'Share to chat' }).click();
    const share = a.page.getByRole('dialog', { name: 'Share workout' });
    await share.getByRole('button', { name: `Share to ${group}` }).click();
    await share.getByText(`Shared to ${group}.`).waitFor();
    await share.getByRole('button', { name: 'Close' }).click();
    const card = b.page.getByTestId('workout-card').filter({ hasText: 'Push A' });
    await card.waitFor();
    await card.getByTestId('workout-card-prs').getByText(/85 kg/).first().waitFor();
    // Ada watches her feed while Bob reacts.
    await a.page.getByRole('navigation', { name: 'Workouts' }).getByRole('link', { name: 'Feed' }).click();
    const adaItem = a.page.getByTestId('feed-item').filter({ hasText: 'Push A' });
    await adaItem.getByText('0 kudos').waitFor();

    await card.getByRole('button', { name: 'Give kudos' }).click();
    await card.getByRole('button', { name: /Kudos given/ }).waitFor();
    await saveScreenshot(b.page, 'workouts-card-in-chat');

    await adaItem.getByText('1 kudos').waitFor();
    await saveScreenshot(a.page, 'workouts-feed-kudos');
    // Units: lb shows the kg entry converted once; back in kg it reads exactly as typed.
    const tabs = a.page.getByRole('navigation', { name: 'Workouts' });
    await tabs.getByRole('link', { name: 'Settings' }).click();
    await a.page.getByLabel('Weight unit').selectOption('lb');
    await a.page.getByText('Settings saved.').waitFor();
    await tabs.getByRole('link', { name: 'History' }).click();
    await a.page.getByTestId('workout-entry').filter({ hasText: 'Push A' }).click();
    await a.page.getByTestId('detail-set').first().getByText('187.39 lb').waitFor();
    await tabs.getByRole('link', { name: 'Settings' }).click();
    await a.page.getByLabel('Weight unit').selectOption('kg');
    await a.page.getByText('Settings saved.').waitFor();
    await a.page.goBack();
    await a.page.getByTestId('detail-set').first().getByText('85 kg').waitFor();
    // Records and charts (chart.js, loaded with the page).
    await tabs.getByRole('link', { name: 'Stats' }).click();
    await a.page.getByTestId('streak').getByText('Streak: 2 weeks').waitFor(); // this week and last week's workout
    await a.page.getByTestId('records').getByText('Heaviest weight').waitFor();
    expect(await a.page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
    await saveScreenshot(a.page, 'workouts-stats');
    // The same pages on a phone.
    await a.page.setViewportSize({ width: 360, height: 740 });
    await openWorkouts(a.page);
    await saveScreenshot(a.page, 'workouts-home-phone');

    for (const tab of [a, b]) {
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    }
  });
});
