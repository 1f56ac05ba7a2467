import type { Friend, FriendRequest, PrivacySettings, SendFriendRequestResult } from '@discordgym/contracts';
import { and, count, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { io } from 'socket.io-client';
import { expect } from 'vitest';
import { blocks, domainEvents, friendRequests, friendships } from '../src/infra/db/schema';
import type { ErrorCode } from '@discordgym/contracts';
import type { ApiClient, ApiResponse } from './api-client';
import type { ChatUser } from './chat-fixtures';
import { chatRowCounts, type ReceivedEvent } from './chat-fixtures';
import { expectRefusedWithoutWrites, snapshotRows } from './db-state';
import type { TestServer } from './harness';
import type { TestSocket } from './sockets';

/** Rows of the friends tables and of the outbox, read straight from the database. */
export async function friendRowCounts(sut: TestServer): Promise<Record<'requests' | 'friendships' | 'blocks' | 'events', number>> {
  const db = sut.server.infra.database.db;
  const rows = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;
  return { requests: await rows(friendRequests), friendships: await rows(friendships), blocks: await rows(blocks), events: await rows(domainEvents) };
}

/** Everything a refused friends (or chat) request must leave as it was. */
async function everyRow(sut: TestServer) {
  return { accounts: await snapshotRows(sut), friends: await friendRowCounts(sut), chat: await chatRowCounts(sut) };
}

/** Runs `action` and asserts that no account, friends, outbox or chat table changed. */
export async function expectNoFriendWrites<T>(sut: TestServer, action: () => Promise<T>): Promise<T> {
  const before = await everyRow(sut);
  const result = await action();
  expect(await everyRow(sut), 'rows changed').toEqual(before);
  return result;
}

/** One request refused with `status` / `code` in the error shape, with nothing written anywhere. */
export function expectFriendsRefused(sut: TestServer, status: number, code: ErrorCode, send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  return expectNoFriendWrites(sut, () => expectRefusedWithoutWrites(sut, status, code, send));
}

export async function askFriend(api: ApiClient, from: ChatUser, to: ChatUser | { handle: string }): Promise<ApiResponse<SendFriendRequestResult>> {
  const body = 'id' in to ? { user_id: to.id } : { handle: to.handle };
  return api.post<SendFriendRequestResult>('/api/friends/requests', body, { token: from.token });
}

/** `from` asks `to`, which must create a new request; answers its id. */
export async function askedId(api: ApiClient, from: ChatUser, to: ChatUser): Promise<string> {
  const asked = await askFriend(api, from, to);
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  return (asked.body as { request: FriendRequest }).request.id;
}

/** `from` asks, `to` accepts: friends. */
export async function befriend(api: ApiClient, from: ChatUser, to: ChatUser): Promise<Friend> {
  const asked = await askFriend(api, from, to);
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const request = (asked.body as { request: FriendRequest }).request;
  const accepted = await api.post<Friend>(`/api/friends/requests/${request.id}/accept`, undefined, { token: to.token });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return accepted.body;
}

export async function block(api: ApiClient, blocker: ChatUser, blocked: ChatUser): Promise<void> {
  const response = await api.put(`/api/blocks/${blocked.id}`, undefined, { token: blocker.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

export async function setPrivacy(api: ApiClient, user: ChatUser, privacy: Partial<PrivacySettings>): Promise<void> {
  const response = await api.put('/api/profile', { privacy }, { token: user.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.privacy).toMatchObject(privacy);
}

/** The outbox rows of one event name whose payload names this request. */
export async function eventsFor(sut: TestServer, name: string, requestId: string): Promise<{ payload: unknown }[]> {
  const db = sut.server.infra.database.db;
  return db
    .select({ payload: domainEvents.payload })
    .from(domainEvents)
    .where(and(eq(domainEvents.name, name), sql`${domainEvents.payload}->>'request_id' = ${requestId}`));
}

/**
 * A socket that records every event from the first packet on: what the server sends
 * while the connection is set up (the statuses of my audience) would otherwise arrive
 * before a listener added after `connect` resolves.
 */
export async function connectRecording(sut: TestServer, user: ChatUser): Promise<{ socket: TestSocket; received: ReceivedEvent[] }> {
  const socket: TestSocket = io(sut.url, { auth: { token: user.token }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  const received: ReceivedEvent[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.connect();
  });
  return { socket, received };
}

/**
 * The statuses of `userId` a socket heard, repeats collapsed: a connect that overlaps the
 * other's may tell the same status twice (once on connect, once as a broadcast), which
 * changes nothing for the one watching.
 */
export function transitions(received: ReceivedEvent[], userId: string): string[] {
  return received
    .filter((e) => e.event === 'user-status-changed' && e.payload.user_id === userId)
    .map((e) => e.payload.status as string)
    .filter((status, i, all) => i === 0 || all[i - 1] !== status);
}
