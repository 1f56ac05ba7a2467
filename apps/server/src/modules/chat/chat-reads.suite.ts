import { Chatroom, ChatroomList, type Message, SyncResult } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import {
  type ChatUser,
  chatUsers,
  clientId,
  createGroup,
  expectOk,
  flushSocket,
  openDm,
  postMessage,
  type ReceivedEvent,
  recordAll,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { emitAck, eventually } from '../../../test/sockets';

/**
 * Read pointers and unread counts, the `read` and `typing` events, and catching up with
 * `sync`. Run embedded and on PostgreSQL + Redis.
 */
export function describeChatReads(mode: string, start: StartChatServer): void {
  describe(`chat reads, typing and sync (${mode})`, () => {
    const chat = useChatServer(start);
    const { connect } = chat;

    /** { unread_count, last_read_seq } of one room in the user's room list. */
    const readState = async (user: ChatUser, roomId: string) => {
      const response = await chat.api.get('/api/chatrooms', { token: user.token });
      expect(response.status).toBe(200);
      const room = ChatroomList.parse(response.body).items.find((r) => r.id === roomId)!;
      const me = room.participants.find((p) => p.user.id === user.id)!;
      expect(me.last_read_seq).toBe(room.last_read_seq);
      return { unread: room.unread_count, pointer: room.last_read_seq };
    };
    const unreadOf = async (users: ChatUser[], roomId: string) => Promise.all(users.map(async (u) => (await readState(u, roomId)).unread));
    const markRead = async (user: ChatUser, roomId: string, seq: unknown) => {
      const response = await chat.api.put(`/api/messages/${roomId}/read`, { seq }, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body as { chatroom_id: string; user_id: string; seq: number };
    };

    describe('unread counts', () => {
      it('are right for each of three members after mixed sends, replies and reads', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const everyone = [a, b, c];
        const room = await createGroup(chat.api, a, [b, c]);
        const cSocket = await connect(c, [room.id]);
        const bSocket = await connect(b, [room.id]);
        const pointers = async () => Promise.all(everyone.map(async (u) => (await readState(u, room.id)).pointer));
        const send = (user: ChatUser, content: string, replyTo?: { id: string }) =>
          postMessage(chat.api, user, room.id, content, replyTo ? { reply_to_id: replyTo.id } : {});
        expect(await unreadOf(everyone, room.id)).toEqual([0, 0, 0]);

        // Nothing unread before them: my own messages move my pointer over them.
        const one = await send(a, '1');
        await send(a, '2');
        expect(await pointers()).toEqual([2, 0, 0]);
        // B writes without having read 1 and 2: they stay unread for B.
        const three = expectOk(await emitAck(bSocket, 'send-message', { chatroom_id: room.id, content: '3', client_id: clientId() }));
        expect(three.seq).toBe(3);
        expect(await unreadOf(everyone, room.id)).toEqual([1, 2, 3]);
        expect(await pointers()).toEqual([2, 0, 0]);
        // C answers 1: read up to 1, not over 2 and 3 (nor over C's own 4, with 2 and 3 unread before it).
        const four = await send(c, '4', one);
        expect(await pointers()).toEqual([2, 0, 1]);
        expect(await unreadOf(everyone, room.id)).toEqual([2, 3, 2]);
        // B answers the newest message: everything up to it is read, and B's own 5 too.
        await send(b, '5', four);
        expect(await pointers()).toEqual([2, 5, 1]);
        expect(await unreadOf(everyone, room.id)).toEqual([3, 0, 3]);

        expect(await markRead(a, room.id, 4)).toEqual({ chatroom_id: room.id, user_id: a.id, seq: 4 });
        // A writes with B's 5 unread: A's pointer stays at 4.
        await send(a, '6');
        expect(await pointers()).toEqual([4, 5, 1]);
        expect(await unreadOf(everyone, room.id)).toEqual([1, 1, 4]);

        expect(expectOk(await emitAck(cSocket, 'read', { chatroom_id: room.id, seq: 6 }))).toEqual({ chatroom_id: room.id, seq: 6 });
        const seven = expectOk(await emitAck(cSocket, 'send-message', { chatroom_id: room.id, content: '7', client_id: clientId() }));
        expect(await pointers()).toEqual([4, 5, 7]);
        expect(await unreadOf(everyone, room.id)).toEqual([2, 2, 0]);
        // Answering the newest one reads the older unread ones below it too.
        const eight = await send(a, '8', seven);
        expect(await pointers()).toEqual([8, 5, 7]);
        expect(await unreadOf(everyone, room.id)).toEqual([0, 3, 1]);

        // A deleted message is not unread, and does not hold the pointer back when C writes.
        expect((await chat.api.delete(`/api/messages/${eight.id}`, { token: a.token })).status).toBe(200);
        expect(await unreadOf(everyone, room.id)).toEqual([0, 2, 0]);
        await send(c, '9');
        expect(await pointers()).toEqual([8, 5, 9]);
        expect(await unreadOf(everyone, room.id)).toEqual([1, 3, 0]);

        // Never backwards …
        expect((await markRead(b, room.id, 2)).seq).toBe(5);
        expect(expectOk(await emitAck(bSocket, 'read', { chatroom_id: room.id, seq: 0 }))).toEqual({ chatroom_id: room.id, seq: 5 });
        // … and never past the last message.
        expect(expectOk(await emitAck(bSocket, 'read', { chatroom_id: room.id, seq: 999_999 }))).toEqual({ chatroom_id: room.id, seq: 9 });
        expect(await unreadOf(everyone, room.id)).toEqual([1, 0, 0]);
        expect(await pointers()).toEqual([8, 9, 9]);
      });

      it('tell the room when answering moved a pointer, and nothing when a send only passed my own message', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, a, [b, c]);
        const aEvents = recordAll(await connect(a, [room.id]));
        const bEvents = recordAll(await connect(b, [room.id]));
        const first = await postMessage(chat.api, a, room.id, 'first');
        await postMessage(chat.api, a, room.id, 'second');
        // B answers the first with the second unread: the pointer moves to 1, the room hears it.
        await postMessage(chat.api, b, room.id, 're: first', { reply_to_id: first.id });
        await eventually(() => expect(aEvents.filter((e) => e.event === 'read').map((e) => e.payload)).toEqual([{ chatroom_id: room.id, user_id: b.id, seq: 1 }]));
        // C sends with everything before it read (nothing): the pointer passes C's own message only, unannounced.
        expect((await markRead(c, room.id, 3)).seq).toBe(3);
        await postMessage(chat.api, c, room.id, 'c writes');
        expect((await readState(c, room.id)).pointer).toBe(4);
        await flushSocket(chat.api, a, room.id, bEvents);
        expect(bEvents.filter((e) => e.event === 'read').map((e) => e.payload)).toEqual([
          { chatroom_id: room.id, user_id: b.id, seq: 1 },
          { chatroom_id: room.id, user_id: c.id, seq: 3 },
        ]);
      });

      it('stay right for senders racing each other in one room: each passes only the run of its own messages at the start', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, a, [b, c]);
        const senders = [a, b, c];
        // Many sends at once (several connections, on PostgreSQL several transactions waiting for the room row).
        const sent = (await Promise.all(senders.flatMap((user) => Array.from({ length: 8 }, (_, i) => postMessage(chat.api, user, room.id, `${i}`))))).sort((x, y) => x.seq - y.seq);
        expect(sent.map((m) => m.seq)).toEqual(sent.map((_, i) => i + 1));
        for (const user of senders) {
          // Nobody read anything: a send passes my pointer over my own message only while nothing of anyone else's lies before it.
          const firstOfOthers = sent.find((m) => m.sender_id !== user.id)!.seq;
          const expected = sent.filter((m) => m.sender_id === user.id && m.seq < firstOfOthers).length ? firstOfOthers - 1 : 0;
          expect((await readState(user, room.id)).pointer, user.id).toBe(expected);
        }
      });

      it('keep the pointer at 0 in a room without messages', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const dm = await openDm(chat.api, a, b);
        expect((await markRead(a, dm.id, 10)).seq).toBe(0);
        expect(await readState(a, dm.id)).toEqual({ unread: 0, pointer: 0 });
      });

      it('announce every read to the room', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, a, [b, c]);
        await postMessage(chat.api, a, room.id, 'read me');
        await postMessage(chat.api, a, room.id, 'and me');
        const aEvents = recordAll(await connect(a, [room.id]));
        const cSocket = await connect(c, [room.id]);
        await markRead(b, room.id, 1);
        expectOk(await emitAck(cSocket, 'read', { chatroom_id: room.id, seq: 2 }));
        await eventually(() =>
          expect(aEvents.filter((e) => e.event === 'read').map((e) => e.payload)).toEqual([
            { chatroom_id: room.id, user_id: b.id, seq: 1 },
            { chatroom_id: room.id, user_id: c.id, seq: 2 },
          ]),
        );
      });
      it('coalesce one reader\'s quick moves: the room hears the first at once and then only the newest', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        for (const n of [1, 2, 3, 4]) await postMessage(chat.api, a, room.id, `${n}`);
        const aEvents = recordAll(await connect(a, [room.id]));
        const bSocket = await connect(b, [room.id]);
        // Reading as each message scrolls into view: every move is acked and stored.
        for (const seq of [1, 2, 3, 4]) expect(expectOk(await emitAck(bSocket, 'read', { chatroom_id: room.id, seq }))).toEqual({ chatroom_id: room.id, seq });
        expect((await readState(b, room.id)).pointer).toBe(4);
        const reads = () => aEvents.filter((e) => e.event === 'read').map((e) => e.payload.seq);
        await eventually(() => expect(reads()).toEqual([1, 4]));
        // Another reader is not held back by b's window.
        const bEvents = recordAll(bSocket);
        expect((await markRead(a, room.id, 4)).seq).toBe(4);
        await eventually(() => expect(bEvents.filter((e) => e.event === 'read').map((e) => e.payload)).toEqual([{ chatroom_id: room.id, user_id: a.id, seq: 4 }]));
      });
    });

    describe('read receipts', () => {
      const setReadReceipts = async (user: ChatUser, on: boolean) => {
        const response = await chat.api.put('/api/profile', { privacy: { read_receipts: on } }, { token: user.token });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(response.body.privacy.read_receipts).toBe(on);
      };
      /** Each participant's pointer as `viewer` sees it, by user id (the room and the room list agree). */
      const pointersSeenBy = async (viewer: ChatUser, roomId: string) => {
        const response = await chat.api.get(`/api/chatrooms/${roomId}`, { token: viewer.token });
        expect(response.status).toBe(200);
        const room = Chatroom.parse(response.body);
        const listed = ChatroomList.parse((await chat.api.get('/api/chatrooms', { token: viewer.token })).body).items.find((r) => r.id === roomId)!;
        expect(listed.participants).toEqual(room.participants);
        return Object.fromEntries(room.participants.map((p) => [p.user.id, p.last_read_seq]));
      };
      const readsIn = (events: ReceivedEvent[]) => events.filter((e) => e.event === 'read').map((e) => e.payload);

      it('of someone who turned them off reach only their own devices; nobody else sees their pointer; their counts stay right', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, a, [b, c]);
        await setReadReceipts(b, false);
        const aEvents = recordAll(await connect(a, [room.id]));
        const cSocket = await connect(c, [room.id]);
        const cEvents = recordAll(cSocket);
        const bSocket = await connect(b, [room.id]);
        // B's other device, not joined to the room: it still hears B's own reads.
        const bOther = recordAll(await connect(b));
        await postMessage(chat.api, a, room.id, 'one');
        await postMessage(chat.api, a, room.id, 'two');
        const three = await postMessage(chat.api, a, room.id, 'three');

        expect((await markRead(b, room.id, 1)).seq).toBe(1);
        expect(expectOk(await emitAck(bSocket, 'read', { chatroom_id: room.id, seq: 2 })).seq).toBe(2);
        expect(expectOk(await emitAck(cSocket, 'read', { chatroom_id: room.id, seq: 3 })).seq).toBe(3);
        // Answering 3 moves B's pointer to B's own new message (4), also unannounced to the room.
        await postMessage(chat.api, b, room.id, 're: three', { reply_to_id: three.id });
        await flushSocket(chat.api, a, room.id, aEvents);
        await flushSocket(chat.api, a, room.id, cEvents);
        const cRead = { chatroom_id: room.id, user_id: c.id, seq: 3 };
        expect(readsIn(aEvents)).toEqual([cRead]);
        expect(readsIn(cEvents)).toEqual([cRead]);
        await eventually(() => expect(readsIn(bOther)).toEqual([1, 2, 4].map((seq) => ({ chatroom_id: room.id, user_id: b.id, seq }))));

        // Room responses: B's pointer is null for A and C, B's own for B.
        expect(await pointersSeenBy(a, room.id)).toEqual({ [a.id]: 3, [b.id]: null, [c.id]: 3 });
        expect(await pointersSeenBy(c, room.id)).toEqual({ [a.id]: 3, [b.id]: null, [c.id]: 3 });
        expect(await pointersSeenBy(b, room.id)).toEqual({ [a.id]: 3, [b.id]: 4, [c.id]: 3 });
        // A's two flush messages came after B's pointer: unread for B, and nothing else is.
        expect(await readState(b, room.id)).toEqual({ unread: 2, pointer: 4 });
      });

      it('work both ways: the one who hides still sees the others; turned back on, the pointer shows again', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const dm = await openDm(chat.api, a, b);
        await setReadReceipts(a, false);
        const aEvents = recordAll(await connect(a, [dm.id]));
        const bEvents = recordAll(await connect(b, [dm.id]));
        await postMessage(chat.api, b, dm.id, 'b 1');
        await postMessage(chat.api, a, dm.id, 'a 2');

        // B shares: A hears B read and sees B's pointer.
        expect((await markRead(b, dm.id, 2)).seq).toBe(2);
        await eventually(() => expect(readsIn(aEvents)).toEqual([{ chatroom_id: dm.id, user_id: b.id, seq: 2 }]));
        // A hides: B neither hears A read nor sees A's pointer.
        expect((await markRead(a, dm.id, 2)).seq).toBe(2);
        expect(await pointersSeenBy(a, dm.id)).toEqual({ [a.id]: 2, [b.id]: 2 });
        expect(await pointersSeenBy(b, dm.id)).toEqual({ [a.id]: null, [b.id]: 2 });
        await flushSocket(chat.api, a, dm.id, bEvents);
        expect(readsIn(bEvents)).toEqual([{ chatroom_id: dm.id, user_id: b.id, seq: 2 }]);

        // A shares again: the stored pointer shows, and the next read is announced.
        await setReadReceipts(a, true);
        expect(await pointersSeenBy(b, dm.id)).toEqual({ [a.id]: 3, [b.id]: 2 });
        const b4 = await postMessage(chat.api, b, dm.id, 'b 4');
        expect((await markRead(a, dm.id, b4.seq)).seq).toBe(4);
        await eventually(() => expect(readsIn(bEvents)).toContainEqual({ chatroom_id: dm.id, user_id: a.id, seq: 4 }));

        // And B, hiding now, stops showing to A.
        await setReadReceipts(b, false);
        expect(await pointersSeenBy(a, dm.id)).toEqual({ [a.id]: 4, [b.id]: null });
        const a5 = await postMessage(chat.api, a, dm.id, 'a 5');
        expect((await markRead(b, dm.id, a5.seq)).seq).toBe(5);
        await flushSocket(chat.api, b, dm.id, aEvents);
        expect(readsIn(aEvents).filter((r) => r.user_id === b.id)).toEqual([{ chatroom_id: dm.id, user_id: b.id, seq: 2 }]);
        expect(await readState(b, dm.id)).toEqual({ unread: 0, pointer: 6 });
      });
    });

    describe('typing', () => {
      it('reaches the other members, not the sender, with its expiry', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, a, [b, c]);
        const aSocket = await connect(a, [room.id]);
        const aEvents = recordAll(aSocket);
        const bEvents = recordAll(await connect(b, [room.id]));
        const cEvents = recordAll(await connect(c, [room.id]));

        expect(await emitAck(aSocket, 'typing', { chatroom_id: room.id, is_typing: true })).toEqual({ ok: true, data: null });
        expect(await emitAck(aSocket, 'typing', { chatroom_id: room.id, is_typing: false })).toEqual({ ok: true, data: null });
        for (const events of [bEvents, cEvents]) {
          await eventually(() =>
            expect(events.filter((e) => e.event === 'typing').map((e) => e.payload)).toEqual([
              { chatroom_id: room.id, user_id: a.id, is_typing: true, expires_in_ms: expect.any(Number) },
              { chatroom_id: room.id, user_id: a.id, is_typing: false, expires_in_ms: expect.any(Number) },
            ]),
          );
          expect(events.find((e) => e.event === 'typing')!.payload.expires_in_ms).toBeGreaterThan(0);
        }
        await flushSocket(chat.api, b, room.id, aEvents);
        expect(aEvents.filter((e) => e.event === 'typing')).toEqual([]);
      });
    });

    describe('sync', () => {
      it('returns exactly the messages missed while away, per room, in seq order', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const group = await createGroup(chat.api, a, [b, c]);
        const dm = await openDm(chat.api, a, b);
        const quiet = await createGroup(chat.api, a, [c]);
        await postMessage(chat.api, b, group.id, 'seen 1');
        const seenGroup = await postMessage(chat.api, c, group.id, 'seen 2');
        const seenDm = await postMessage(chat.api, b, dm.id, 'seen dm');

        // A is away; B and C talk over REST and over the socket.
        const bSocket = await connect(b, [group.id, dm.id]);
        const missed: string[] = [];
        for (let i = 0; i < 6; i++) {
          const message =
            i % 2 === 0
              ? await postMessage(chat.api, i % 3 === 0 ? b : c, group.id, `missed ${i}`)
              : expectOk(await emitAck(bSocket, 'send-message', { chatroom_id: group.id, content: `missed ${i}`, client_id: clientId() }));
          missed.push(message.id);
        }
        const missedDm = [await postMessage(chat.api, b, dm.id, 'dm 1'), expectOk(await emitAck(bSocket, 'send-message', { chatroom_id: dm.id, content: 'dm 2', client_id: clientId() }))];

        const aSocket = await connect(a);
        const result = expectOk(
          await emitAck(aSocket, 'sync', {
            rooms: [
              { chatroom_id: group.id, after_seq: seenGroup.seq },
              { chatroom_id: dm.id, after_seq: seenDm.seq },
              { chatroom_id: quiet.id, after_seq: 0 },
            ],
          }),
        );
        expect(result.rooms.map((r) => r.chatroom_id)).toEqual([group.id, dm.id, quiet.id]);
        expect(result.rooms[0]!.messages.map((m) => m.id)).toEqual(missed);
        expect(result.rooms[0]!.messages.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7, 8]);
        // Sync adds is_read for the reader: missed means not read yet.
        expect(result.rooms[1]!.messages).toEqual(missedDm.map((m) => ({ ...m, is_read: false })));
        expect(result.rooms[2]).toEqual({ chatroom_id: quiet.id, messages: [], has_more: false });
        expect(result.rooms.every((r) => !r.has_more)).toBe(true);

        // Nothing new: nothing returned.
        const again = expectOk(await emitAck(aSocket, 'sync', { rooms: [{ chatroom_id: group.id, after_seq: 8 }] }));
        expect(again.rooms[0]!.messages).toEqual([]);
        expect(expectOk(await emitAck(aSocket, 'sync', { rooms: [] }))).toEqual({ rooms: [] });
      });

      it('answers a room I left, or was never in, for itself; the other rooms still catch up', async () => {
        const [a, b, stranger] = await chatUsers(chat.api, 3);
        const kept = await createGroup(chat.api, a, [b]);
        const left = await createGroup(chat.api, b, [a]);
        const foreign = await createGroup(chat.api, stranger, [b]);
        await postMessage(chat.api, b, left.id, 'before A left');
        expect((await chat.api.delete(`/api/chatrooms/${left.id}/participants/${a.id}`, { token: a.token })).status).toBe(204);
        await postMessage(chat.api, b, left.id, 'after A left');
        await postMessage(chat.api, b, foreign.id, 'not for A');
        const missed = await postMessage(chat.api, b, kept.id, 'for A');

        const aSocket = await connect(a);
        const result = expectOk(
          await emitAck(aSocket, 'sync', {
            rooms: [
              { chatroom_id: left.id, after_seq: 0 },
              { chatroom_id: kept.id, after_seq: 0 },
              { chatroom_id: foreign.id, after_seq: 0 },
            ],
          }),
        );
        expect(SyncResult.parse(result)).toEqual(result);
        const notFound = (chatroom_id: string) => ({ chatroom_id, messages: [], has_more: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
        expect(result.rooms).toEqual([notFound(left.id), { chatroom_id: kept.id, messages: [{ ...missed, is_read: false }], has_more: false }, notFound(foreign.id)]);
        // The same answer whether the room was left or never mine: nothing tells them apart.
        expect(result.rooms[0]!.error).toEqual(result.rooms[2]!.error);
      });

      it('answers a room named more than once once, from the lowest seq asked', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const group = await createGroup(chat.api, a, [b]);
        const dm = await openDm(chat.api, a, b);
        const sent: Message[] = [];
        for (let i = 1; i <= 4; i++) sent.push(await postMessage(chat.api, b, group.id, `g ${i}`));
        const inDm = await postMessage(chat.api, b, dm.id, 'dm');

        const aSocket = await connect(a);
        const result = expectOk(
          await emitAck(aSocket, 'sync', {
            rooms: [
              { chatroom_id: group.id, after_seq: 3 },
              { chatroom_id: dm.id, after_seq: 0 },
              { chatroom_id: group.id, after_seq: 1 },
              { chatroom_id: dm.id, after_seq: 0 },
              { chatroom_id: group.id, after_seq: 2 },
            ],
          }),
        );
        expect(result.rooms).toEqual([
          { chatroom_id: group.id, messages: sent.slice(1).map((m) => ({ ...m, is_read: false })), has_more: false },
          { chatroom_id: dm.id, messages: [{ ...inDm, is_read: false }], has_more: false },
        ]);
      });
    });
  });
}
