import { describe, expect, it } from 'vitest';
import {
  chatUsers,
  clientId,
  createGroup,
  expectNoChatWrites,
  expectOk,
  postMessage,
  type StartChatServer,
  useChatServer,
} from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { connectSocket, emitAck } from '../../../test/sockets';

const MESSAGES_PER_WINDOW = 3;
const JOINS_PER_WINDOW = 3;
const WINDOW_SECONDS = 600;

/** The per-user message rate and room-join rate, over REST and Socket.IO. */
export function describeChatLimits(mode: string, start: StartChatServer): void {
  describe(`chat rate limits (${mode})`, () => {
    const chat = useChatServer(start, {
      RATE_LIMIT_MESSAGES_PER_USER: String(MESSAGES_PER_WINDOW),
      RATE_LIMIT_MESSAGES_WINDOW_SECONDS: String(WINDOW_SECONDS),
      RATE_LIMIT_ROOM_JOINS_PER_USER: String(JOINS_PER_WINDOW),
    });
    const { connect } = chat;

    it('stops a fast sender with 429 over REST and RATE_LIMITED over the socket; others may still talk', async () => {
      const [fast, other] = await chatUsers(chat.api, 2);
      const room = await createGroup(chat.api, fast, [other]);
      const socket = await connect(fast);
      const first = await postMessage(chat.api, fast, room.id, 'one');
      expectOk(await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'two', client_id: clientId() }));
      await postMessage(chat.api, fast, room.id, 'three');

      await expectNoChatWrites(chat.sut, async () => {
        const refused = await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'four', client_id: clientId() }, { token: fast.token });
        expectError(refused, 429, 'RATE_LIMITED');
        const retryAfter = Number(refused.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
        expect(refused.body.error.details).toEqual({ retry_after: retryAfter });
        const ack = await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'four', client_id: clientId() });
        expect(ack).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retry_after: expect.any(Number) } } });
        // A retry of a message already sent is an answer, not a new message: not limited.
        const retry = await chat.api.post('/api/messages', { chatroom_id: room.id, content: 'one', client_id: first.client_id }, { token: fast.token });
        expect(retry.body).toEqual(first);
      });
      // Reading is not sending.
      expect((await chat.api.get(`/api/messages/${room.id}`, { token: fast.token })).status).toBe(200);
      const theirs = await postMessage(chat.api, other, room.id, 'I am not limited');
      expect(theirs.seq).toBe(4);
    });

    it('limits how fast one user joins rooms', async () => {
      const [user, owner] = await chatUsers(chat.api, 2);
      const rooms = await Promise.all(Array.from({ length: JOINS_PER_WINDOW + 1 }, () => createGroup(chat.api, owner, [user])));
      const socket = await connectSocket(chat.sut.url, user.token);
      chat.track(socket);
      for (const room of rooms.slice(0, JOINS_PER_WINDOW)) expectOk(await emitAck(socket, 'join-room', { chatroom_id: room.id }));
      const ack = await emitAck(socket, 'join-room', { chatroom_id: rooms.at(-1)!.id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      // The owner has a budget of their own.
      await connect(owner, [rooms.at(-1)!.id]);
    });
  });
}
