import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type RouteContract, type RouteName, routes } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALBUM_ACTORS,
  albumRowCounts,
  type AlbumUsers,
  albumUsers,
  type AlbumWorld,
  albumWorld,
  type AuthorizationCase,
  type AuthorizationCases,
  settleAlbumEvents,
} from '../../../test/album-fixtures';
import { ApiClient } from '../../../test/api-client';
import { CHAT_TEST_ENV } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { startTestServer, type TestServer } from '../../../test/harness';

/**
 * Issue 9, acceptance: the authorization matrix. Every route under /api/albums and
 * /api/guest, whoever adds it, against guests of album A and of album B, A's member,
 * co-host and host, a stranger with an account, and A's wall link: the status each must
 * get, and no row written when refused. The rows live in `*.authorization.ts` files beside
 * this one (each album part keeps its own); a route without a row fails here.
 */
const caseFiles = readdirSync(__dirname).filter((f) => f.endsWith('.authorization.ts'));

async function loadCases(): Promise<{ cases: Partial<Record<RouteName, AuthorizationCase>>; duplicates: string[] }> {
  const cases: Partial<Record<RouteName, AuthorizationCase>> = {};
  const duplicates: string[] = [];
  for (const file of caseFiles) {
    const loaded = (await import(path.join(__dirname, file))) as { authorizationCases: AuthorizationCases };
    for (const [name, entry] of Object.entries(loaded.authorizationCases)) {
      if (cases[name as RouteName]) duplicates.push(`${name} (${file})`);
      cases[name as RouteName] = entry;
    }
  }
  return { cases, duplicates };
}

const albumRoutes = (Object.entries(routes) as [RouteName, RouteContract][]).filter(([, r]) => r.path.startsWith('/api/albums') || r.path.startsWith('/api/guest'));

// An async suite: Vitest awaits it while collecting, so `it.each` sees every file's rows.
describe('albums authorization matrix', async () => {
  const { cases, duplicates } = await loadCases();
  let sut: TestServer;
  let api: ApiClient;
  let users: AlbumUsers;
  let shared: AlbumWorld;

  beforeAll(async () => {
    sut = await startTestServer({ ...CHAT_TEST_ENV, RATE_LIMIT_GUEST_JOINS_PER_IP: '100000' });
    api = new ApiClient(sut.url);
    users = await albumUsers(api);
    shared = await albumWorld(sut, api, users);
  });
  afterAll(() => sut?.close());

  it('has exactly one row for every album and guest route, and none for routes that do not exist', () => {
    expect(duplicates, 'routes with rows in two files').toEqual([]);
    const missing = albumRoutes.map(([name]) => name).filter((name) => !cases[name]);
    expect(missing, 'album routes without a row in an *.authorization.ts file').toEqual([]);
    const unknown = Object.keys(cases).filter((name) => !albumRoutes.some(([n]) => n === name));
    expect(unknown, 'rows for routes that are not album routes').toEqual([]);
  });

  const matrix = albumRoutes
    .filter(([name]) => cases[name])
    .flatMap(([name, contract]) => ALBUM_ACTORS.map((actor) => [name, actor, cases[name]!.expect[actor], contract] as const));

  it.each(matrix)('%s as %s → %i', async (name, actor, expected, contract) => {
    const entry = cases[name]!;
    const world = entry.fresh ? await albumWorld(sut, api, users) : shared;
    const { path: target, body } = await entry.request(world, actor);
    const send = () => api.request(contract.method, target, body ?? (contract.method === 'POST' || contract.method === 'PUT' ? {} : undefined), world.as(actor));
    if (expected < 400) {
      const response = await send();
      expect(response.status, JSON.stringify(response.body)).toBe(expected);
      // What the success set going (a deleted album's cleanup) finishes before another case counts rows.
      await settleAlbumEvents(sut);
      return;
    }
    await settleAlbumEvents(sut);
    const before = await albumRowCounts(sut);
    const response = await send();
    expectError(response, expected);
    expect(await albumRowCounts(sut), 'a refused request wrote rows').toEqual(before);
  });
});
