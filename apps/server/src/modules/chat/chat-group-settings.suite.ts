import { Chatroom, ChatroomList, type Message, MessagePage, SearchResults, type SyncResult } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  type ChatUser,
  chatUsers,
  clientId,
  createGroup,
  expectAckError,
  expectNoChatWrites,
  expectOk,
  postMessage,
  recordAll,
  type ReceivedEvent,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { emitAck, eventually } from '../../../test/sockets';
import { chatroomParticipants, chatrooms } from '../../infra/db/schema';
import { ChatService } from './chat.service';

const GHOST = '01890000-0000-7000-8000-000000000000';

/**
 * Group settings (issue 14.1): the owner renames the group and picks a built-in icon; system
 * lines for added / left / removed / renamed travel like messages; someone removed keeps the
 * room read-only until they dismiss it. Run embedded (chat-group-settings.test.ts) and on
 * PostgreSQL + Redis (chat-group-settings.cluster.test.ts).
 */
export function describeChatGroupSettings(mode: string, start: StartChatServer): void {
  describe(`chat group settings (${mode})`, () => {
    const chat = useChatServer(start);
    const { connect } = chat;

    const roomOf = async (user: ChatUser, id: string) => {
      const response = await chat.api.get(`/api/chatrooms/${id}`, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return Chatroom.parse(response.body);
    };
    const listOf = async (user: ChatUser) => ChatroomList.parse((await chat.api.get('/api/chatrooms', { token: user.token })).body).items;
    const history = async (user: ChatUser, roomId: string, query = '') => {
      const response = await chat.api.get(`/api/messages/${roomId}${query}`, { token: user.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return MessagePage.parse(response.body).items;
    };
    const systemLines = (messages: Message[]) => messages.filter((m) => m.system).map((m) => ({ sender: m.sender_id, ...m.system }));
    const liveSystem = (events: ReceivedEvent[], type: string) =>
      events.filter((e) => e.event === 'new-message' && (e.payload as Message).system?.type === type).map((e) => e.payload as Message);
    const dbRoom = async (id: string) => (await chat.sut.server.infra.database.db.select().from(chatrooms).where(eq(chatrooms.id, id)))[0]!;

    describe('rename and icon', () => {
      it('lets the owner rename the group and choose a built-in icon; members see both and a system line, live and after reload', async () => {
        const [owner, member] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, owner, [member], 'Before');
        const memberEvents = recordAll(await connect(member, [room.id]));

        const response = await chat.api.put(`/api/chatrooms/${room.id}`, { name: 'Leg day', icon: 'dumbbell' }, { token: owner.token });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(Chatroom.parse(response.body)).toMatchObject({ name: 'Leg day', icon: 'dumbbell' });
        expect(await roomOf(member, room.id)).toMatchObject({ name: 'Leg day', icon: 'dumbbell' });

        await eventually(() => expect(liveSystem(memberEvents, 'renamed')).toHaveLength(1));
        expect(liveSystem(memberEvents, 'renamed')[0]).toMatchObject({ sender_id: owner.id, content: '', system: { type: 'renamed', name: 'Leg day' } });
        expect(memberEvents).toContainEqual({ event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'updated' } });
        expect(systemLines(await history(member, room.id))).toEqual([{ sender: owner.id, type: 'renamed', name: 'Leg day' }]);

        // The icon alone: no system line; null goes back to the initials.
        const iconOnly = await chat.api.put(`/api/chatrooms/${room.id}`, { icon: 'runner' }, { token: owner.token });
        expect(Chatroom.parse(iconOnly.body)).toMatchObject({ name: 'Leg day', icon: 'runner' });
        const cleared = await chat.api.put(`/api/chatrooms/${room.id}`, { icon: null }, { token: owner.token });
        expect(Chatroom.parse(cleared.body).icon).toBeNull();
        expect(systemLines(await history(owner, room.id))).toHaveLength(1);
      });

      it('answers a member 403 and bad input 400, writing nothing', async () => {
        const [owner, member] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, owner, [member], 'Steady');
        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.put(`/api/chatrooms/${room.id}`, { name: 'Mine now' }, { token: member.token }), 403, 'FORBIDDEN');
          expectError(await chat.api.put(`/api/chatrooms/${room.id}`, { icon: 'dumbbell' }, { token: member.token }), 403, 'FORBIDDEN');
          for (const body of [{ name: '' }, { name: '   ' }, { icon: 'skull' }, { icon: '../x' }, { icon: 7 }, {}, { name: 'ok', colour: 'red' }, { name: 'x'.repeat(101) }]) {
            const refused = await chat.api.put(`/api/chatrooms/${room.id}`, body, { token: owner.token });
            expect({ body, status: refused.status }).toEqual({ body, status: 400 });
            expectError(refused, 400, 'VALIDATION_FAILED');
          }
          expectError(await chat.api.put(`/api/chatrooms/not-an-id`, { name: 'x' }, { token: owner.token }), 400, 'VALIDATION_FAILED');
        });
        expect(await dbRoom(room.id)).toMatchObject({ name: 'Steady', icon: null });
      });
    });

    describe('system lines', () => {
      it('records added, left and removed in history, sync and as new-message events, in seq order with the messages', async () => {
        const [owner, ada, bob, cy] = await chatUsers(chat.api, 4);
        const room = await createGroup(chat.api, owner, [ada]);
        const adaEvents = recordAll(await connect(ada, [room.id]));
        const hello = await postMessage(chat.api, ada, room.id, 'hello');

        expect((await chat.api.post(`/api/chatrooms/${room.id}/participants`, { user_ids: [bob.id, cy.id] }, { token: owner.token })).status).toBe(200);
        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${bob.id}`, { token: bob.token })).status).toBe(204);
        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${cy.id}`, { token: owner.token })).status).toBe(204);

        const expected = [
          { sender: owner.id, type: 'added', users: expect.arrayContaining([{ id: bob.id, name: bob.username }, { id: cy.id, name: cy.username }]) },
          { sender: bob.id, type: 'left' },
          { sender: owner.id, type: 'removed', user: { id: cy.id, name: cy.username } },
        ];
        const page = await history(ada, room.id, '?after_seq=0');
        expect(page.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
        expect(page[0]!.id).toBe(hello.id);
        expect(systemLines(page)).toEqual(expected);
        expect(systemLines(await history(ada, room.id))).toEqual([...expected].reverse());

        await eventually(() => expect(systemLines(adaEvents.filter((e) => e.event === 'new-message').map((e) => e.payload as Message))).toEqual(expected));
        const socket = await connect(ada);
        const synced = expectOk(await emitAck(socket, 'sync', { rooms: [{ chatroom_id: room.id, after_seq: 1 }] })) as SyncResult;
        expect(systemLines(synced.rooms[0]!.messages)).toEqual(expected);

        // Not unread for anyone (the actor reads their own line; the others are not told of news).
        const adaRoom = await roomOf(ada, room.id);
        expect(adaRoom.unread_count).toBe(0);
        expect(adaRoom.last_message?.system).toEqual({ type: 'removed', user: { id: cy.id, name: cy.username } });
      });

      it('cannot be edited, reacted to, replied to or deleted, and is not found by search', async () => {
        const [owner, member, newcomer] = await chatUsers(chat.api, 3);
        const room = await createGroup(chat.api, owner, [member]);
        const name = `Zanzibar${Date.now()}`;
        await chat.api.put(`/api/chatrooms/${room.id}`, { name }, { token: owner.token });
        await chat.api.post(`/api/chatrooms/${room.id}/participants`, { user_ids: [newcomer.id] }, { token: owner.token });
        const lines = (await history(owner, room.id)).filter((m) => m.system);
        expect(lines).toHaveLength(2);
        await expectNoChatWrites(chat.sut, async () => {
          for (const line of lines) {
            expectError(await chat.api.patch(`/api/messages/${line.id}`, { content: 'rewritten' }, { token: owner.token }), 403, 'FORBIDDEN');
            expectError(await chat.api.put(`/api/messages/${line.id}/reactions/${encodeURIComponent('👍')}`, undefined, { token: member.token }), 403, 'FORBIDDEN');
            expectError(await chat.api.delete(`/api/messages/${line.id}`, { token: owner.token }), 403, 'FORBIDDEN');
            const reply = await chat.api.post('/api/messages', { chatroom_id: room.id, content: 're', client_id: clientId(), reply_to_id: line.id }, { token: member.token });
            expectError(reply, 403, 'FORBIDDEN');
          }
        });
        for (const q of [name, newcomer.username]) {
          const search = await chat.api.get(`/api/search/messages?q=${encodeURIComponent(q)}&chatroom_id=${room.id}`, { token: owner.token });
          expect(search.status, JSON.stringify(search.body)).toBe(200);
          expect(SearchResults.parse(search.body).items).toEqual([]);
        }
      });
    });

    describe('a removed member', () => {
      it('keeps the room read-only up to the removal, cannot send, read on, join or find it, until they dismiss it', async () => {
        const [owner, member, removed] = await chatUsers(chat.api, 3);
        const word = `kettlebell${Date.now()}`;
        const room = await createGroup(chat.api, owner, [member, removed], 'Crew');
        const before = await postMessage(chat.api, member, room.id, `before ${word}`);
        const removedSocket = await connect(removed, [room.id]);
        const removedEvents = recordAll(removedSocket);
        const otherDevice = recordAll(await connect(removed));

        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${removed.id}`, { token: owner.token })).status).toBe(204);
        // They hear of it live: the system line (on their own channel) and the room's change.
        await eventually(() => expect(liveSystem(removedEvents, 'removed')).toHaveLength(1));
        await eventually(() => expect(otherDevice).toContainEqual({ event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'removed' } }));

        const after = await postMessage(chat.api, member, room.id, `after ${word}`);
        const listed = (await listOf(removed)).find((r) => r.id === room.id);
        expect(listed).toMatchObject({ name: 'Crew', removed: { by: { id: owner.id, name: owner.username } }, participants: [], last_seq: after.seq - 1, unread_count: 1 });
        expect(listed!.last_message?.system?.type).toBe('removed');

        // History up to the removal, never further (before, newest page, catch-up, sync).
        const seen = await history(removed, room.id);
        expect(seen.map((m) => m.id)).toContain(before.id);
        expect(seen.map((m) => m.id)).not.toContain(after.id);
        expect(seen[0]!.system).toEqual({ type: 'removed', user: { id: removed.id, name: removed.username } });
        expect((await history(removed, room.id, '?after_seq=0')).map((m) => m.id)).not.toContain(after.id);
        expect(await history(removed, room.id, `?after_seq=${after.seq - 1}`)).toEqual([]);
        const synced = expectOk(await emitAck(removedSocket, 'sync', { rooms: [{ chatroom_id: room.id, after_seq: 0 }] })) as SyncResult;
        expect(synced.rooms[0]!.messages.map((m) => m.id)).not.toContain(after.id);
        expect(removedEvents.some((e) => e.event === 'new-message' && e.payload.id === after.id)).toBe(false);

        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'still here?', client_id: clientId() }, { token: removed.token }), 403, 'FORBIDDEN');
          expectAckError(await emitAck(removedSocket, 'send-message', { chatroom_id: room.id, content: 'hello?', client_id: clientId() }), 'FORBIDDEN');
          expectAckError(await emitAck(removedSocket, 'join-room', { chatroom_id: room.id }), 'NOT_FOUND');
          expectAckError(await emitAck(removedSocket, 'typing', { chatroom_id: room.id, is_typing: true }), 'NOT_FOUND');
          expectError(await chat.api.put(`/api/messages/${room.id}/read`, { seq: 1 }, { token: removed.token }), 404, 'NOT_FOUND');
          expectError(await chat.api.put(`/api/messages/${before.id}/reactions/${encodeURIComponent('👍')}`, undefined, { token: removed.token }), 404, 'NOT_FOUND');
          expectError(await chat.api.put(`/api/chatrooms/${room.id}`, { name: 'x' }, { token: removed.token }), 404, 'NOT_FOUND');
          expectError(await chat.api.post(`/api/chatrooms/${room.id}/participants`, { user_ids: [owner.id] }, { token: removed.token }), 404, 'NOT_FOUND');
          expectError(await chat.api.delete(`/api/chatrooms/${room.id}/participants/${removed.id}`, { token: removed.token }), 404, 'NOT_FOUND');
        });
        const search = await chat.api.get(`/api/search/messages?q=${word}`, { token: removed.token });
        expect(SearchResults.parse(search.body).items).toEqual([]);
        // Nor a room mate for presence, nor among the members the others see.
        expect(await chat.sut.server.app.get(ChatService).roomMateIds(removed.id)).not.toContain(owner.id);
        expect((await roomOf(member, room.id)).participants.map((p) => p.user.id)).not.toContain(removed.id);

        // Dismissing: gone from their list for good, on every device.
        const dismissed = await chat.api.delete(`/api/chatrooms/${room.id}/removal`, { token: removed.token });
        expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(204);
        await eventually(() => expect(otherDevice).toContainEqual({ event: 'rooms-changed', payload: { chatroom_id: room.id, reason: 'deleted' } }));
        expect((await listOf(removed)).map((r) => r.id)).not.toContain(room.id);
        expectError(await chat.api.get(`/api/messages/${room.id}`, { token: removed.token }), 404, 'NOT_FOUND');
        expectError(await chat.api.delete(`/api/chatrooms/${room.id}/removal`, { token: removed.token }), 404, 'NOT_FOUND');
        const db = chat.sut.server.infra.database.db;
        expect(await db.select().from(chatroomParticipants).where(eq(chatroomParticipants.userId, removed.id))).toEqual([]);
      });

      it('comes back as a full member when added again', async () => {
        const [owner, removed] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, owner, [removed]);
        await chat.api.delete(`/api/chatrooms/${room.id}/participants/${removed.id}`, { token: owner.token });
        expect((await chat.api.post(`/api/chatrooms/${room.id}/participants`, { user_ids: [removed.id] }, { token: owner.token })).status).toBe(200);
        expect((await roomOf(removed, room.id)).removed).toBeNull();
        await postMessage(chat.api, removed, room.id, 'back again');
      });

      it('answers bad input on the dismiss route 400 and others 404, writing nothing', async () => {
        const [owner, member] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, owner, [member]);
        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.delete('/api/chatrooms/not-an-id/removal', { token: member.token }), 400, 'VALIDATION_FAILED');
          // A member now, or a stranger: nothing to dismiss.
          expectError(await chat.api.delete(`/api/chatrooms/${room.id}/removal`, { token: member.token }), 404, 'NOT_FOUND');
          expectError(await chat.api.delete(`/api/chatrooms/${GHOST}/removal`, { token: member.token }), 404, 'NOT_FOUND');
          expectError(await chat.api.delete(`/api/chatrooms/${room.id}/removal`, {}), 401, 'UNAUTHENTICATED');
        });
      });
    });
  });
}
