import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import {
  type ChatUser,
  chatUsers,
  clientId,
  createGroup,
  expectNoChatWrites,
  expectOk,
  postMessage,
  socketIn,
  type StartChatServer,
} from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import type { TestServer } from '../../../test/harness';
import { connectSocket, emitAck, type TestSocket } from '../../../test/sockets';

const MESSAGES_PER_WINDOW = 3;
const JOINS_PER_WINDOW = 3;
const WINDOW_SECONDS = 600;

/** The per-user message rate and room-join rate, over REST and Socket.IO. */
export function describeChatLimits(mode: string, start: StartChatServer): void {
  describe(`chat rate limits (${mode})`, () => {
    let sut: TestServer;
    let api: ApiClient;
    const sockets: TestSocket[] = [];
    const connect = async (user: ChatUser, rooms: string[] = []) => {
      const socket = await socketIn(sut, user, rooms);
      sockets.push(socket);
      return socket;
    };

    beforeAll(async () => {
      sut = await start({
        RATE_LIMIT_MESSAGES_PER_USER: String(MESSAGES_PER_WINDOW),
        RATE_LIMIT_MESSAGES_WINDOW_SECONDS: String(WINDOW_SECONDS),
        RATE_LIMIT_ROOM_JOINS_PER_USER: String(JOINS_PER_WINDOW),
      });
      api = new ApiClient(sut.url);
    });
    afterEach(() => {
      for (const socket of sockets.splice(0)) socket.close();
    });
    afterAll(() => sut?.close());

    it('stops a fast sender with 429 over REST and RATE_LIMITED over the socket; others may still talk', async () => {
      const [fast, other] = await chatUsers(api, 2);
      const room = await createGroup(api, fast, [other]);
      const socket = await connect(fast);
      const first = await postMessage(api, fast, room.id, 'one');
      expectOk(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'two', client_id: clientId() }));
      await postMessage(api, fast, room.id, 'three');

      await expectNoChatWrites(sut, async () => {
        const refused = await api.post('/api/messages', { chatroom_id: room.id, content: 'four', client_id: clientId() }, { token: fast.token });
        expectError(refused, 429, 'RATE_LIMITED');
        const retryAfter = Number(refused.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
        expect(refused.body.error.details).toEqual({ retry_after: retryAfter });
        const ack = await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'four', client_id: clientId() });
        expect(ack).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retry_after: expect.any(Number) } } });
        // A retry of a message already sent is an answer, not a new message: not limited.
        const retry = await api.post('/api/messages', { chatroom_id: room.id, content: 'one', client_id: first.client_id }, { token: fast.token });
        expect(retry.body).toEqual(first);
      });
      // Reading is not sending.
      expect((await api.get(`/api/messages/${room.id}`, { token: fast.token })).status).toBe(200);
      const theirs = await postMessage(api, other, room.id, 'I am not limited');
      expect(theirs.seq).toBe(4);
    });

    it('limits how fast one user joins rooms', async () => {
      const [user, owner] = await chatUsers(api, 2);
      const rooms = await Promise.all(Array.from({ length: JOINS_PER_WINDOW + 1 }, () => createGroup(api, owner, [user])));
      const socket = await connectSocket(sut.url, user.token);
      sockets.push(socket);
      for (const room of rooms.slice(0, JOINS_PER_WINDOW)) expectOk(await emitAck(socket, 'join-room', { chatroom_id: room.id }));
      const ack = await emitAck(socket, 'join-room', { chatroom_id: rooms.at(-1)!.id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      // The owner has a budget of their own.
      await connect(owner, [rooms.at(-1)!.id]);
    });
  });
}
