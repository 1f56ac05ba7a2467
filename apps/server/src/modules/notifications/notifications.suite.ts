import { randomBytes } from 'node:crypto';
import { Chatroom, type NotificationBroadcast, NotificationPage, type NotificationsReadBroadcast } from '@discordgym/contracts';
import { and, count, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import {
  type ChatUser,
  chatUsers,
  createGroup,
  openDm,
  postMessage,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { expectRefusedUnchanged, inbox, inboxOf, settle, unreadCount, untilOffline, untilOnline } from '../../../test/notification-fixtures';
import { collect, eventually } from '../../../test/sockets';
import type { DomainEvent } from '../../events/event-types';
import { consumedEvents, domainEvents, notifications } from '../../infra/db/schema';
import { MESSAGE_CONSUMER, MessageNotifications } from './message-notifications.consumer';

/**
 * Issue 8 C, acceptance: notifications made from domain events, each kind exactly once
 * per recipient, room levels, unread count / read / read-all, paging, live events, and
 * bad input on every endpoint. Run embedded and on PostgreSQL + Redis.
 */
export function describeNotifications(mode: string, start: StartChatServer): void {
  describe(`notifications (${mode})`, () => {
    const chat = useChatServer(start);
    const api = () => chat.api;
    const mention = (user: ChatUser) => `@${user.handle}`;
    const setLevel = async (user: ChatUser, roomId: string, level: string) => {
      const response = await api().put(`/api/chatrooms/${roomId}/notification-level`, { level }, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toEqual({ chatroom_id: roomId, level });
    };
    const roomOf = async (user: ChatUser, roomId: string) => {
      const response = await api().get(`/api/chatrooms/${roomId}`, { token: user.token });
      expect(response.status).toBe(200);
      return Chatroom.parse(response.body);
    };
    /** The message.created event of a message, as the dispatcher hands it to the consumer. */
    const eventOf = async (messageId: string): Promise<DomainEvent<'message.created'>> => {
      const db = chat.sut.server.infra.database.db;
      const rows = await db.select().from(domainEvents).where(eq(domainEvents.name, 'message.created'));
      const row = rows.find((r) => (r.payload as { message_id: string }).message_id === messageId)!;
      expect(row, 'event recorded').toBeDefined();
      return { id: row.id, name: 'message.created', payload: row.payload as DomainEvent<'message.created'>['payload'], createdAt: row.createdAt.toISOString() };
    };

    describe('kinds', () => {
      it('a mention notifies the person mentioned, once, live with the unread count; nobody else hears of it', async () => {
        const [a, b, c] = await chatUsers(api(), 3);
        const room = await createGroup(api(), a, [b, c]);
        const socket = await chat.connect(b);
        const live = collect(socket, 'notification');
        const message = await postMessage(api(), a, room.id, `leg day, ${mention(b)}?`);

        await eventually(() => expect(live).toHaveLength(1));
        const [event] = live as NotificationBroadcast[];
        expect(event!.unread_count).toBe(1);
        expect(event!.notification).toMatchObject({
          kind: 'mention',
          read_at: null,
          chatroom_id: room.id,
          message_id: message.id,
          seq: message.seq,
          chatroom_name: room.name,
          excerpt: `leg day, ${mention(b)}?`,
        });
        expect(event!.notification.actor?.id).toBe(a.id);
        expect(await inbox(api(), b)).toEqual([event!.notification]);
        expect(await unreadCount(api(), b)).toBe(1);

        await settle(chat.sut);
        expect(live).toHaveLength(1);
        expect(await inbox(api(), c)).toEqual([]);
        expect(await inbox(api(), a)).toEqual([]);
      });

      it('a reply to my message notifies me; a reply that also mentions me is one mention', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const room = await createGroup(api(), a, [b]);
        const mine = await postMessage(api(), b, room.id, 'who spots me?');
        const answer = await postMessage(api(), a, room.id, 'I do', { reply_to_id: mine.id });
        const [reply] = await inboxOf(api(), b, 1);
        expect(reply).toMatchObject({ kind: 'reply', message_id: answer.id, actor: expect.objectContaining({ id: a.id }) });

        const both = await postMessage(api(), a, room.id, `${mention(b)} at six`, { reply_to_id: mine.id });
        const items = await inboxOf(api(), b, 2);
        expect(items[0]).toMatchObject({ kind: 'mention', message_id: both.id });
        // My answer to my own message, and a mention of myself, tell me nothing.
        await postMessage(api(), b, room.id, `note to self ${mention(b)}`, { reply_to_id: mine.id });
        await settle(chat.sut);
        expect(await inbox(api(), b)).toHaveLength(2);
        expect(await inbox(api(), a)).toEqual([]);
      });

      it('a DM notifies only while the recipient has no socket open', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const dm = await openDm(api(), a, b);
        const first = await postMessage(api(), a, dm.id, 'are you up?');
        const [n] = await inboxOf(api(), b, 1);
        expect(n).toMatchObject({ kind: 'dm', chatroom_id: dm.id, message_id: first.id, chatroom_name: null, excerpt: 'are you up?' });

        const socket = await chat.connect(b);
        await untilOnline(chat.sut, b);
        const live = collect(socket, 'notification');
        await postMessage(api(), a, dm.id, 'I see you are');
        await settle(chat.sut);
        expect(live).toEqual([]);
        expect(await inbox(api(), b)).toHaveLength(1);

        socket.close();
        await untilOffline(chat.sut, b);
        await postMessage(api(), a, dm.id, 'gone again');
        expect((await inboxOf(api(), b, 2))[0]).toMatchObject({ kind: 'dm', excerpt: 'gone again' });
      });

      it('a friend request notifies the person asked, its acceptance the one who asked, each once', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const asked = await api().post('/api/friends/requests', { user_id: b.id }, { token: a.token });
        expect(asked.status, JSON.stringify(asked.body)).toBe(201);
        const [request] = await inboxOf(api(), b, 1);
        expect(request).toMatchObject({ kind: 'friend_request', actor: expect.objectContaining({ id: a.id }), chatroom_id: null, message_id: null, excerpt: null });

        const accepted = await api().post(`/api/friends/requests/${asked.body.request.id}/accept`, undefined, { token: b.token });
        expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
        const [acceptance] = await inboxOf(api(), a, 1);
        expect(acceptance).toMatchObject({ kind: 'friend_accepted', actor: expect.objectContaining({ id: b.id }) });
        await settle(chat.sut);
        expect(await inbox(api(), b)).toHaveLength(1);
        expect(await inbox(api(), a)).toHaveLength(1);
      });

      it('nobody hears of a message from someone they blocked, or of one deleted before its turn', async () => {
        const [a, b, c] = await chatUsers(api(), 3);
        const room = await createGroup(api(), a, [b, c]);
        const blocked = await api().put(`/api/blocks/${a.id}`, undefined, { token: b.token });
        expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);
        await postMessage(api(), a, room.id, `${mention(b)} ${mention(c)} hello`);
        await inboxOf(api(), c, 1);
        await settle(chat.sut);
        expect(await inbox(api(), b)).toEqual([]);

        // The consumer reads the message when it runs: deleted by then, there is nothing to tell.
        const gone = await postMessage(api(), a, room.id, `${mention(c)} oops`);
        await settle(chat.sut);
        const deleted = await api().delete(`/api/messages/${gone.id}`, { token: a.token });
        expect(deleted.status).toBe(200);
        const replay = { ...(await eventOf(gone.id)), id: uuidv7() };
        await chat.sut.server.app.get(MessageNotifications).handle(replay);
        const items = await inbox(api(), c);
        expect(items.filter((n) => n.message_id === gone.id)).toHaveLength(1);
        // The one made in time shows no text once the message is deleted.
        expect(items.find((n) => n.message_id === gone.id)?.excerpt).toBeNull();
      });
    });

    describe('room levels', () => {
      it('groups default to mentions, DMs to all; the Chatroom shows the level in effect', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const group = await createGroup(api(), a, [b]);
        const dm = await openDm(api(), a, b);
        expect((await roomOf(b, group.id)).notification_level).toBe('mentions');
        expect((await roomOf(b, dm.id)).notification_level).toBe('all');
        await setLevel(b, group.id, 'all');
        expect((await roomOf(b, group.id)).notification_level).toBe('all');
        expect((await roomOf(a, group.id)).notification_level).toBe('mentions');
      });

      it('none: nothing; mentions: mentions and replies; all: also every message while away', async () => {
        const [a, none, mentions, all] = await chatUsers(api(), 4);
        const room = await createGroup(api(), a, [none, mentions, all]);
        await setLevel(none, room.id, 'none');
        await setLevel(all, room.id, 'all');
        const root = await postMessage(api(), none, room.id, 'my set');
        const mine = await postMessage(api(), mentions, room.id, 'my set too');
        await settle(chat.sut);

        await postMessage(api(), a, room.id, `${mention(none)} ${mention(mentions)} ${mention(all)} go`);
        await postMessage(api(), a, room.id, 'nice', { reply_to_id: root.id });
        await postMessage(api(), a, room.id, 'also nice', { reply_to_id: mine.id });
        await postMessage(api(), a, room.id, 'plain message');
        await settle(chat.sut);

        expect(await inbox(api(), none)).toEqual([]);
        expect((await inbox(api(), mentions)).map((n) => n.kind)).toEqual(['reply', 'mention']);
        // "all" also hears of every plain message and reply to others while it has no socket open.
        expect((await inbox(api(), all)).map((n) => n.kind)).toEqual(['message', 'message', 'message', 'mention', 'message', 'message']);

        // With a socket open, "all" hears of mentions only.
        await chat.connect(all);
        await untilOnline(chat.sut, all);
        await postMessage(api(), a, room.id, 'while you watch');
        await postMessage(api(), a, room.id, `${mention(all)} look`);
        await settle(chat.sut);
        expect((await inbox(api(), all)).map((n) => n.kind).slice(0, 2)).toEqual(['mention', 'message']);
        expect(await inbox(api(), all)).toHaveLength(7);
      });

      it('a DM set to mentions or none stays quiet about plain messages', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const dm = await openDm(api(), a, b);
        await setLevel(b, dm.id, 'mentions');
        await postMessage(api(), a, dm.id, 'plain');
        await postMessage(api(), a, dm.id, `${mention(b)} named`);
        await settle(chat.sut);
        expect((await inbox(api(), b)).map((n) => n.kind)).toEqual(['mention']);
        await setLevel(b, dm.id, 'none');
        await postMessage(api(), a, dm.id, `${mention(b)} again`);
        await settle(chat.sut);
        expect(await inbox(api(), b)).toHaveLength(1);
      });
    });

    describe('exactly once', () => {
      it('an event whose job runs again, even at the same moment, notifies each recipient once', async () => {
        const [a, b, c] = await chatUsers(api(), 3);
        const room = await createGroup(api(), a, [b, c]);
        const message = await postMessage(api(), a, room.id, `${mention(b)} ${mention(c)} twice?`);
        await settle(chat.sut);
        const event = await eventOf(message.id);
        const consumer = chat.sut.server.app.get(MessageNotifications);
        const db = chat.sut.server.infra.database.db;
        const recipients = async (eventId: string) =>
          (await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.eventId, eventId))).map((r) => r.userId).sort();
        const markers = async (eventId: string) =>
          (await db.select({ n: count() }).from(consumedEvents).where(and(eq(consumedEvents.consumer, MESSAGE_CONSUMER), eq(consumedEvents.eventId, eventId))))[0]!.n;

        // The queue already ran it once; running it again adds nothing.
        await consumer.handle(event);
        expect(await recipients(event.id)).toEqual([b.id, c.id].sort());
        expect(await markers(event.id)).toBe(1);

        // An event nobody has handled yet, handled three times at once (two instances' retries racing).
        const fresh = { ...event, id: uuidv7() };
        await Promise.all([consumer.handle(fresh), consumer.handle(fresh), consumer.handle(fresh)]);
        expect(await recipients(fresh.id)).toEqual([b.id, c.id].sort());
        expect(await markers(fresh.id)).toBe(1);
      });
    });

    describe('reading', () => {
      it('unread count, reading one (idempotent) and reading all, told to my other sockets', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const room = await createGroup(api(), a, [b]);
        for (let i = 0; i < 3; i++) await postMessage(api(), a, room.id, `${mention(b)} ${i}`);
        const items = await inboxOf(api(), b, 3);
        expect(await unreadCount(api(), b)).toBe(3);
        const other = await chat.connect(b);
        const reads = collect(other, 'notifications-read');

        const first = await api().put(`/api/notifications/${items[1]!.id}/read`, undefined, { token: b.token });
        expect(first.status, JSON.stringify(first.body)).toBe(200);
        expect(first.body).toEqual({ count: 2 });
        const again = await api().put(`/api/notifications/${items[1]!.id}/read`, undefined, { token: b.token });
        expect(again.body).toEqual({ count: 2 });
        const after = await inbox(api(), b);
        expect(after.map((n) => n.read_at !== null)).toEqual([false, true, false]);
        const readAt = after[1]!.read_at;
        await api().put(`/api/notifications/${items[1]!.id}/read`, undefined, { token: b.token });
        expect((await inbox(api(), b))[1]!.read_at, 'read_at kept').toBe(readAt);

        const all = await api().put('/api/notifications/read-all', undefined, { token: b.token });
        expect(all.status).toBe(200);
        expect(all.body).toEqual({ count: 0 });
        expect((await inbox(api(), b)).every((n) => n.read_at !== null)).toBe(true);
        expect(await unreadCount(api(), b)).toBe(0);

        await eventually(() => expect(reads).toHaveLength(2));
        const [one, every] = reads as NotificationsReadBroadcast[];
        expect(one).toMatchObject({ ids: [items[1]!.id], unread_count: 2 });
        expect(every).toMatchObject({ ids: null, unread_count: 0 });

        // New ones after read-all are unread again.
        await postMessage(api(), a, room.id, `${mention(b)} more`);
        await inboxOf(api(), b, 4);
        expect(await unreadCount(api(), b)).toBe(1);
      });

      it('pages newest first by id, each notification once, until next_cursor is null', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const room = await createGroup(api(), a, [b]);
        // Consumers may run a burst of events in any order; one at a time pins the order of ids.
        for (let i = 0; i < 5; i++) {
          await postMessage(api(), a, room.id, `${mention(b)} set ${i}`);
          await inboxOf(api(), b, i + 1);
        }
        const everything = await inboxOf(api(), b, 5);
        expect(everything.map((n) => n.excerpt)).toEqual([4, 3, 2, 1, 0].map((i) => `${mention(b)} set ${i}`));

        const seen: string[] = [];
        let cursor: string | null = null;
        const sizes: number[] = [];
        for (let round = 0; round < 10; round++) {
          const response = await api().get(`/api/notifications?limit=2${cursor ? `&before=${cursor}` : ''}`, { token: b.token });
          expect(response.status).toBe(200);
          const page = NotificationPage.parse(response.body);
          sizes.push(page.items.length);
          seen.push(...page.items.map((n) => n.id));
          cursor = page.next_cursor;
          if (!cursor) break;
        }
        expect(sizes).toEqual([2, 2, 1]);
        expect(seen).toEqual(everything.map((n) => n.id));
        const descending = [...seen].sort().reverse();
        expect(seen).toEqual(descending);
      });

      it('leaving a group takes its messages\' text out of my inbox', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const room = await createGroup(api(), a, [b]);
        await postMessage(api(), a, room.id, `${mention(b)} secret plans`);
        expect((await inboxOf(api(), b, 1))[0]!.excerpt).toContain('secret plans');
        const left = await api().delete(`/api/chatrooms/${room.id}/participants/${b.id}`, { token: b.token });
        expect(left.status).toBe(204);
        expect((await inbox(api(), b))[0]).toMatchObject({ excerpt: null, chatroom_name: null });
      });
    });

    describe('bad input: a clear 4xx, nothing written', () => {
      it('GET /api/notifications refuses bad cursors, limits and unknown parameters', async () => {
        const [b] = await chatUsers(api(), 1);
        for (const query of ['?before=nope', `?before=${randomBytes(16).toString('hex')}`, '?before=00000000-0000-4000-8000-000000000000', '?limit=0', '?limit=51', '?limit=abc', '?limit=1.5', '?page=2']) {
          await expectRefusedUnchanged(chat.sut, 400, 'VALIDATION_FAILED', () => api().get(`/api/notifications${query}`, { token: b.token }));
        }
      });

      it('PUT /api/notifications/:id/read: a bad id is 400, someone else\'s or none 404, and it stays unread', async () => {
        const [a, b, c] = await chatUsers(api(), 3);
        const room = await createGroup(api(), a, [b]);
        await postMessage(api(), a, room.id, `${mention(b)} hi`);
        const [mine] = await inboxOf(api(), b, 1);
        await expectRefusedUnchanged(chat.sut, 400, 'VALIDATION_FAILED', () => api().put('/api/notifications/not-an-id/read', undefined, { token: b.token }));
        await expectRefusedUnchanged(chat.sut, 404, 'NOT_FOUND', () => api().put(`/api/notifications/${mine!.id}/read`, undefined, { token: c.token }));
        await expectRefusedUnchanged(chat.sut, 404, 'NOT_FOUND', () => api().put(`/api/notifications/${uuidv7()}/read`, undefined, { token: b.token }));
        expect(await unreadCount(api(), b)).toBe(1);
      });

      it('PUT /api/chatrooms/:id/notification-level refuses bad levels and bodies, and rooms that are not mine', async () => {
        const [a, b, c] = await chatUsers(api(), 3);
        const room = await createGroup(api(), a, [b]);
        const put = (user: ChatUser, roomId: string, body: unknown, raw?: string) =>
          api().request('PUT', `/api/chatrooms/${roomId}/notification-level`, body, { token: user.token, ...(raw ? { raw } : {}) });
        for (const body of [{ level: 'loud' }, { level: 'ALL' }, { level: null }, { level: ['all'] }, {}, { level: 'all', extra: 1 }, 'all', []]) {
          await expectRefusedUnchanged(chat.sut, 400, 'VALIDATION_FAILED', () => put(b, room.id, body));
        }
        await expectRefusedUnchanged(chat.sut, 400, 'INVALID_JSON', () => put(b, room.id, undefined, '{"level":'));
        await expectRefusedUnchanged(chat.sut, 400, 'VALIDATION_FAILED', () => put(b, 'not-a-room', { level: 'all' }));
        await expectRefusedUnchanged(chat.sut, 404, 'NOT_FOUND', () => put(c, room.id, { level: 'none' }));
        await expectRefusedUnchanged(chat.sut, 404, 'NOT_FOUND', () => put(b, uuidv7(), { level: 'none' }));
        expect((await roomOf(b, room.id)).notification_level).toBe('mentions');
      });
    });
  });
}
