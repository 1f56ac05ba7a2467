import { type Notification, NotificationPage, UnreadCount } from '@discordgym/contracts';
import { count, isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { chatroomParticipants, consumedEvents, domainEvents, notifications, pushSubscriptions } from '../src/infra/db/schema';
import type { ApiClient, ApiResponse } from './api-client';
import type { ChatUser } from './chat-fixtures';
import { expectError } from './expect-error';
import type { TestServer } from './harness';
import { eventually } from './sockets';

/** The queues notifications run on: the event consumers and the push sends. */
const notificationQueue = (name: string) => name.startsWith('event.notifications.') || name === 'push.deliver';

/**
 * Waits until every domain event recorded so far is handed to the queue and every
 * notification job has run: the way to assert "made nothing" without a fixed sleep.
 */
export async function settle(sut: TestServer, timeoutMs = 15_000): Promise<void> {
  const db = sut.server.infra.database.db;
  const undispatched = async () => (await db.select({ n: count() }).from(domainEvents).where(isNull(domainEvents.dispatchedAt)))[0]!.n;
  const busy = async () => {
    const stats = await sut.server.infra.jobs.stats();
    return Object.entries(stats)
      .filter(([name]) => notificationQueue(name))
      .reduce((sum, [, s]) => sum + s.waiting + s.active + s.delayed, 0);
  };
  await eventually(
    async () => {
      // Twice round: a finished job may have recorded (and dispatched) a push event.
      for (let i = 0; i < 2; i++) {
        expect(await undispatched(), 'undispatched events').toBe(0);
        expect(await busy(), 'notification jobs pending').toBe(0);
      }
    },
    timeoutMs,
    25,
  );
}

export async function inbox(api: ApiClient, user: ChatUser, query = ''): Promise<Notification[]> {
  const response = await api.get(`/api/notifications${query}`, { token: user.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return NotificationPage.parse(response.body).items;
}

export async function unreadCount(api: ApiClient, user: ChatUser): Promise<number> {
  const response = await api.get('/api/notifications/unread-count', { token: user.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return UnreadCount.parse(response.body).count;
}

/** Polls the inbox until it has `n` notifications, then answers them (newest first). */
export async function inboxOf(api: ApiClient, user: ChatUser, n: number, timeoutMs = 10_000): Promise<Notification[]> {
  let items: Notification[] = [];
  await eventually(
    async () => {
      items = await inbox(api, user, '?limit=50');
      expect(items.length, JSON.stringify(items.map((i) => i.kind))).toBeGreaterThanOrEqual(n);
    },
    timeoutMs,
    25,
  );
  expect(items).toHaveLength(n);
  return items;
}

/** Waits until the presence store counts the user as having a socket open (the consumer reads it). */
export async function untilOnline(sut: TestServer, user: ChatUser): Promise<void> {
  await eventually(async () => expect((await sut.server.infra.presence.get([user.id])).get(user.id)?.status ?? 'offline').not.toBe('offline'));
}

export async function untilOffline(sut: TestServer, user: ChatUser): Promise<void> {
  await eventually(async () => expect((await sut.server.infra.presence.get([user.id])).get(user.id)?.status ?? 'offline').toBe('offline'));
}

/** Rows of the tables the notification endpoints write, and every participant's level. */
export async function notificationState(sut: TestServer): Promise<unknown> {
  const db = sut.server.infra.database.db;
  return {
    notifications: await db.select().from(notifications).orderBy(notifications.id),
    push: await db.select().from(pushSubscriptions).orderBy(pushSubscriptions.id),
    levels: (await db.select({ room: chatroomParticipants.chatroomId, user: chatroomParticipants.userId, level: chatroomParticipants.notificationLevel }).from(chatroomParticipants))
      .map((r) => `${r.room}:${r.user}:${r.level}`)
      .sort(),
    markers: (await db.select({ n: count() }).from(consumedEvents))[0]!.n,
  };
}

/** One refused request: the status and code in the error shape, and no notification row, subscription or level changed. */
export async function expectRefusedUnchanged(sut: TestServer, status: number, code: Parameters<typeof expectError>[2], send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  await settle(sut);
  const before = await notificationState(sut);
  const response = await send();
  expectError(response, status, code);
  expect(await notificationState(sut), 'notification state changed').toEqual(before);
  return response;
}
