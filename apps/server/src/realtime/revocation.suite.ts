import type { SessionEnded } from '@discordgym/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client';
import { type ChatUser, chatUser, clientId, createGroup, expectAckError, expectOk, postMessage, recordAll } from '../../test/chat-fixtures';
import type { TestEnv, TestServer } from '../../test/harness';
import { connectSocket, emitAck, eventually, type TestSocket } from '../../test/sockets';

/** Issue 8: a revoked session loses its live sockets on every instance within 1 s. */
const WITHIN_MS = 1_000;

/**
 * `start` gives two servers of one deployment: the same server twice in the embedded mode,
 * two instances on one PostgreSQL and Redis in the cluster mode. Sessions end on the
 * first; the sockets under test are open on the second.
 */
export function describeRevocation(mode: string, start: (env: TestEnv) => Promise<[TestServer, TestServer]>): void {
  describe(`revocation reaches live sockets (${mode})`, () => {
    let a: TestServer;
    let b: TestServer;
    let apiA: ApiClient;
    const sockets: TestSocket[] = [];

    beforeAll(async () => {
      // No grace for a reused refresh token: its second use is a copy at once.
      [a, b] = await start({ REFRESH_REUSE_GRACE_SECONDS: '0' });
      apiA = new ApiClient(a.url);
    });
    afterEach(() => {
      for (const socket of sockets.splice(0)) socket.close();
    });
    afterAll(async () => {
      await a?.close();
      if (b !== a) await b?.close();
    });

    const open = async (token: string, rooms: string[] = []): Promise<{ socket: TestSocket; events: ReturnType<typeof recordAll> }> => {
      const socket = await connectSocket(b.url, token);
      sockets.push(socket);
      const events = recordAll(socket);
      for (const chatroom_id of rooms) expectOk(await emitAck(socket, 'join-room', { chatroom_id }));
      return { socket, events };
    };
    const login = async (user: ChatUser): Promise<{ token: string; refresh_token: string }> => {
      const response = await apiA.post('/api/auth/login', { email: user.email, password: user.password });
      expect(response.status).toBe(200);
      return response.body;
    };
    /** Resolves with the time from `since` to the socket's disconnect. */
    const closedWithin = async (socket: TestSocket, since: number): Promise<number> => {
      await eventually(() => expect(socket.connected).toBe(false), 5_000, 5);
      return Date.now() - since;
    };
    const ended = (events: ReturnType<typeof recordAll>): SessionEnded[] => events.filter((e) => e.event === 'session-ended').map((e) => e.payload);

    it('closes the silent socket of a session that logs out, and it receives nothing after', async () => {
      const [user, mate] = [await chatUser(apiA), await chatUser(apiA)];
      const room = await createGroup(apiA, mate, [user]);
      const { socket, events } = await open(user.token, [room.id]);
      const started = Date.now();
      expect((await apiA.post('/api/auth/logout', undefined, { token: user.token })).status).toBe(204);
      expect(await closedWithin(socket, started)).toBeLessThan(WITHIN_MS);
      expect(ended(events)).toEqual([{ reason: 'signed_out', message: expect.any(String) }]);
      const before = events.length;
      await postMessage(apiA, mate, room.id, 'after the logout');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(events.slice(before).filter((e) => e.event === 'new-message')).toEqual([]);
    });

    it('closes only the device that was signed out from another one', async () => {
      const user = await chatUser(apiA);
      const second = await login(user);
      const kept = await open(user.token);
      const signedOut = await open(second.token);
      const sessions = (await apiA.get('/api/auth/sessions', { token: user.token })).body.items as { id: string; current: boolean }[];
      const other = sessions.find((s) => !s.current)!;
      const started = Date.now();
      expect((await apiA.delete(`/api/auth/sessions/${other.id}`, { token: user.token })).status).toBe(204);
      expect(await closedWithin(signedOut.socket, started)).toBeLessThan(WITHIN_MS);
      expect(ended(signedOut.events)).toEqual([{ reason: 'revoked', message: expect.any(String) }]);
      expect(kept.socket.connected).toBe(true);
      expect(ended(kept.events)).toEqual([]);
      expect(expectOk(await emitAck(kept.socket, 'sync', { rooms: [] }))).toEqual({ rooms: [] });
    });

    it('closes every other device on "sign out all others", and keeps this one', async () => {
      const user = await chatUser(apiA);
      const others = [await login(user), await login(user)];
      const kept = await open(user.token);
      const closed = await Promise.all(others.map((s) => open(s.token)));
      const started = Date.now();
      expect((await apiA.delete('/api/auth/sessions', { token: user.token })).body).toEqual({ revoked: 2 });
      for (const { socket } of closed) expect(await closedWithin(socket, started)).toBeLessThan(WITHIN_MS);
      expect(kept.socket.connected).toBe(true);
    });

    it('closes the sockets of a session whose refresh token was used twice', async () => {
      const user = await chatUser(apiA);
      const session = await login(user);
      const { socket, events } = await open(session.token);
      expect((await apiA.post('/api/auth/refresh', { refresh_token: session.refresh_token })).status).toBe(200);
      // The reuse grace is 0 in these servers: the second use is a copy.
      const started = Date.now();
      expect((await apiA.post('/api/auth/refresh', { refresh_token: session.refresh_token })).status).toBe(401);
      expect(await closedWithin(socket, started)).toBeLessThan(WITHIN_MS);
      expect(ended(events)).toEqual([{ reason: 'revoked', message: expect.any(String) }]);
    });

    it('keeps a socket past its token when the client sends a fresh one, and refuses another session\'s', async () => {
      const user = await chatUser(apiA);
      const session = await login(user);
      const { socket } = await open(session.token);
      const fresh = await apiA.post('/api/auth/refresh', { refresh_token: session.refresh_token });
      expect(fresh.status).toBe(200);
      const renewed = expectOk(await emitAck(socket, 'auth', { token: fresh.body.token }));
      expect(Date.parse(renewed.expires_at)).toBeGreaterThan(Date.now());
      // A token of another session (the user's first one) may not be swapped in.
      expectAckError(await emitAck(socket, 'auth', { token: user.token }), 'FORBIDDEN');
      expectAckError(await emitAck(socket, 'auth', { token: 'not.a.token' }), 'TOKEN_INVALID');
      expect(socket.connected).toBe(true);
    });

    it('refuses a message sent by a socket whose session just ended', async () => {
      const [user, mate] = [await chatUser(apiA), await chatUser(apiA)];
      const room = await createGroup(apiA, mate, [user]);
      const { socket } = await open(user.token, [room.id]);
      expect((await apiA.post('/api/auth/logout', undefined, { token: user.token })).status).toBe(204);
      const answer = await emitAck(socket, 'send-message', { chatroom_id: room.id, content: 'too late', client_id: clientId() }, 1_500).catch(() => null);
      if (answer) expectAckError(answer, 'SESSION_REVOKED');
      const history = await apiA.get(`/api/messages/${room.id}`, { token: mate.token });
      expect(history.body.items).toEqual([]);
    });
  });

  describe(`token expiry (${mode})`, () => {
    let a: TestServer;
    let b: TestServer;
    let apiA: ApiClient;
    const TTL_SECONDS = 3;

    beforeAll(async () => {
      [a, b] = await start({ ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) });
      apiA = new ApiClient(a.url);
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    afterAll(async () => {
      await a?.close();
      if (b !== a) await b?.close();
    });

    it('closes a socket at its access token\'s exp, telling it why', async () => {
      const user = await chatUser(apiA);
      const socket = await connectSocket(b.url, user.token);
      const events = recordAll(socket);
      try {
        expect(socket.connected).toBe(true);
        await eventually(() => expect(socket.connected).toBe(false), (TTL_SECONDS + 3) * 1000, 20);
        expect(events.filter((e) => e.event === 'session-ended').map((e) => e.payload.reason)).toEqual(['token_expired']);
      } finally {
        socket.close();
      }
    });

    it('keeps the socket open past the first token\'s exp once a fresh token was sent on it, then closes at the new exp', async () => {
      const user = await chatUser(apiA);
      const login = await apiA.post('/api/auth/login', { email: user.email, password: user.password });
      const firstExp = JSON.parse(Buffer.from(login.body.token.split('.')[1], 'base64url').toString()).exp * 1000;
      const socket = await connectSocket(b.url, login.body.token);
      try {
        // exp has whole seconds: a token issued a second later expires a second later.
        await sleep(1_100);
        const fresh = await apiA.post('/api/auth/refresh', { refresh_token: login.body.refresh_token });
        expect(fresh.status).toBe(200);
        const { expires_at } = expectOk(await emitAck(socket, 'auth', { token: fresh.body.token }));
        expect(Date.parse(expires_at)).toBeGreaterThan(firstExp);
        await sleep(Math.max(0, firstExp - Date.now()) + 300);
        expect(socket.connected).toBe(true);
        await eventually(() => expect(socket.connected).toBe(false), Date.parse(expires_at) - Date.now() + 3_000, 20);
      } finally {
        socket.close();
      }
    });
  });
}
