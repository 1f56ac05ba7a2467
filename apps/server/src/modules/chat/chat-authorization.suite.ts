import { type ClientToServerEvents, type HttpMethod, type Message, routes } from '@discordgym/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chatUser,
  type ChatUser,
  chatUsers,
  clientId,
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
import { pdfBytes, uploadAttachment } from '../../../test/chat-attachment-fixtures';
import { expectError } from '../../../test/expect-error';
import { connectSocket, emitAck, eventually } from '../../../test/sockets';

const ALLOWED_ORIGIN = 'https://app.discordgym.test';

/** Every chat route that names a room or a message (listing and creating rooms name none). */
const ROOM_ROUTES = Object.entries(routes)
  .filter(([name, route]) => /^\/api\/(chatrooms|messages|search)\b/.test(route.path) && !['listChatrooms', 'createChatroom'].includes(name))
  .map(([name]) => name);

interface Target {
  room: string;
  message: string;
  member: string;
  word: string;
  /** A PDF on a message of the room. */
  attachment: string;
}

/** How to aim each of those routes at someone else's room or message. */
const REST_CASES: Record<string, (t: Target) => { params: Record<string, string>; query?: string; body?: unknown }> = {
  getChatroom: (t) => ({ params: { id: t.room } }),
  updateChatroom: (t) => ({ params: { id: t.room }, body: { name: 'taken over' } }),
  deleteChatroom: (t) => ({ params: { id: t.room } }),
  addParticipants: (t) => ({ params: { id: t.room }, body: { user_ids: [t.member] } }),
  removeParticipant: (t) => ({ params: { id: t.room, userId: t.member } }),
  history: (t) => ({ params: { chatroomId: t.room }, query: '?after_seq=0' }),
  sendMessage: (t) => ({ params: {}, body: { chatroom_id: t.room, content: 'let me in', client_id: clientId() } }),
  editMessage: (t) => ({ params: { id: t.message }, body: { content: 'defaced' } }),
  deleteMessage: (t) => ({ params: { id: t.message } }),
  markRead: (t) => ({ params: { chatroomId: t.room }, body: { seq: 1 } }),
  addReaction: (t) => ({ params: { id: t.message, emoji: encodeURIComponent('💩') } }),
  removeReaction: (t) => ({ params: { id: t.message, emoji: encodeURIComponent('👍') } }),
  searchMessages: (t) => ({ params: {}, query: `?q=${t.word}&chatroom_id=${t.room}` }),
  setNotificationLevel: (t) => ({ params: { id: t.room }, body: { level: 'none' } }),
  dismissRemoval: (t) => ({ params: { id: t.room } }),
  reportMessage: (t) => ({ params: { id: t.message }, body: { reason: 'spam' } }),
  createChatAttachments: (t) => ({ params: { id: t.room }, body: { files: [{ client_id: clientId(), name: 'x.pdf', type: 'application/pdf', size: 100 }] } }),
  completeChatAttachment: (t) => ({ params: { id: t.room, attachmentId: t.attachment } }),
  getChatAttachment: (t) => ({ params: { id: t.room, attachmentId: t.attachment } }),
  chatAttachmentLinks: (t) => ({ params: { id: t.room }, body: { attachment_ids: [t.attachment] } }),
};

/** Every client event, aimed at someone else's room. A new event fails to compile until it is here. */
const SOCKET_CASES: { [E in keyof ClientToServerEvents]: ((t: Target) => Parameters<ClientToServerEvents[E]>[0]) | null } = {
  'join-room': (t) => ({ chatroom_id: t.room }),
  'send-message': (t) => ({ chatroom_id: t.room, content: 'let me in', client_id: clientId() }),
  typing: (t) => ({ chatroom_id: t.room, is_typing: true }),
  read: (t) => ({ chatroom_id: t.room, seq: 1 }),
  // Answered per room (ok, with that room's NOT_FOUND); checked apart below.
  sync: null,
  // Leaving a room one is not in is harmless and answered ok; checked apart below.
  'leave-room': null,
  // Not about a room.
  presence: null,
  // About the sender only (their own user_id): refused with anyone else's in seed003-compat.suite.ts.
  'user-online': null,
  auth: null,
  // About albums: their matrix is in modules/albums (album-wall suites).
  'join-album': null,
  'leave-album': null,
  'album-sync': null,
};

