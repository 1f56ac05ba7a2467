import { type Album, type AlbumInvite, type ErrorCode, GUEST_COOKIE, type GuestSelf, type RouteName, WALL_TOKEN_HEADER, WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from '@discordgym/contracts';
import { count, isNull, max } from 'drizzle-orm';
import { expect } from 'vitest';
import { albumGuests, albumInvites, albumMembers, albumPhotoHearts, albumPhotos, albums, albumWallLinks, domainEvents } from '../src/infra/db/schema';
import type { ApiClient, ApiResponse, RequestOptions } from './api-client';
import { type ChatUser, chatUser } from './chat-fixtures';
import { snapshotRows } from './db-state';
import { expectError } from './expect-error';
import type { TestServer } from './harness';
import { eventually } from './sockets';

/** Every album table, the outbox and the account tables: what a refused album request must leave as it was. */
export async function albumRowCounts(sut: TestServer): Promise<Record<string, unknown>> {
  const db = sut.server.infra.database.db;
  const [a] = await db.select({ n: count(), deleted: count(albums.deletedAt), updated: max(albums.updatedAt), seq: max(albums.lastSeq) }).from(albums);
  const [m] = await db.select({ n: count() }).from(albumMembers);
  const [i] = await db.select({ n: count(), revoked: count(albumInvites.revokedAt) }).from(albumInvites);
  const [g] = await db.select({ n: count(), revoked: count(albumGuests.revokedAt) }).from(albumGuests);
  const [w] = await db.select({ n: count(), revoked: count(albumWallLinks.revokedAt) }).from(albumWallLinks);
  const [p] = await db.select({ n: count(), deleted: count(albumPhotos.deletedAt), seq: max(albumPhotos.seq) }).from(albumPhotos);
  const [h] = await db.select({ n: count() }).from(albumPhotoHearts);
  const [e] = await db.select({ n: count() }).from(domainEvents);
  return { albums: a, members: m, invites: i, guests: g, wallLinks: w, photos: p, hearts: h, events: e, accounts: await snapshotRows(sut) };
}

/**
 * Waits until every domain event so far is dispatched and every event consumer's job has run
 * (an album deleted in one case is cleaned up before the next case counts rows).
 */
export async function settleAlbumEvents(sut: TestServer, timeoutMs = 15_000): Promise<void> {
  const db = sut.server.infra.database.db;
  await eventually(
    async () => {
      for (let i = 0; i < 2; i++) {
        const [row] = await db.select({ n: count() }).from(domainEvents).where(isNull(domainEvents.dispatchedAt));
        expect(row!.n, 'undispatched events').toBe(0);
        const stats = await sut.server.infra.jobs.stats();
        const busy = Object.entries(stats)
          .filter(([name]) => name.startsWith('event.'))
          .reduce((sum, [, s]) => sum + s.waiting + s.active + s.delayed, 0);
        expect(busy, 'event jobs pending').toBe(0);
      }
    },
    timeoutMs,
    25,
  );
}

/** One request that must be refused with `status` (and `code`, when given) in the error shape, changing no row. */
export async function expectAlbumRefused(sut: TestServer, status: number, code: ErrorCode | undefined, send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await albumRowCounts(sut);
  const response = await send();
  expectError(response, status, code);
  expect(await albumRowCounts(sut), 'rows changed on a refused request').toEqual(before);
  return response;
}

/** A guest's session as a test client holds it: the raw cookie value. */
export interface TestGuest {
  id: string;
  albumId: string;
  cookie: string;
}

/** Request options that present a guest cookie the way the web app does (cookie + the web client header). */
export const asGuest = (guest: Pick<TestGuest, 'cookie'>, headers: Record<string, string> = {}): RequestOptions => ({
  headers: { cookie: `${GUEST_COOKIE}=${guest.cookie}`, [WEB_CLIENT_HEADER]: WEB_CLIENT_VALUE, ...headers },
});
export const asWall = (token: string): RequestOptions => ({ headers: { [WALL_TOKEN_HEADER]: token } });

export function guestCookieOf(response: ApiResponse): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${GUEST_COOKIE}=`));
  expect(header, 'no guest cookie set').toBeDefined();
  return header!.slice(GUEST_COOKIE.length + 1).split(';')[0]!;
}

export async function createAlbum(api: ApiClient, host: ChatUser, body: Record<string, unknown> = {}): Promise<Album> {
  const response = await api.post<Album>('/api/albums', { title: 'Party', ...body }, { token: host.token });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

export async function addMember(api: ApiClient, host: ChatUser, albumId: string, user: ChatUser, role: 'cohost' | 'member'): Promise<void> {
  const response = await api.post(`/api/albums/${albumId}/members`, { user_id: user.id, role }, { token: host.token });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

export async function createInvite(api: ApiClient, host: ChatUser, albumId: string, body: Record<string, unknown> = {}): Promise<AlbumInvite> {
  const response = await api.post<AlbumInvite>(`/api/albums/${albumId}/invites`, body, { token: host.token });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

export async function joinAsGuest(api: ApiClient, token: string, displayName = 'Guest'): Promise<TestGuest & { self: GuestSelf }> {
  const response = await api.post<GuestSelf>('/api/guest/join', { token, display_name: displayName }, { headers: { [WEB_CLIENT_HEADER]: WEB_CLIENT_VALUE } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.guest.id, albumId: response.body.album.id, cookie: guestCookieOf(response), self: response.body };
}

export async function createWallLink(api: ApiClient, host: ChatUser, albumId: string): Promise<string> {
  const response = await api.post<{ token: string }>(`/api/albums/${albumId}/wall-link`, undefined, { token: host.token });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.token;
}

// ---- the authorization matrix (albums-authorization.test.ts) ----

/** Who knocks, in the matrix: guests of album A and of album B, A's member / co-host / host, a stranger with an account, A's wall link. */
export const ALBUM_ACTORS = ['guestA', 'guestB', 'member', 'cohost', 'host', 'stranger', 'wall'] as const;
export type AlbumActorName = (typeof ALBUM_ACTORS)[number];

export interface AlbumUsers {
  host: ChatUser;
  cohost: ChatUser;
  member: ChatUser;
  /** A second member: the one routes aimed at "a member" act on, so the member actor is not acting on themselves. */
  otherMember: ChatUser;
  stranger: ChatUser;
  /** Owns album B. */
  hostB: ChatUser;
  /** Nobody in either album yet: for routes that add someone. */
  newcomer: ChatUser;
}

/** Album A with every kind of caller, and album B with a guest of its own. Routes under test act on album A. */
export interface AlbumWorld {
  sut: TestServer;
  api: ApiClient;
  users: AlbumUsers;
  albumA: Album;
  albumB: Album;
  inviteA: AlbumInvite;
  guestA: TestGuest;
  guestB: TestGuest;
  wallTokenA: string;
  /** Request options for an actor. */
  as(actor: AlbumActorName): RequestOptions;
}

export async function albumUsers(api: ApiClient): Promise<AlbumUsers> {
  const [host, cohost, member, otherMember, stranger, hostB, newcomer] = await Promise.all(Array.from({ length: 7 }, () => chatUser(api)));
  return { host: host!, cohost: cohost!, member: member!, otherMember: otherMember!, stranger: stranger!, hostB: hostB!, newcomer: newcomer! };
}

/** A fresh pair of albums for the given people (a few requests; users are made once per suite). */
export async function albumWorld(sut: TestServer, api: ApiClient, users: AlbumUsers): Promise<AlbumWorld> {
  const albumA = await createAlbum(api, users.host, { title: 'Album A' });
  await addMember(api, users.host, albumA.id, users.cohost, 'cohost');
  await addMember(api, users.host, albumA.id, users.member, 'member');
  await addMember(api, users.host, albumA.id, users.otherMember, 'member');
  const inviteA = await createInvite(api, users.host, albumA.id);
  const guestA = await joinAsGuest(api, inviteA.token, 'Guest A');
  const wallTokenA = await createWallLink(api, users.host, albumA.id);
  const albumB = await createAlbum(api, users.hostB, { title: 'Album B' });
  const guestB = await joinAsGuest(api, (await createInvite(api, users.hostB, albumB.id)).token, 'Guest B');
  const world: AlbumWorld = {
    sut,
    api,
    users,
    albumA,
    albumB,
    inviteA,
    guestA,
    guestB,
    wallTokenA,
    as(actor) {
      switch (actor) {
        case 'guestA':
          return asGuest(guestA);
        case 'guestB':
          return asGuest(guestB);
        case 'wall':
          return asWall(wallTokenA);
        default:
          return { token: users[actor].token };
      }
    },
  };
  return world;
}

export interface AuthorizationRequest {
  path: string;
  body?: unknown;
}

/**
 * One route's row of the matrix: the status each actor gets, and how to make a request that
 * would succeed for an allowed actor. `fresh`: each actor gets a world of its own (routes
 * that delete, revoke or end something later cases rely on).
 */
export interface AuthorizationCase {
  expect: Record<AlbumActorName, number>;
  request: (world: AlbumWorld, actor: AlbumActorName) => AuthorizationRequest | Promise<AuthorizationRequest>;
  fresh?: boolean;
}

/** What each `*.authorization.ts` file beside the albums module exports as `authorizationCases`. */
export type AuthorizationCases = Partial<Record<RouteName, AuthorizationCase>>;

/** Shorthand for an expectation row, in ALBUM_ACTORS order: guestA, guestB, member, cohost, host, stranger, wall. */
export function outcomes(guestA: number, guestB: number, member: number, cohost: number, host: number, stranger: number, wall: number): Record<AlbumActorName, number> {
  return { guestA, guestB, member, cohost, host, stranger, wall };
}
