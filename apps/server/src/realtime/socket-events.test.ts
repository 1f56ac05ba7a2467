import type { Ack } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client';
import { chatUser } from '../../test/chat-fixtures';
import { startTestServer, type TestServer } from '../../test/harness';
import { connectSocket, emitAck } from '../../test/sockets';

/**
 * Every socket event spends from its connection's budget; in-process, so the mode does
 * not change it (embedded only).
 */
describe('socket event budget', () => {
  const PER_SECOND = 2;
  let sut: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    sut = await startTestServer({ RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: String(PER_SECOND) });
    api = new ApiClient(sut.url);
  });
  afterAll(() => sut?.close());

  it('answers RATE_LIMITED past a burst of three seconds\' worth, keeps the socket, and refills', async () => {
    const user = await chatUser(api);
    const socket = await connectSocket(sut.url, user.token);
    try {
      const answers: Ack<unknown>[] = [];
      for (let i = 0; i < PER_SECOND * 3 + 4; i++) answers.push(await emitAck(socket, 'sync', { rooms: [] }));
      const refused = answers.filter((a) => !a.ok);
      expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(PER_SECOND * 3);
      expect(refused.length).toBeGreaterThanOrEqual(3);
      for (const answer of refused) expect(answer).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retry_after: expect.any(Number) } } });
      expect(socket.connected).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await emitAck(socket, 'sync', { rooms: [] })).toEqual({ ok: true, data: { rooms: [] } });
    } finally {
      socket.close();
    }
  });

  it('keeps one connection\'s budget its own', async () => {
    const user = await chatUser(api);
    const [busy, quiet] = [await connectSocket(sut.url, user.token), await connectSocket(sut.url, user.token)];
    try {
      for (let i = 0; i < PER_SECOND * 3 + 2; i++) await emitAck(busy, 'sync', { rooms: [] });
      expect((await emitAck(busy, 'sync', { rooms: [] })).ok).toBe(false);
      expect(await emitAck(quiet, 'sync', { rooms: [] })).toEqual({ ok: true, data: { rooms: [] } });
    } finally {
      busy.close();
      quiet.close();
    }
  });
});