const fill = (path: string, params: Record<string, string>) => path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `:${name}`);

/**
 * Who may do what: a user who is not (or no longer) in a room can neither read it, write
 * to it, nor hear it, over any route or event. And who may connect at all.
 */
export function describeChatAuthorization(mode: string, start: StartChatServer): void {
  describe(`chat authorization (${mode})`, () => {
    const chat = useChatServer(start, { CORS_ORIGINS: ALLOWED_ORIGIN });
    const { connect } = chat;

    describe('a room seen from outside', () => {
      let owner: ChatUser;
      let member: ChatUser;
      let stranger: ChatUser;
      let former: ChatUser;
      let target: Target;
      let formerMessage: Message;

      beforeAll(async () => {
        [owner, member, stranger, former] = await chatUsers(chat.api, 4);
        const room = await createGroup(chat.api, owner, [member, former]);
        const word = `deadlift${Date.now().toString(36)}`;
        const message = await postMessage(chat.api, member, room.id, `the ${word} plan`);
        formerMessage = await postMessage(chat.api, former, room.id, `my own ${word}, before I left`);
        expect((await chat.api.put(`/api/messages/${message.id}/reactions/${encodeURIComponent('👍')}`, undefined, { token: owner.token })).status).toBe(200);
        const file = await uploadAttachment(chat.api, member.token, room.id, { name: 'plan.pdf', type: 'application/pdf', bytes: pdfBytes() });
        const withFile = await chat.api.post('/api/messages', { chatroom_id: room.id, content: '', client_id: clientId(), attachment_ids: [file.id] }, { token: member.token });
        expect(withFile.status, JSON.stringify(withFile.body)).toBe(201);
        expect((await chat.api.delete(`/api/chatrooms/${room.id}/participants/${former.id}`, { token: former.token })).status).toBe(204);
        target = { room: room.id, message: message.id, member: member.id, word, attachment: file.id };
      });

      const roomAsOwner = async () => {
        const [room, history] = await Promise.all([
          chat.api.get(`/api/chatrooms/${target.room}`, { token: owner.token }),
          chat.api.get(`/api/messages/${target.room}?limit=100`, { token: owner.token }),
        ]);
        expect(room.status).toBe(200);
        return { room: room.body, history: history.body };
      };

      it('covers every route that names a room or a message', () => {
        expect(Object.keys(REST_CASES).sort()).toEqual([...ROOM_ROUTES].sort());
      });

      it.each(['stranger', 'former member'])('answers a %s 404 on every one of them, and nothing changes', async (who) => {
        const outsider = who === 'stranger' ? stranger : former;
        const before = await roomAsOwner();
        await expectNoChatWrites(chat.sut, async () => {
          for (const name of ROOM_ROUTES) {
            const route = routes[name as keyof typeof routes];
            const { params, query, body } = REST_CASES[name]!(target);
            const path = fill(route.path, params) + (query ?? '');
            const response = await chat.api.request(route.method satisfies HttpMethod, path, body, { token: outsider.token });
            expect({ name, status: response.status }).toEqual({ name, status: 404 });
            expectError(response, 404, 'NOT_FOUND');
          }
          // Removing or leaving: for myself too.
          expectError(await chat.api.delete(`/api/chatrooms/${target.room}/participants/${outsider.id}`, { token: outsider.token }), 404, 'NOT_FOUND');
        });
        expect(await roomAsOwner()).toEqual(before);
      });

      it('never finds their messages in search, even without naming the room', async () => {
        for (const outsider of [stranger, former]) {
          const response = await chat.api.get(`/api/search/messages?q=${target.word}`, { token: outsider.token });
          expect(response.status).toBe(200);
          expect(response.body.items).toEqual([]);
        }
      });

      it.each(['stranger', 'former member'])('answers a %s NOT_FOUND on every socket event, and nothing changes', async (who) => {
        const outsider = who === 'stranger' ? stranger : former;
        const socket = await connect(outsider);
        const before = await roomAsOwner();
        await expectNoChatWrites(chat.sut, async () => {
          for (const [event, payload] of Object.entries(SOCKET_CASES)) {
            if (!payload) continue;
            const ack = await emitAck(socket, event as 'join-room', payload(target) as never);
            expect({ event, ack }).toMatchObject({ event, ack: { ok: false, error: { code: 'NOT_FOUND' } } });
          }
          expect(await emitAck(socket, 'leave-room', { chatroom_id: target.room })).toEqual({ ok: true, data: { chatroom_id: target.room } });
          expect(await emitAck(socket, 'sync', { rooms: [{ chatroom_id: target.room, after_seq: 0 }] })).toEqual({
            ok: true,
            data: { rooms: [{ chatroom_id: target.room, messages: [], has_more: false, error: { code: 'NOT_FOUND', message: expect.any(String) } }] },
          });
        });
        expect(await roomAsOwner()).toEqual(before);
      });

      it('refuses a former member\'s retry of a message sent before leaving; the room hears nothing of it', async () => {
        const memberEvents = recordAll(await connect(member, [target.room]));
        const formerSocket = await connect(former);
        const retry = { chatroom_id: target.room, content: formerMessage.content, client_id: formerMessage.client_id };
        await expectNoChatWrites(chat.sut, async () => {
          expectError(await chat.api.post('/api/messages', retry, { token: former.token }), 404, 'NOT_FOUND');
          expectAckError(await emitAck(formerSocket, 'send-message', retry), 'NOT_FOUND');
        });
        await flushSocket(chat.api, owner, target.room, memberEvents);
        expect(memberEvents.filter((e) => e.event === 'new-message' && e.payload.id === formerMessage.id)).toEqual([]);
      });

      it('never delivers the room\'s events, or its members\' presence, to outsiders', async () => {
        const friend = await chatUser(chat.api);
        const dm = await openDm(chat.api, friend, stranger);
        const strangerSocket = await connect(stranger, [dm.id]);
        const strangerEvents = recordAll(strangerSocket);
        const formerDm = await openDm(chat.api, friend, former);
        const formerEvents = recordAll(await connect(former, [formerDm.id]));
        // Trying to get in first: refused, so nothing follows.
        expectAckError(await emitAck(strangerSocket, 'join-room', { chatroom_id: target.room }), 'NOT_FOUND');

        const memberSocket = await connect(member, [target.room]);
        const memberEvents = recordAll(memberSocket);
        const ownerSocket = await connect(owner, [target.room]);
        const sent = expectOk(await emitAck(ownerSocket, 'send-message', { chatroom_id: target.room, content: 'members only', client_id: clientId() }));
        expectOk(await emitAck(ownerSocket, 'typing', { chatroom_id: target.room, is_typing: true }));
        expectOk(await emitAck(ownerSocket, 'read', { chatroom_id: target.room, seq: sent.seq }));
        expect((await chat.api.patch(`/api/messages/${sent.id}`, { content: 'members only!' }, { token: owner.token })).status).toBe(200);
        expect((await chat.api.put(`/api/messages/${sent.id}/reactions/${encodeURIComponent('🎉')}`, undefined, { token: member.token })).status).toBe(200);
        const newcomer = await chatUser(chat.api);
        expect((await chat.api.post(`/api/chatrooms/${target.room}/participants`, { user_ids: [newcomer.id] }, { token: owner.token })).status).toBe(200);
        expect((await chat.api.delete(`/api/chatrooms/${target.room}/participants/${newcomer.id}`, { token: owner.token })).status).toBe(204);
        expect((await chat.api.put(`/api/chatrooms/${target.room}`, { name: 'renamed' }, { token: owner.token })).status).toBe(200);
        expect((await chat.api.delete(`/api/messages/${sent.id}`, { token: owner.token })).status).toBe(200);

        // The members did hear all of it …
        await eventually(() =>
          expect(new Set(eventsOfRoom(memberEvents, target.room).map((e) => e.event))).toEqual(
            new Set(['new-message', 'typing', 'read', 'message-updated', 'reaction', 'user-joined', 'user-left', 'message-deleted', 'rooms-changed']),
          ),
        );
        // … and the outsiders none of it, nor that the owner came online.
        await flushSocket(chat.api, friend, dm.id, strangerEvents);
        await flushSocket(chat.api, friend, formerDm.id, formerEvents);
        for (const events of [strangerEvents, formerEvents]) {
          expect(eventsOfRoom(events, target.room)).toEqual([]);
          expect(events.filter((e) => e.event === 'user-status-changed' && [owner.id, member.id].includes(e.payload.user_id))).toEqual([]);
        }
      });
    });

    describe('the socket handshake', () => {
      const refusal = async (token: unknown, headers?: Record<string, string>) => {
        const error: any = await connectSocket(chat.sut.url, token as string, headers ? { headers } : {}).then(
          (socket) => {
            socket.close();
            return undefined;
          },
          (e: unknown) => e,
        );
        expect(error, 'the handshake was accepted').toBeInstanceOf(Error);
        return error;
      };

      it('refuses a missing, malformed, foreign or refresh token', async () => {
        const user = await chatUser(chat.api);
        const login = await chat.api.post('/api/auth/login', { email: user.email, password: user.password });
        expect((await refusal(undefined)).data?.code).toBe('UNAUTHENTICATED');
        expect((await refusal('')).data?.code).toBe('UNAUTHENTICATED');
        expect((await refusal(12345)).data?.code).toBe('UNAUTHENTICATED');
        expect((await refusal('not-a-token')).data?.code).toBe('TOKEN_INVALID');
        const [header, payload] = user.token.split('.');
        expect((await refusal(`${header}.${payload}.${'A'.repeat(43)}`)).data?.code).toBe('TOKEN_INVALID');
        expect((await refusal(login.body.refresh_token)).data?.code).toBe('TOKEN_INVALID');
      });

      it('refuses the token of a signed-out session', async () => {
        const user = await chatUser(chat.api);
        expect((await chat.api.post('/api/auth/logout', undefined, { token: user.token })).status).toBe(204);
        expect((await refusal(user.token)).data?.code).toBe('SESSION_REVOKED');
      });

      it('tells a socket whose session ended why, hangs up, and a message sent meanwhile writes nothing', async () => {
        const [user, other] = await chatUsers(chat.api, 2);
        const room = await createGroup(chat.api, user, [other]);
        const socket = await connect(user, [room.id]);
        const received = recordAll(socket);
        expectOk(await emitAck(socket, 'typing', { chatroom_id: room.id, is_typing: true }));
        await expectNoChatWrites(chat.sut, async () => {
          expect((await chat.api.post('/api/auth/logout', undefined, { token: user.token })).status).toBe(204);
          // Racing the disconnect: refused if it arrives, never written.
          socket.emit('send-message', { chatroom_id: room.id, content: 'after logout', client_id: clientId() }, () => undefined);
          await eventually(() => expect(socket.connected).toBe(false));
        });
        expect(received).toContainEqual({ event: 'session-ended', payload: { reason: 'signed_out', message: expect.any(String) } });
      });

      it('refuses a foreign Origin; same origin, an allowed origin and no Origin connect', async () => {
        const user = await chatUser(chat.api);
        for (const transports of [['websocket'], ['polling']] as const) {
          const foreign = await connectSocket(chat.sut.url, user.token, { headers: { origin: 'https://evil.example' }, transports: [...transports] }).then(
            (socket) => {
              socket.close();
              return 'connected';
            },
            () => 'refused',
          );
          expect({ transports, foreign }).toEqual({ transports, foreign: 'refused' });
          for (const origin of [chat.sut.url, ALLOWED_ORIGIN, undefined]) {
            const socket = await connectSocket(chat.sut.url, user.token, { transports: [...transports], ...(origin ? { headers: { origin } } : {}) });
            chat.track(socket);
            expect(socket.connected).toBe(true);
            expect(await emitAck(socket, 'sync', { rooms: [] })).toEqual({ ok: true, data: { rooms: [] } });
          }
        }
        const lookalike = await connectSocket(chat.sut.url, user.token, { headers: { origin: `${chat.sut.url}.evil.example` } }).then(
          (socket) => {
            socket.close();
            return 'connected';
          },
          () => 'refused',
        );
        expect(lookalike).toBe('refused');
      });
    });
  });
}
