import { FriendPage, MutualRoomPage, PublicUser, SelfUser } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ChatUser, chatUsers, createGroup, expectOk, flushSocket, openDm, postMessage, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { befriend, block, connectRecording, transitions } from '../../../test/friends-fixtures';
import { inboxOf, settle, untilOffline, untilOnline } from '../../../test/notification-fixtures';
import { emitAck, eventually } from '../../../test/sockets';
import { Clock } from '../../common/clock';
import { users } from '../../infra/db/schema';

const MINUTE = 60_000;

/**
 * People (issue 14.6): mutual rooms, custom status with expiry, presence choice
 * (online / idle / dnd / invisible). Runs embedded (people.test.ts) and on PostgreSQL +
 * Redis (people.cluster.test.ts), where presence lives in Redis.
 */
export function describePeople(mode: string, start: StartChatServer): void {
  describe(`people (${mode})`, () => {
    const chat = useChatServer(start);
    const api = () => chat.api;
    const clock = () => chat.sut.server.app.get(Clock);
    const inMinutes = (n: number) => new Date(clock().now().getTime() + n * MINUTE).toISOString();

    const mutual = async (viewer: ChatUser, other: ChatUser, query = '') => {
      const response = await api().get(`/api/users/${other.id}/mutual-rooms${query}`, { token: viewer.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return MutualRoomPage.parse(response.body);
    };
    const setStatus = async (user: ChatUser, body: Record<string, unknown>) => {
      const response = await api().put('/api/profile', body, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return SelfUser.parse(response.body);
    };
    const profileOf = async (viewer: ChatUser, user: ChatUser) => {
      const response = await api().get(`/api/users/${user.id}`, { token: viewer.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return PublicUser.parse(response.body);
    };
    const userRow = async (user: ChatUser) => (await chat.sut.server.infra.database.db.select().from(users).where(eq(users.id, user.id)))[0];

    describe('mutual rooms', () => {
      it('lists only the groups both are in, paged, to the viewer only; a block either way empties it', async () => {
        const [a, b, c] = await chatUsers(api(), 3);
        const ab = await createGroup(api(), a, [b], 'ab');
        const abc = await createGroup(api(), c, [a, b], 'abc');
        await createGroup(api(), a, [c], 'ac');
        await openDm(api(), a, b);

        const all = await mutual(a, b);
        expect(all.items.map((r) => r.id)).toEqual([ab.id, abc.id].sort());
        expect(all.next_cursor).toBeNull();
        expect((await mutual(b, a)).items.map((r) => r.name).sort()).toEqual(['ab', 'abc']);
        // C meets B only in abc; A's and B's own group is none of C's business.
        expect((await mutual(c, b)).items.map((r) => r.id)).toEqual([abc.id]);

        const first = await mutual(a, b, '?limit=1');
        expect(first.items).toHaveLength(1);
        expect(first.next_cursor).not.toBeNull();
        const second = await mutual(a, b, `?limit=1&cursor=${first.next_cursor}`);
        expect([...first.items, ...second.items].map((r) => r.id)).toEqual(all.items.map((r) => r.id));
        expect(second.next_cursor).toBeNull();

        await block(api(), b, a);
        expect((await mutual(a, b)).items).toEqual([]);
        expect((await mutual(b, a)).items).toEqual([]);
        expect((await mutual(c, b)).items.map((r) => r.id)).toEqual([abc.id]);
      });

      it('answers 404 for nobody and 400 for a bad id, cursor or limit', async () => {
        const [a] = await chatUsers(api(), 1);
        expectError(await api().get('/api/users/0190a0a0-0000-7000-8000-000000000000/mutual-rooms', { token: a.token }), 404, 'NOT_FOUND');
        expectError(await api().get('/api/users/nope/mutual-rooms', { token: a.token }), 400, 'VALIDATION_FAILED');
        expectError(await api().get(`/api/users/${a.id}/mutual-rooms?limit=0`, { token: a.token }), 400, 'VALIDATION_FAILED');
        expectError(await api().get(`/api/users/${a.id}/mutual-rooms?cursor=abc`, { token: a.token }), 400, 'VALIDATION_FAILED');
      });
    });

    describe('custom status', () => {
      it('is shown to others until it expires, then to nobody; "never" stays until cleared', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const room = await createGroup(api(), a, [b]);
        const until = inMinutes(30);
        const self = await setStatus(a, { custom_status: { text: '  On a run 🏃  ', expires_at: until } });
        expect(self.custom_status).toEqual({ text: 'On a run 🏃', expires_at: until });
        expect((await profileOf(b, a)).custom_status).toEqual({ text: 'On a run 🏃', expires_at: until });
        // Members of a room see it with the participants.
        const members = await api().get(`/api/chatrooms/${room.id}`, { token: b.token });
        expect(JSON.stringify(members.body)).toContain('On a run');

        clock().advance(31 * MINUTE);
        expect((await profileOf(b, a)).custom_status).toBeNull();
        expect(SelfUser.parse((await api().get('/api/profile', { token: a.token })).body).custom_status).toBeNull();

        await setStatus(a, { custom_status: { text: 'Resting', expires_at: null } });
        clock().advance(24 * 60 * MINUTE);
        expect((await profileOf(b, a)).custom_status).toEqual({ text: 'Resting', expires_at: null });
        await setStatus(a, { custom_status: null });
        expect((await profileOf(b, a)).custom_status).toBeNull();
        expect((await userRow(a))?.customStatusText).toBeNull();
      });

      it('refuses bad input with 400 and writes nothing', async () => {
        const [a] = await chatUsers(api(), 1);
        await setStatus(a, { custom_status: { text: 'kept', expires_at: null }, presence: 'idle' });
        const before = await userRow(a);
        const bad: unknown[] = [
          { custom_status: { text: 'x'.repeat(129), expires_at: null } },
          { custom_status: { text: 'bad\u0007bell', expires_at: null } },
          { custom_status: { text: '   ', expires_at: null } },
          { custom_status: { text: 'past', expires_at: inMinutes(-1) } },
          { custom_status: { text: 'far', expires_at: inMinutes(8 * 24 * 60) } },
          { custom_status: { text: 'no expiry key' } },
          { custom_status: { text: 'date', expires_at: 'tomorrow' } },
          { presence: 'busy' },
          { presence: 'online', extra: true },
          { custom_status: { text: 'ok', expires_at: null }, presence: 'away' },
        ];
        for (const body of bad) {
          expectError(await api().put('/api/profile', body, { token: a.token }), 400, 'VALIDATION_FAILED');
        }
        expect(await userRow(a)).toEqual(before);
      });
    });

    describe('presence choice', () => {
      it('invisible: room mates and friends see offline, messages still flow; back online shows again', async () => {
        const [a, b, c] = await chatUsers(api(), 3);
        const room = await createGroup(api(), a, [b, c]);
        await befriend(api(), a, b);
        const watcher = await connectRecording(chat.sut, b);
        chat.track(watcher.socket);
        expectOk(await emitAck(watcher.socket, 'join-room', { chatroom_id: room.id }));
        const aSocket = await chat.connect(a, [room.id]);
        await eventually(() => expect(transitions(watcher.received, a.id).at(-1)).toBe('online'));

        expect((await setStatus(a, { presence: 'invisible' })).presence).toBe('invisible');
        await eventually(() => expect(transitions(watcher.received, a.id).at(-1)).toBe('offline'));
        const offline = watcher.received.filter((e) => e.event === 'user-status-changed' && e.payload.user_id === a.id).at(-1);
        expect(offline?.payload.last_seen).toBeNull();
        const friends = FriendPage.parse((await api().get('/api/friends', { token: b.token })).body);
        expect(friends.items.find((f) => f.user.id === a.id)?.status).toBe('offline');

        // A keeps writing and reading.
        const sent = expectOk(await emitAck(aSocket, 'send-message', { chatroom_id: room.id, content: 'still here', client_id: 'c_invisible01' }));
        await eventually(() => expect(watcher.received.some((e) => e.event === 'new-message' && e.payload.id === sent.id)).toBe(true));
        const heard: string[] = [];
        aSocket.on('new-message', (m) => heard.push(m.id));
        const fromB = await postMessage(api(), b, room.id, 'hello invisible');
        await eventually(() => expect(heard).toContain(fromB.id));

        // A second device, an idle flip and leaving tell B nothing; a fresh socket of C's hears no status of A.
        const second = chat.track(await connectRecording(chat.sut, a).then((r) => r.socket));
        expectOk(await emitAck(aSocket, 'presence', { status: 'away' }));
        second.close();
        const late = await connectRecording(chat.sut, c);
        chat.track(late.socket);
        expectOk(await emitAck(late.socket, 'join-room', { chatroom_id: room.id }));
        aSocket.close();
        await untilOffline(chat.sut, a);
        await flushSocket(api(), c, room.id, watcher.received);
        await flushSocket(api(), b, room.id, late.received);
        expect(transitions(watcher.received, a.id).at(-1)).toBe('offline');
        expect(watcher.received.filter((e) => e.event === 'user-status-changed' && e.payload.user_id === a.id && e.payload.last_seen)).toEqual([]);
        expect(transitions(late.received, a.id)).toEqual([]);

        // Online again, on a new socket: everyone sees it.
        await chat.connect(a, [room.id]);
        await untilOnline(chat.sut, a);
        await setStatus(a, { presence: 'online' });
        await eventually(() => expect(transitions(watcher.received, a.id).at(-1)).toBe('online'));
        await eventually(() => expect(transitions(late.received, a.id).at(-1)).toBe('online'));
      });

      it('dnd and idle show their own status; the choice reaches my other devices', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const room = await createGroup(api(), a, [b]);
        const watcher = await connectRecording(chat.sut, b);
        chat.track(watcher.socket);
        const mine = await connectRecording(chat.sut, a);
        chat.track(mine.socket);
        await eventually(() => expect(transitions(watcher.received, a.id).at(-1)).toBe('online'));
        await setStatus(a, { presence: 'dnd' });
        await eventually(() => expect(transitions(watcher.received, a.id).at(-1)).toBe('dnd'));
        // The other device learns of the change (its profile is refetched on user-updated).
        await eventually(() => expect(mine.received.some((e) => e.event === 'user-updated' && e.payload.user.id === a.id)).toBe(true));
        await setStatus(a, { presence: 'idle' });
        await eventually(() => expect(transitions(watcher.received, a.id).at(-1)).toBe('away'));
        // Joining the room later reads the status through the choice too.
        const fresh = await connectRecording(chat.sut, b);
        chat.track(fresh.socket);
        expectOk(await emitAck(fresh.socket, 'join-room', { chatroom_id: room.id }));
        await eventually(() => expect(transitions(fresh.received, a.id)).toEqual(['away']));
      });

      it('dnd: a mention is stored but arrives silent; back online it rings again', async () => {
        const [a, b] = await chatUsers(api(), 2);
        const room = await createGroup(api(), b, [a]);
        const mine = await connectRecording(chat.sut, a);
        chat.track(mine.socket);
        await untilOnline(chat.sut, a);
        await setStatus(a, { presence: 'dnd' });

        const quiet = await postMessage(api(), b, room.id, `squats @${a.handle}?`);
        const [stored] = await inboxOf(api(), a, 1);
        expect(stored).toMatchObject({ kind: 'mention', message_id: quiet.id });
        await eventually(() => expect(mine.received.some((e) => e.event === 'notification' && e.payload.notification.id === stored!.id)).toBe(true));
        const silent = mine.received.find((e) => e.event === 'notification' && e.payload.notification.id === stored!.id);
        expect(silent?.payload).toMatchObject({ silent: true, unread_count: 1 });

        await setStatus(a, { presence: 'online' });
        const loud = await postMessage(api(), b, room.id, `deadlift @${a.handle}?`);
        const items = await inboxOf(api(), a, 2);
        expect(items[0]).toMatchObject({ kind: 'mention', message_id: loud.id });
        await settle(chat.sut);
        const ring = mine.received.find((e) => e.event === 'notification' && e.payload.notification.id === items[0]!.id);
        expect(ring?.payload.unread_count).toBe(2);
        expect(ring?.payload.silent).toBeUndefined();
      });
    });
  });
}
