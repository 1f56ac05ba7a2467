import { Chatroom, ChatroomList } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  type ChatUser,
  chatUsers,
  createGroup,
  eventsOfRoom,
  expectAckError,
  expectNoChatWrites,
  expectOk,
  flushSocket,
  openDm,
  postMessage,
  recordAll,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { emitAck, eventually } from '../../../test/sockets';
import { chatrooms, messages } from '../../infra/db/schema';

/**
 * Rooms and their people over REST and Socket.IO: groups, DMs, the room list, owner rights,
 * joining and leaving. Run embedded (chat-rooms.test.ts) and on PostgreSQL + Redis
 * (chat-rooms.cluster.test.ts).
 */
export function describeChatRooms(mode: string, start: StartChatServer): void {
  describe(`chat rooms (${mode})`, () => {
    const chat = useChatServer(start);
    const { connect } = chat;

    const roomOf = async (user: ChatUser, id: string) => {
      const response = await chat.api.get(`/api/chatrooms/${id}`, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return Chatroom.parse(response.body);
    };
    const listOf = async (user: ChatUser) => {
      const response = await chat.api.get('/api/chatrooms', { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return ChatroomList.parse(response.body).items;
    };
    const roleOf = (room: Chatroom, user: ChatUser) => room.participants.find((p) => p.user.id === user.id)?.role;

    describe('groups', () => {
      it('creates a group with its owner and members, and tells every member', async () => {
        const [owner, b, c] = await chatUsers(chat.api, 3);
        const bSocket = await connect(b);
        const bEvents = recordAll(bSocket);
        const response = await chat.api.post('/api/chatrooms', { name: 'Leg day', participant_ids: [b.id, c.id, b.id] }, { token: owner.token });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
        const room = Chatroom.parse(response.body);
        expect(room).toMatchObject({ name: 'Leg day', is_group: true, created_by: owner.id, last_seq: 0, unread_count: 0, last_message: null });
        expect(room.participants.map((p) => [p.user.id, p.role]).sort()).toEqual(
          [
            [owner.id, 'owner'],
            [b.id, 'member'],
            [c.id, 'member'],
          ].sort(),
        );
        expect(room.participants.find((p) => p.user.id === b.id)!.user.handle).toBe(b.handle);
        await eventually(() => expect(bEvents).toContainEqual({ event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'added' } }));
        expect((await roomOf(c, room.id)).id).toBe(room.id);
      });

      it('refuses a group without a name, a room with only me, a DM of three, and unknown people, writing nothing', async () => {
        const [owner, b, c] = await chatUsers(chat.api, 3);
        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.post('/api/chatrooms', { participant_ids: [b.id], is_group: true }, { token: owner.token }), 400, 'VALIDATION_FAILED');
          expectError(await chat.api.post('/api/chatrooms', { participant_ids: [owner.id] }, { token: owner.token }), 400, 'VALIDATION_FAILED');
          expectError(await chat.api.post('/api/chatrooms', { participant_ids: [], is_group: false }, { token: owner.token }), 400, 'VALIDATION_FAILED');
          expectError(await chat.api.post('/api/chatrooms', { participant_ids: [b.id, c.id], is_group: false }, { token: owner.token }), 400, 'VALIDATION_FAILED');
          const ghost = '01890000-0000-7000-8000-000000000000';
          expectError(await chat.api.post('/api/chatrooms', { name: 'g', participant_ids: [b.id, ghost] }, { token: owner.token }), 404, 'NOT_FOUND');
          expectError(await chat.api.post('/api/chatrooms', { participant_ids: [ghost] }, { token: owner.token }), 404, 'NOT_FOUND');
        });
      });

      it('lets the owner rename the group; members get 403 and see the new name', async () => {
        const [owner, member] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, owner, [member], 'Before');
        const memberEvents = recordAll(await connect(member));
        const refused = await chat.api.put(`/api/chatrooms/${room.id}`, { name: 'Hijacked' }, { token: member.token });
        expectError(refused, 403, 'FORBIDDEN');
        const renamed = await chat.api.put(`/api/chatrooms/${room.id}`, { name: '  After  ' }, { token: owner.token });
        expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
        expect(Chatroom.parse(renamed.body).name).toBe('After');
        expect((await roomOf(member, room.id)).name).toBe('After');
        await eventually(() => expect(memberEvents).toContainEqual({ event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'updated' } }));
      });

      it('lets only the owner delete the group; it is gone for everyone, messages and all', async () => {
        const [owner, member] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, owner, [member]);
        await postMessage(chat.api, member, room.id, 'soon gone');
        const memberSocket = await connect(member, [room.id]);
        const memberEvents = recordAll(memberSocket);

        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.delete(`/api/chatrooms/${room.id}`, { token: member.token }), 403, 'FORBIDDEN');
        });
        const deleted = await chat.api.delete(`/api/chatrooms/${room.id}`, { token: owner.token });
        expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);

        for (const user of [owner, member]) {
          expectError(await chat.api.get(`/api/chatrooms/${room.id}`, { token: user.token }), 404, 'NOT_FOUND');
          expectError(await chat.api.get(`/api/messages/${room.id}`, { token: user.token }), 404, 'NOT_FOUND');
          expect((await listOf(user)).map((r) => r.id)).not.toContain(room.id);
        }
        const db = chat.sut.server.infra.database.db;
        expect(await db.select().from(chatrooms).where(eq(chatrooms.id, room.id))).toEqual([]);
        expect(await db.select().from(messages).where(eq(messages.chatroomId, room.id))).toEqual([]);
        await eventually(() => expect(memberEvents).toContainEqual({ event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'deleted' } }));
        expectAckError(await emitAck(memberSocket, 'join-room', { chatroom_id: room.id }), 'NOT_FOUND');
        expectError(await chat.api.delete(`/api/chatrooms/${room.id}`, { token: owner.token }), 404, 'NOT_FOUND');
      });
    });

    describe('direct messages', () => {
      it('opens a DM once: opening it again, from either side, answers the same room with 200', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const first = await chat.api.post('/api/chatrooms', { participant_ids: [b.id] }, { token: a.token });
        expect(first.status, JSON.stringify(first.body)).toBe(201);
        const dm = Chatroom.parse(first.body);
        expect(dm).toMatchObject({ is_group: false, name: null });
        expect(dm.participants.map((p) => p.user.id).sort()).toEqual([a.id, b.id].sort());

        await expectNoChatWrites(chat.sut, async () => {
          const again = await chat.api.post('/api/chatrooms', { participant_ids: [b.id] }, { token: a.token });
          expect(again.status, JSON.stringify(again.body)).toBe(200);
          expect(again.body.id).toBe(dm.id);
          const reverse = await chat.api.post('/api/chatrooms', { participant_ids: [a.id, a.id] }, { token: b.token });
          expect(reverse.status, JSON.stringify(reverse.body)).toBe(200);
          expect(reverse.body.id).toBe(dm.id);
        });
        expect((await listOf(a)).filter((r) => !r.is_group)).toHaveLength(1);
      });

      it('opens one DM when both people open it at the same moment', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const answers = await Promise.all([
          chat.api.post('/api/chatrooms', { participant_ids: [b.id] }, { token: a.token }),
          chat.api.post('/api/chatrooms', { participant_ids: [a.id] }, { token: b.token }),
          chat.api.post('/api/chatrooms', { participant_ids: [b.id] }, { token: a.token }),
        ]);
        expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
        expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
        expect((await listOf(b)).filter((r) => !r.is_group)).toHaveLength(1);
      });

      it('has no owner: it cannot be renamed, deleted, added to or left', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const dm = await openDm(chat.api, a, b);
        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.put(`/api/chatrooms/${dm.id}`, { name: 'Ours' }, { token: a.token }), 403, 'FORBIDDEN');
          expectError(await chat.api.delete(`/api/chatrooms/${dm.id}`, { token: a.token }), 403, 'FORBIDDEN');
          expectError(await chat.api.post(`/api/chatrooms/${dm.id}/participants`, { user_ids: [c.id] }, { token: a.token }), 403, 'FORBIDDEN');
          expectError(await chat.api.delete(`/api/chatrooms/${dm.id}/participants/${a.id}`, { token: a.token }), 403, 'FORBIDDEN');
          expectError(await chat.api.delete(`/api/chatrooms/${dm.id}/participants/${b.id}`, { token: a.token }), 403, 'FORBIDDEN');
        });
        expect((await roomOf(b, dm.id)).participants).toHaveLength(2);
      });
    });

    describe('the room list', () => {
      it('shows each member their unread count, the last live message and the participants', async () => {
        const [a, b, c] = await chatUsers(chat.api, 3);
        const group = await createGroup(chat.api, a, [b, c]);
        const dm = await openDm(chat.api, a, b);
        await postMessage(chat.api, b, group.id, 'one');
        await postMessage(chat.api, b, group.id, 'two');
        const last = await postMessage(chat.api, c, group.id, 'three');
        await postMessage(chat.api, b, dm.id, 'psst');

        const aRooms = await listOf(a);
        // Most recently active first.
        expect(aRooms.map((r) => r.id).slice(0, 2)).toEqual([dm.id, group.id]);
        const aGroup = aRooms.find((r) => r.id === group.id)!;
        expect(aGroup).toMatchObject({ unread_count: 3, last_seq: 3, last_read_seq: 0 });
        expect(aGroup.last_message).toEqual(last);
        expect(aGroup.participants.map((p) => p.user.id).sort()).toEqual([a.id, b.id, c.id].sort());
        expect(aRooms.find((r) => r.id === dm.id)).toMatchObject({ unread_count: 1, last_message: { content: 'psst' } });

        const bGroup = (await listOf(b)).find((r) => r.id === group.id)!;
        expect(bGroup).toMatchObject({ unread_count: 1, last_read_seq: 2 });
        // C wrote without reading B's two: they stay unread for C (sending reads only what it answers).
        const cGroup = (await listOf(c)).find((r) => r.id === group.id)!;
        expect(cGroup).toMatchObject({ unread_count: 2, last_read_seq: 0 });

        // A deleted message is neither unread nor the last message.
        expect((await chat.api.delete(`/api/messages/${last.id}`, { token: c.token })).status).toBe(200);
        const after = (await listOf(a)).find((r) => r.id === group.id)!;
        expect(after.unread_count).toBe(2);
        expect(after.last_message?.content).toBe('two');
        expect(await roomOf(a, group.id)).toEqual(after);
      });

      it('lists only my rooms', async () => {
        const [a, b, outsider] = await chatUsers(chat.api, 3);
        await createGroup(chat.api, a, [b]);
        expect(await listOf(outsider)).toEqual([]);
      });
    });

    describe('participants', () => {
      it('adds people: the room tells its members (user-joined) and the new member (rooms-changed)', async () => {
        const [owner, member, newcomer, other] = await chatUsers(chat.api, 4);
        const room = await createGroup(chat.api, owner, [member]);
        const ownerEvents = recordAll(await connect(owner, [room.id]));
        const newcomerEvents = recordAll(await connect(newcomer));

        const added = await chat.api.post(`/api/chatrooms/${room.id}/participants`, { user_ids: [newcomer.id, member.id] }, { token: member.token });
        expect(added.status, JSON.stringify(added.body)).toBe(200);
        expect(Chatroom.parse(added.body).participants.map((p) => p.user.id).sort()).toEqual([owner.id, member.id, newcomer.id].sort());
        expect(roleOf(added.body, newcomer)).toBe('member');
        await eventually(() =>
          expect(ownerEvents.filter((e) => e.event === 'user-joined')).toEqual([
            { event: 'user-joined', payload: { chatroom_id: room.id, user: expect.objectContaining({ id: newcomer.id, handle: newcomer.handle }) } },
          ]),
        );
        await eventually(() => expect(newcomerEvents).toContainEqual({ event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'added' } }));
        expect((await chat.api.get(`/api/messages/${room.id}`, { token: newcomer.token })).status).toBe(200);

        // Adding someone who is already there changes nothing and announces nothing.
        await expectNoChatWrites(chat.sut, async () => {
          const again = await chat.api.post(`/api/chatrooms/${room.id}/participants`, { user_ids: [newcomer.id] }, { token: owner.token });
          expect(again.status).toBe(200);
          const ghost = '01890000-0000-7000-8000-000000000001';
          expectError(await chat.api.post(`/api/chatrooms/${room.id}/participants`, { user_ids: [other.id, ghost] }, { token: owner.token }), 404, 'NOT_FOUND');
        });
        await flushSocket(chat.api, member, room.id, ownerEvents);
        expect(ownerEvents.filter((e) => e.event === 'user-joined')).toHaveLength(1);
        expect(roleOf(await roomOf(owner, room.id), other)).toBeUndefined();
      });

      it('lets the owner remove a member; members cannot remove each other', async () => {
        const [owner, b, c] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, owner, [b, c]);
        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.delete(`/api/chatrooms/${room.id}/participants/${c.id}`, { token: b.token }), 403, 'FORBIDDEN');
          expectError(await chat.api.delete(`/api/chatrooms/${room.id}/participants/${owner.id}`, { token: b.token }), 403, 'FORBIDDEN');
        });
        const cEvents = recordAll(await connect(c));
        const ownerEvents = recordAll(await connect(owner, [room.id]));
        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${c.id}`, { token: owner.token })).status).toBe(204);
        expect((await roomOf(b, room.id)).participants.map((p) => p.user.id).sort()).toEqual([owner.id, b.id].sort());
        await eventually(() => expect(cEvents).toContainEqual({ event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'removed' } }));
        await eventually(() =>
          expect(ownerEvents).toContainEqual({ event: 'user-left', payload: { chatroom_id: room.id, user: expect.objectContaining({ id: c.id }) } }),
        );
        // Still listed for them, read-only, until they dismiss it (chat-group-settings covers the rest).
        expect((await roomOf(c, room.id)).removed).toMatchObject({ by: { id: owner.id } });
        // Not a participant (any more): 404.
        expectError(await chat.api.delete(`/api/chatrooms/${room.id}/participants/${c.id}`, { token: owner.token }), 404, 'NOT_FOUND');
      });

      it('lets a member leave, and hands the room on when its owner leaves', async () => {
        const [owner, first, later] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, owner, [first]);
        await chat.api.post(`/api/chatrooms/${room.id}/participants`, { user_ids: [later.id] }, { token: owner.token });

        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${owner.id}`, { token: owner.token })).status).toBe(204);
        let now = await roomOf(first, room.id);
        expect(now.participants.map((p) => [p.user.id, p.role]).sort()).toEqual(
          [
            [first.id, 'owner'],
            [later.id, 'member'],
          ].sort(),
        );
        // The new owner has the owner's rights; the old one has none.
        expect((await chat.api.put(`/api/chatrooms/${room.id}`, { name: 'Mine now' }, { token: first.token })).status).toBe(200);
        expectError(await chat.api.put(`/api/chatrooms/${room.id}`, { name: 'Back' }, { token: owner.token }), 404, 'NOT_FOUND');

        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${later.id}`, { token: later.token })).status).toBe(204);
        now = await roomOf(first, room.id);
        expect(now.participants.map((p) => p.user.id)).toEqual([first.id]);

        // The last one out: the room goes.
        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${first.id}`, { token: first.token })).status).toBe(204);
        const db = chat.sut.server.infra.database.db;
        expect(await db.select().from(chatrooms).where(eq(chatrooms.id, room.id))).toEqual([]);
      });

      it('join-room answers the head seq; leave-room stops the events for that socket only', async () => {
        const [a, b] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, a, [b]);
        await postMessage(chat.api, a, room.id, 'one');
        const last = await postMessage(chat.api, a, room.id, 'two');
        const leaving = await connect(b);
        expect(await emitAck(leaving, 'join-room', { chatroom_id: room.id })).toEqual({ ok: true, data: { chatroom_id: room.id, last_seq: last.seq } });
        const staying = await connect(b, [room.id]);
        const leavingEvents = recordAll(leaving);
        const stayingEvents = recordAll(staying);
        expect(await emitAck(leaving, 'leave-room', { chatroom_id: room.id })).toEqual({ ok: true, data: { chatroom_id: room.id } });
        const after = await postMessage(chat.api, a, room.id, 'three');
        await eventually(() => expect(stayingEvents.map((e) => e.payload?.id)).toContain(after.id));
        // The same socket, joined to a DM, proves it is live and up to date.
        const dm = await openDm(chat.api, a, b);
        expectOk(await emitAck(leaving, 'join-room', { chatroom_id: dm.id }));
        await flushSocket(chat.api, a, dm.id, leavingEvents);
        expect(eventsOfRoom(leavingEvents, room.id)).toEqual([]);
        // Still a member: REST answers as before.
        expect((await roomOf(b, room.id)).last_seq).toBe(after.seq);
      });

      it('stops the room\'s events to every socket of a removed user, and refuses their re-join', async () => {
        const [owner, member, removed, friend] = await chatUsers(chat.api, 4);
        const room = await createGroup(chat.api, owner, [member, removed]);
        const dm = await openDm(chat.api, friend, removed);
        const tab1 = await connect(removed, [room.id, dm.id]);
        const tab2 = await connect(removed, [room.id, dm.id]);
        const tab1Events = recordAll(tab1);
        const tab2Events = recordAll(tab2);
        const before = await postMessage(chat.api, member, room.id, 'you can still see this');
        await eventually(() => {
          for (const events of [tab1Events, tab2Events]) expect(events.map((e) => e.payload?.id)).toContain(before.id);
        });

        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${removed.id}`, { token: owner.token })).status).toBe(204);
        const removal = { event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'removed' } };
        await eventually(() => {
          for (const events of [tab1Events, tab2Events]) expect(events).toContainEqual(removal);
        });
        tab1Events.length = 0;
        tab2Events.length = 0;
        const ownerSocket = await connect(owner, [room.id]);
        const message = await postMessage(chat.api, member, room.id, 'secret plans');
        expect((await chat.api.patch(`/api/messages/${message.id}`, { content: 'secret plans v2' }, { token: member.token })).status).toBe(200);
        expect((await chat.api.put(`/api/messages/${message.id}/reactions/${encodeURIComponent('👍')}`, undefined, { token: owner.token })).status).toBe(200);
        expect((await chat.api.put(`/api/messages/${room.id}/read`, { seq: message.seq }, { token: owner.token })).status).toBe(200);
        expect((await emitAck(ownerSocket, 'typing', { chatroom_id: room.id, is_typing: true })).ok).toBe(true);
        expect((await chat.api.delete(`/api/messages/${message.id}`, { token: member.token })).status).toBe(200);

        expectAckError(await emitAck(tab1, 'join-room', { chatroom_id: room.id }), 'NOT_FOUND');
        await postMessage(chat.api, member, room.id, 'after the re-join attempt');
        await flushSocket(chat.api, friend, dm.id, tab1Events);
        await flushSocket(chat.api, friend, dm.id, tab2Events);
        expect(eventsOfRoom(tab1Events, room.id)).toEqual([]);
        expect(eventsOfRoom(tab2Events, room.id)).toEqual([]);
      });
    });
  });
}
