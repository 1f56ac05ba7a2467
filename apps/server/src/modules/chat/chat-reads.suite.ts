import { ChatroomList } from '@discordgym/contracts';
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
      it('are right for each of three members after mixed sends and reads', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const everyone = [a, b, c];
        const room = await createGroup(chat.api, a, [b, c]);
        const cSocket = await connect(c, [room.id]);
        const bSocket = await connect(b, [room.id]);
        expect(await unreadOf(everyone, room.id)).toEqual([0, 0, 0]);

        await postMessage(chat.api, a, room.id, '1');
        await postMessage(chat.api, a, room.id, '2');
        expectOk(await emitAck(bSocket, 'send-message', { chatroom_id: room.id, content: '3', client_id: clientId() }));
        expect(await unreadOf(everyone, room.id)).toEqual([1, 0, 3]);
        await postMessage(chat.api, c, room.id, '4');
        await postMessage(chat.api, a, room.id, '5');
        // My own messages are never unread for me, and sending moves my pointer to them.
        expect(await unreadOf(everyone, room.id)).toEqual([0, 2, 1]);
        expect(await readState(b, room.id)).toEqual({ unread: 2, pointer: 3 });

        expect(await markRead(b, room.id, 4)).toEqual({ chatroom_id: room.id, user_id: b.id, seq: 4 });
        expect(await unreadOf(everyone, room.id)).toEqual([0, 1, 1]);
        // Never backwards …
        expect((await markRead(b, room.id, 2)).seq).toBe(4);
        expect(expectOk(await emitAck(bSocket, 'read', { chatroom_id: room.id, seq: 0 }))).toEqual({ chatroom_id: room.id, seq: 4 });
        expect(await readState(b, room.id)).toEqual({ unread: 1, pointer: 4 });
        // … and never past the last message.
        expect(expectOk(await emitAck(cSocket, 'read', { chatroom_id: room.id, seq: 999_999 }))).toEqual({ chatroom_id: room.id, seq: 5 });
        expect(await readState(c, room.id)).toEqual({ unread: 0, pointer: 5 });
        expect(await unreadOf(everyone, room.id)).toEqual([0, 1, 0]);

        const six = await postMessage(chat.api, b, room.id, '6');
        expect(await unreadOf(everyone, room.id)).toEqual([1, 0, 1]);
        // A deleted message is not unread any more.
        expect((await chat.api.delete(`/api/messages/${six.id}`, { token: a.token })).status).toBe(200);
        expect(await unreadOf(everyone, room.id)).toEqual([0, 0, 0]);

        await postMessage(chat.api, c, room.id, '7');
        await postMessage(chat.api, c, room.id, '8');
        expect(await unreadOf(everyone, room.id)).toEqual([2, 2, 0]);
        expect(expectOk(await emitAck(bSocket, 'read', { chatroom_id: room.id, seq: 7 })).seq).toBe(7);
        expect((await markRead(a, room.id, 8)).seq).toBe(8);
        expect(await unreadOf(everyone, room.id)).toEqual([0, 1, 0]);
        expect((await readState(b, room.id)).pointer).toBe(7);
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
        expect(result.rooms[1]!.messages).toEqual(missedDm);
        expect(result.rooms[2]).toEqual({ chatroom_id: quiet.id, messages: [], has_more: false });
        expect(result.rooms.every((r) => !r.has_more)).toBe(true);

        // Nothing new: nothing returned.
        const again = expectOk(await emitAck(aSocket, 'sync', { rooms: [{ chatroom_id: group.id, after_seq: 8 }] }));
        expect(again.rooms[0]!.messages).toEqual([]);
        expect(expectOk(await emitAck(aSocket, 'sync', { rooms: [] }))).toEqual({ rooms: [] });
      });
    });
  });
}
