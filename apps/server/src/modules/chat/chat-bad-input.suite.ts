import { type ClientToServerEvents, MESSAGE_MAX_LENGTH } from '@discordgym/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse } from '../../../test/api-client';
import {
  type ChatUser,
  chatUsers,
  clientId,
  createGroup,
  expectNoChatWrites,
  expectOk,
  flushSocket,
  postMessage,
  recordAll,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { connectSocket, emitAck, eventually } from '../../../test/sockets';

const UNKNOWN_ID = '01890000-0000-7000-8000-00000000abcd';
/** Strings that are not our ids: not a UUID, a UUIDv4, injection, NUL, a path, too long. */
const BAD_IDS = ['abc', '123', '550e8400-e29b-41d4-a716-446655440000', "1' or '1'='1", '%00', '..%2F..%2Fetc', '%F0%9F%91%8D', 'a'.repeat(300)];
const CONTROL = ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u202e', '\u2066'];
const BLANK = ['', ' ', '   ', '\n', '\t\n  \n'];
const WRONG_TYPES: unknown[] = [null, 42, true, [], {}, ['a'], { $ne: '' }];
const ONE_MB = 'x'.repeat(1024 * 1024);

type Req = { method: string; path: string; body?: unknown; raw?: string; headers?: Record<string, string>; status: number; code?: string };

/**
 * Bad input on every chat endpoint and event: refused with a 4xx or an error ack in the
 * one error shape, never a 500 or a crash, and never a row written.
 */
export function describeChatBadInput(mode: string, start: StartChatServer): void {
  describe(`chat bad input (${mode})`, () => {
    const chat = useChatServer(start);
    const { connect } = chat;
    let owner: ChatUser;
    let member: ChatUser;
    let roomId: string;
    let messageId: string;

    beforeAll(async () => {
      [owner, member] = await chatUsers(chat.api, 2);
      roomId = (await createGroup(chat.api, owner, [member], 'Bad input')).id;
      messageId = (await postMessage(chat.api, member, roomId, 'the target')).id;
    });

    const send = (r: Req): Promise<ApiResponse> =>
      chat.api.request(r.method, r.path, r.body, { token: owner.token, ...(r.raw !== undefined ? { raw: r.raw } : {}), ...(r.headers ? { headers: r.headers } : {}) });

    /** Every request refused as expected, and the room exactly as it was. */
    const expectAllRefused = async (requests: Req[]) => {
      const snapshot = async () => [
        (await chat.api.get(`/api/chatrooms/${roomId}`, { token: owner.token })).body,
        (await chat.api.get(`/api/messages/${roomId}?limit=100&before_seq=${Number.MAX_SAFE_INTEGER}`, { token: owner.token })).body,
      ];
      const before = await snapshot();
      await expectNoChatWrites(chat.sut, async () => {
        for (const r of requests) {
          const response = await send(r);
          const label = `${r.method} ${r.path.slice(0, 120)} ${JSON.stringify(r.body ?? r.raw ?? null).slice(0, 120)}`;
          expect({ label, status: response.status }).toEqual({ label, status: r.status });
          expectError(response, r.status, r.code as never);
        }
      });
      expect(await snapshot()).toEqual(before);
      // Still serving.
      expect((await chat.api.get('/health')).status).toBe(200);
    };

    describe('over REST', () => {
      it('refuses ids that are not our ids, on every route, with 400', async () => {
        const requests: Req[] = [];
        for (const bad of BAD_IDS) {
          const status = 400;
          requests.push(
            { method: 'GET', path: `/api/chatrooms/${bad}`, status },
            { method: 'PUT', path: `/api/chatrooms/${bad}`, body: { name: 'x' }, status },
            { method: 'DELETE', path: `/api/chatrooms/${bad}`, status },
            { method: 'POST', path: `/api/chatrooms/${bad}/participants`, body: { user_ids: [member.id] }, status },
            { method: 'DELETE', path: `/api/chatrooms/${bad}/participants/${member.id}`, status },
            { method: 'DELETE', path: `/api/chatrooms/${roomId}/participants/${bad}`, status },
            { method: 'GET', path: `/api/messages/${bad}`, status },
            { method: 'PATCH', path: `/api/messages/${bad}`, body: { content: 'x' }, status },
            { method: 'DELETE', path: `/api/messages/${bad}`, status },
            { method: 'PUT', path: `/api/messages/${bad}/read`, body: { seq: 1 }, status },
            { method: 'PUT', path: `/api/messages/${bad}/reactions/${encodeURIComponent('👍')}`, status },
            { method: 'DELETE', path: `/api/messages/${bad}/reactions/${encodeURIComponent('👍')}`, status },
            { method: 'GET', path: `/api/search/messages?q=plan&chatroom_id=${bad}`, status },
          );
          for (const field of ['chatroom_id', 'reply_to_id'] as const) {
            requests.push({ method: 'POST', path: '/api/messages', body: { chatroom_id: roomId, content: 'x', client_id: clientId(), [field]: decodeURIComponent(bad) }, status });
          }
          requests.push(
            { method: 'POST', path: '/api/chatrooms', body: { name: 'g', participant_ids: [decodeURIComponent(bad)] }, status },
            { method: 'POST', path: `/api/chatrooms/${roomId}/participants`, body: { user_ids: [decodeURIComponent(bad)] }, status },
          );
        }
        await expectAllRefused(requests);
      });

      it('answers ROUTE_NOT_FOUND when an id is missing from the path', async () => {
        const status = 404;
        const code = 'ROUTE_NOT_FOUND';
        await expectAllRefused([
          { method: 'GET', path: '/api/chatrooms/', status, code },
          { method: 'PUT', path: '/api/chatrooms/', body: { name: 'x' }, status, code },
          { method: 'DELETE', path: '/api/chatrooms/', status, code },
          { method: 'POST', path: '/api/chatrooms//participants', body: { user_ids: [member.id] }, status, code },
          { method: 'DELETE', path: `/api/chatrooms/${roomId}/participants/`, status, code },
          { method: 'DELETE', path: `/api/chatrooms//participants/${member.id}`, status, code },
          { method: 'GET', path: '/api/messages/', status, code },
          { method: 'PATCH', path: '/api/messages/', body: { content: 'x' }, status, code },
          { method: 'DELETE', path: '/api/messages/', status, code },
          { method: 'PUT', path: '/api/messages//read', body: { seq: 1 }, status, code },
          { method: 'PUT', path: `/api/messages/${messageId}/reactions/`, status, code },
          { method: 'DELETE', path: `/api/messages/${messageId}/reactions/`, status, code },
          { method: 'PUT', path: `/api/messages//reactions/${encodeURIComponent('👍')}`, status, code },
        ]);
      });

      it('answers 404 for rooms, messages and people that do not exist', async () => {
        const status = 404;
        await expectAllRefused([
          { method: 'GET', path: `/api/chatrooms/${UNKNOWN_ID}`, status },
          { method: 'PUT', path: `/api/chatrooms/${UNKNOWN_ID}`, body: { name: 'x' }, status },
          { method: 'DELETE', path: `/api/chatrooms/${UNKNOWN_ID}`, status },
          { method: 'POST', path: `/api/chatrooms/${UNKNOWN_ID}/participants`, body: { user_ids: [member.id] }, status },
          { method: 'DELETE', path: `/api/chatrooms/${UNKNOWN_ID}/participants/${member.id}`, status },
          { method: 'DELETE', path: `/api/chatrooms/${roomId}/participants/${UNKNOWN_ID}`, status },
          { method: 'POST', path: `/api/chatrooms/${roomId}/participants`, body: { user_ids: [UNKNOWN_ID] }, status },
          { method: 'POST', path: '/api/chatrooms', body: { participant_ids: [UNKNOWN_ID] }, status },
          { method: 'POST', path: '/api/chatrooms', body: { name: 'g', participant_ids: [member.id, UNKNOWN_ID] }, status },
          { method: 'GET', path: `/api/messages/${UNKNOWN_ID}`, status },
          { method: 'GET', path: `/api/messages/${UNKNOWN_ID}?after_seq=0`, status },
          { method: 'PATCH', path: `/api/messages/${UNKNOWN_ID}`, body: { content: 'x' }, status },
          { method: 'DELETE', path: `/api/messages/${UNKNOWN_ID}`, status },
          { method: 'PUT', path: `/api/messages/${UNKNOWN_ID}/read`, body: { seq: 1 }, status },
          { method: 'PUT', path: `/api/messages/${UNKNOWN_ID}/reactions/${encodeURIComponent('👍')}`, status },
          { method: 'DELETE', path: `/api/messages/${UNKNOWN_ID}/reactions/${encodeURIComponent('👍')}`, status },
          { method: 'POST', path: '/api/messages', body: { chatroom_id: UNKNOWN_ID, content: 'x', client_id: clientId() }, status },
          { method: 'POST', path: '/api/messages', body: { chatroom_id: roomId, content: 'x', client_id: clientId(), reply_to_id: UNKNOWN_ID }, status },
          { method: 'GET', path: `/api/search/messages?q=plan&chatroom_id=${UNKNOWN_ID}`, status },
        ]);
      });

      it('refuses wrong types, missing fields and unknown fields in every body', async () => {
        const requests: Req[] = [];
        const bodies: Record<string, [string, string, Record<string, unknown>]> = {
          send: ['POST', '/api/messages', { chatroom_id: roomId, content: 'fine', client_id: clientId() }],
          edit: ['PATCH', `/api/messages/${messageId}`, { content: 'fine' }],
          create: ['POST', '/api/chatrooms', { name: 'fine', participant_ids: [member.id] }],
          rename: ['PUT', `/api/chatrooms/${roomId}`, { name: 'fine' }],
          add: ['POST', `/api/chatrooms/${roomId}/participants`, { user_ids: [member.id] }],
          read: ['PUT', `/api/messages/${roomId}/read`, { seq: 1 }],
        };
        for (const [method, path, valid] of Object.values(bodies)) {
          for (const field of Object.keys(valid)) {
            for (const wrong of WRONG_TYPES) {
              if (field === 'participant_ids' && Array.isArray(wrong) && wrong.length === 0) continue; // a group of one is fine
              if (field === 'seq' && typeof wrong === 'number') continue; // 42 is a seq
              requests.push({ method, path, body: { ...valid, [field]: wrong }, status: 400, code: 'VALIDATION_FAILED' });
            }
            const { [field]: _missing, ...rest } = valid;
            // Optional: a group's name, and a message's client_id (seed 003 clients send none; the server makes one).
            const optional = (path === '/api/chatrooms' && field === 'name') || (path === '/api/messages' && field === 'client_id');
            if (!optional) requests.push({ method, path, body: rest, status: 400, code: 'VALIDATION_FAILED' });
          }
          requests.push(
            { method, path, body: { ...valid, is_admin: true }, status: 400, code: 'VALIDATION_FAILED' },
            { method, path, body: [valid], status: 400, code: 'VALIDATION_FAILED' },
            { method, path, body: 'just a string', status: 400, code: 'VALIDATION_FAILED' },
            { method, path, raw: '{"content": ', status: 400, code: 'INVALID_JSON' },
            { method, path, raw: 'null', status: 400 },
            { method, path, raw: 'content=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
            { method, path, raw: 'hi', headers: { 'content-type': 'text/plain' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
          );
        }
        // Seqs are numbers: no coercion from strings, booleans or arrays.
        for (const seq of ['5', '', -1, 1.5, [7], Number.MAX_SAFE_INTEGER + 2]) {
          requests.push({ method: 'PUT', path: `/api/messages/${roomId}/read`, body: { seq }, status: 400, code: 'VALIDATION_FAILED' });
        }
        for (const client_id of ['short', 'has space in it', 'x'.repeat(65), 'ümlaut-id', 'a/b/c/d/e']) {
          requests.push({ method: 'POST', path: '/api/messages', body: { chatroom_id: roomId, content: 'x', client_id }, status: 400, code: 'VALIDATION_FAILED' });
        }
        requests.push(
          { method: 'POST', path: `/api/chatrooms/${roomId}/participants`, body: { user_ids: [] }, status: 400, code: 'VALIDATION_FAILED' },
          { method: 'POST', path: '/api/chatrooms', body: { name: 'big', participant_ids: Array.from({ length: 101 }, () => member.id) }, status: 400, code: 'VALIDATION_FAILED' },
        );
        await expectAllRefused(requests);
      });

      it('refuses empty, blank, over-long and control-character text; takes 4000 characters', async () => {
        const requests: Req[] = [];
        const texts = [...BLANK, ...CONTROL.map((c) => `before ${c} after`), 'x'.repeat(MESSAGE_MAX_LENGTH + 1)];
        for (const content of texts) {
          requests.push(
            { method: 'POST', path: '/api/messages', body: { chatroom_id: roomId, content, client_id: clientId() }, status: 400, code: 'VALIDATION_FAILED' },
            { method: 'PATCH', path: `/api/messages/${messageId}`, body: { content }, status: 400, code: 'VALIDATION_FAILED' },
          );
        }
        for (const name of [...BLANK, ...CONTROL.map((c) => `a${c}b`), 'n'.repeat(101), 'two\nlines']) {
          requests.push(
            { method: 'PUT', path: `/api/chatrooms/${roomId}`, body: { name }, status: 400, code: 'VALIDATION_FAILED' },
            { method: 'POST', path: '/api/chatrooms', body: { name, participant_ids: [member.id] }, status: 400, code: 'VALIDATION_FAILED' },
          );
        }
        for (const q of ['', '   ', '%00', 'a%00b', '%1B%5B31m', '%E2%80%AE', 'x'.repeat(201)]) {
          requests.push({ method: 'GET', path: `/api/search/messages?q=${q}`, status: 400, code: 'VALIDATION_FAILED' });
        }
        requests.push(
          { method: 'GET', path: '/api/search/messages', status: 400, code: 'VALIDATION_FAILED' },
          { method: 'GET', path: '/api/search/messages?q=plan&limit=0', status: 400, code: 'VALIDATION_FAILED' },
          { method: 'GET', path: '/api/search/messages?q=plan&limit=51', status: 400, code: 'VALIDATION_FAILED' },
          { method: 'GET', path: '/api/search/messages?q=a&q=b', status: 400, code: 'VALIDATION_FAILED' },
          { method: 'GET', path: '/api/search/messages?q=plan&sql=1', status: 400, code: 'VALIDATION_FAILED' },
        );
        await expectAllRefused(requests);

        const longest = await postMessage(chat.api, member, roomId, 'y'.repeat(MESSAGE_MAX_LENGTH));
        expect(longest.content).toHaveLength(MESSAGE_MAX_LENGTH);
        const edited = await chat.api.patch(`/api/messages/${longest.id}`, { content: 'z'.repeat(MESSAGE_MAX_LENGTH) }, { token: member.token });
        expect(edited.status).toBe(200);
        const multiline = await postMessage(chat.api, member, roomId, 'line one\n\tline two');
        expect(multiline.content).toBe('line one\n\tline two');
      });

      it('refuses 1 MB bodies with 413 on every route that takes a body', async () => {
        await expectAllRefused([
          { method: 'POST', path: '/api/messages', body: { chatroom_id: roomId, content: ONE_MB, client_id: clientId() }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
          { method: 'PATCH', path: `/api/messages/${messageId}`, body: { content: ONE_MB }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
          { method: 'POST', path: '/api/chatrooms', body: { name: ONE_MB, participant_ids: [member.id] }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
          { method: 'PUT', path: `/api/chatrooms/${roomId}`, body: { name: ONE_MB }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
          { method: 'POST', path: `/api/chatrooms/${roomId}/participants`, body: { user_ids: Array.from({ length: 30_000 }, () => member.id) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
          { method: 'PUT', path: `/api/messages/${roomId}/read`, body: { seq: 1, pad: ONE_MB }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
        ]);
      });
    });

    describe('over the socket', () => {
      /** Each client event with payloads it must refuse with VALIDATION_FAILED. A new event fails to compile until it is here. */
      const invalidPayloads = (): { [E in keyof ClientToServerEvents]: unknown[] } => {
        const generic = [undefined, null, 'join', 42, true, [], {}, [roomId]];
        const wrongId = (make: (id: unknown) => unknown) => [...BAD_IDS.map(decodeURIComponent), 42, null, {}].map(make);
        return {
          'join-room': [
            ...generic,
            ...wrongId((chatroom_id) => ({ chatroom_id })),
            ...wrongId((user_id) => ({ chatroom_id: roomId, user_id })),
            { chatroom_id: roomId, extra: 1 },
          ],
          'leave-room': [...generic, ...wrongId((chatroom_id) => ({ chatroom_id }))],
          'send-message': [
            ...generic,
            ...wrongId((chatroom_id) => ({ chatroom_id, content: 'x', client_id: clientId() })),
            ...wrongId((reply_to_id) => ({ chatroom_id: roomId, content: 'x', client_id: clientId(), reply_to_id })),
            ...[...BLANK, ...CONTROL.map((c) => `a${c}b`), 'x'.repeat(MESSAGE_MAX_LENGTH + 1), ...WRONG_TYPES].map((content) => ({ chatroom_id: roomId, content, client_id: clientId() })),
            ...['short', 'x'.repeat(65), 'with space!', 42, null].map((client_id) => ({ chatroom_id: roomId, content: 'x', client_id })),
            // (No client_id at all is allowed since seed 003: the server makes one.)
            { content: 'x', client_id: clientId() },
            { chatroom_id: roomId, content: 'x', client_id: clientId(), sender_id: member.id },
          ],
          typing: [...generic, ...wrongId((chatroom_id) => ({ chatroom_id, is_typing: true })), { chatroom_id: roomId }, { chatroom_id: roomId, is_typing: 'yes' }],
          read: [
            ...generic,
            ...wrongId((chatroom_id) => ({ chatroom_id, seq: 1 })),
            ...['3', '', -1, 1.5, true, null, [7], {}].map((seq) => ({ chatroom_id: roomId, seq })),
            { chatroom_id: roomId },
          ],
          sync: [
            ...generic,
            { rooms: roomId },
            { rooms: [roomId] },
            { rooms: [{ chatroom_id: roomId }] },
            { rooms: [{ chatroom_id: roomId, after_seq: '0' }] },
            { rooms: [{ chatroom_id: roomId, after_seq: null }] },
            { rooms: [{ chatroom_id: roomId, after_seq: -1 }] },
            { rooms: [{ chatroom_id: 'abc', after_seq: 0 }] },
            { rooms: Array.from({ length: 101 }, () => ({ chatroom_id: roomId, after_seq: 0 })) },
            { rooms: [], limit: 0 },
            { rooms: [], limit: 501 },
            { rooms: [], limit: '5' },
          ],
          presence: [...generic, { status: 'offline' }, { status: 'busy' }, { status: 'online', extra: true }],
          'user-online': [...generic, ...wrongId((user_id) => ({ user_id })), { user_id: member.id, extra: true }],
          auth: [...generic, { token: '' }, { token: 42 }, { token: 'x'.repeat(4097) }, { token: 'a.b.c', extra: 1 }],
          'join-album': [...generic, ...wrongId((album_id) => ({ album_id })), { album_id: roomId, extra: 1 }],
          'leave-album': [...generic, ...wrongId((album_id) => ({ album_id }))],
          'album-sync': [
            ...generic,
            ...wrongId((album_id) => ({ album_id, after: 0 })),
            { album_id: roomId },
            ...['0', -1, 1.5, null].map((after) => ({ album_id: roomId, after })),
            { album_id: roomId, after: 0, limit: 0 },
            { album_id: roomId, after: 0, limit: 201 },
          ],
        };
      };

      it('answers VALIDATION_FAILED to every malformed event, writes nothing, and keeps the socket', async () => {
        const socket = await connect(owner, [roomId]);
        await expectNoChatWrites(chat.sut, async () => {
          for (const [event, payloads] of Object.entries(invalidPayloads())) {
            for (const payload of payloads) {
              const ack = await emitAck(socket, event as 'join-room', payload as never);
              const label = `${event} ${JSON.stringify(payload)?.slice(0, 100)}`;
              expect({ label, ack }).toMatchObject({ label, ack: { ok: false, error: { code: 'VALIDATION_FAILED' } } });
            }
          }
        });
        expect(socket.connected).toBe(true);
        expectOk(await emitAck(socket, 'send-message', { chatroom_id: roomId, content: 'y'.repeat(MESSAGE_MAX_LENGTH), client_id: clientId() }));
      });

      it('answers NOT_FOUND for rooms that do not exist', async () => {
        const socket = await connect(owner);
        await expectNoChatWrites(chat.sut, async () => {
          for (const [event, payload] of [
            ['join-room', { chatroom_id: UNKNOWN_ID }],
            ['send-message', { chatroom_id: UNKNOWN_ID, content: 'x', client_id: clientId() }],
            ['send-message', { chatroom_id: roomId, content: 'x', client_id: clientId(), reply_to_id: UNKNOWN_ID }],
            ['typing', { chatroom_id: UNKNOWN_ID, is_typing: true }],
            ['read', { chatroom_id: UNKNOWN_ID, seq: 1 }],
          ] as const) {
            const ack = await emitAck(socket, event, payload as never);
            expect({ event, ack }).toMatchObject({ event, ack: { ok: false, error: { code: 'NOT_FOUND' } } });
          }
          // sync answers per room: the unknown one says NOT_FOUND, the known one (named twice) catches up once.
          const sync = expectOk(
            await emitAck(socket, 'sync', {
              rooms: [
                { chatroom_id: UNKNOWN_ID, after_seq: 0 },
                { chatroom_id: roomId, after_seq: Number.MAX_SAFE_INTEGER },
                { chatroom_id: UNKNOWN_ID, after_seq: 5 },
                { chatroom_id: roomId, after_seq: Number.MAX_SAFE_INTEGER },
              ],
            }),
          );
          expect(sync).toEqual({
            rooms: [
              { chatroom_id: UNKNOWN_ID, messages: [], has_more: false, error: { code: 'NOT_FOUND', message: expect.any(String) } },
              { chatroom_id: roomId, messages: [], has_more: false },
            ],
          });
        });
      });

      it('survives events sent without an ack callback and events it does not know', async () => {
        const socket = await connect(owner, [roomId]);
        const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
        await expectNoChatWrites(chat.sut, async () => {
          raw.emit('send-message', { chatroom_id: roomId, content: '', client_id: clientId() });
          raw.emit('send-message');
          raw.emit('sync', null);
          raw.emit('no-such-event', { a: 1 }, () => undefined);
          raw.emit('join-room', { chatroom_id: roomId }, 'not a function');
          expect(await emitAck(socket, 'sync', { rooms: [] })).toEqual({ ok: true, data: { rooms: [] } });
        });
        expect(socket.connected).toBe(true);
      });

      it.each(['websocket', 'polling'] as const)('drops a socket (%s) that sends more than 64 KiB; the server and every other socket carry on', async (transport) => {
        const bystander = await connect(member, [roomId]);
        const bystanderEvents = recordAll(bystander);
        const socket = await connectSocket(chat.sut.url, owner.token, { transports: [transport] });
        chat.track(socket);
        const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
        await expectNoChatWrites(chat.sut, async () => {
          const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
          raw.emit('send-message', { chatroom_id: roomId, content: ONE_MB, client_id: clientId() }, () => undefined);
          expect(await disconnected).toMatch(/transport (close|error)/);
        });

        // The bystander's socket, new sockets and REST all still work.
        expect(bystander.connected).toBe(true);
        await flushSocket(chat.api, owner, roomId, bystanderEvents);
        const fresh = await connect(owner, [roomId]);
        const ack = expectOk(await emitAck(fresh, 'send-message', { chatroom_id: roomId, content: 'still here', client_id: clientId() }));
        await eventually(() => expect(bystanderEvents.map((e) => e.payload?.id)).toContain(ack.id));
        expect((await chat.api.get('/health')).status).toBe(200);
      });
    });
  });
}
