import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../test/harness';
import { eventually } from '../../../test/sockets';

/**
 * Issue 12 points 2 and 3: a DevChat client written from seed 003 alone works against us,
 * additively. Plain fetch and socket.io-client with the seed's paths and field names, no
 * contracts. Run embedded (seed003-compat.test.ts: both clients on one server) and on two
 * instances sharing PostgreSQL + Redis (seed003-compat.cluster.test.ts: the second client
 * on the other instance).
 */
export type StartSeed003Servers = () => Promise<[TestServer, TestServer]>;

type Json = Record<string, any>;
interface SeedClient {
  token: string;
  user: Json;
  email: string;
  password: string;
}
interface Heard {
  event: string;
  payload: Json;
}

export function describeSeed003Compat(mode: string, start: StartSeed003Servers): void {
  describe(`seed 003 compatibility (${mode})`, () => {
    let servers: [TestServer, TestServer];
    const sockets: Socket[] = [];
    beforeAll(async () => {
      servers = await start();
    });
    afterEach(() => {
      for (const socket of sockets.splice(0)) socket.close();
    });
    afterAll(async () => {
      await Promise.all([...new Set(servers ?? [])].map((s) => s.close()));
    });
    const url = (i: 0 | 1) => servers[i].url;

    const call = async (i: 0 | 1, method: string, path: string, token?: string, body?: unknown) => {
      const response = await fetch(`${url(i)}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as Json };
    };

    /** Seed: POST /api/auth/register {username, email, password}, then POST /api/auth/login {email, password} → {token, user}. */
    const signUp = async (i: 0 | 1): Promise<SeedClient> => {
      const username = `s3${randomBytes(4).toString('hex')}`;
      const email = `${username}@example.com`;
      const password = 'seed-003-password';
      const registered = await call(i, 'POST', '/api/auth/register', undefined, { username, email, password });
      expect(registered.status, JSON.stringify(registered.body)).toBe(201);
      const login = await call(i, 'POST', '/api/auth/login', undefined, { email, password });
      expect(login.status, JSON.stringify(login.body)).toBe(200);
      expect(login.body).toMatchObject({ token: expect.any(String), user: { id: expect.any(String), username, email } });
      return { token: login.body.token, user: login.body.user, email, password };
    };

    const connect = async (i: 0 | 1, client: SeedClient): Promise<{ socket: Socket; heard: Heard[] }> => {
      const socket = io(url(i), { auth: { token: client.token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      const heard: Heard[] = [];
      socket.onAny((event: string, payload: Json) => heard.push({ event, payload }));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return { socket, heard };
    };
    const emit = (socket: Socket, event: string, payload: unknown): Promise<Json> => socket.timeout(10_000).emitWithAck(event, payload);
    const of = (heard: Heard[], event: string) => heard.filter((h) => h.event === event).map((h) => h.payload);

    /** Two signed-up users and a group of them, made through the seed's POST /api/chatrooms. */
    const twoInARoom = async () => {
      const [ada, bob] = await Promise.all([signUp(0), signUp(1)]);
      const created = await call(0, 'POST', '/api/chatrooms', ada.token, { name: `Seed room ${randomBytes(2).toString('hex')}`, participant_ids: [bob.user.id] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return { ada, bob, room: created.body };
    };

    it('a seed client signs up, joins a room with its user_id, sends without client_id and the other client hears it', async () => {
      const { ada, bob, room } = await twoInARoom();
      expect(room).toMatchObject({ id: expect.any(String), is_group: true, created_at: expect.any(String), updated_at: expect.any(String) });

      const me = await call(0, 'GET', '/api/auth/me', ada.token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: ada.user.id, avatar_url: null });

      const adaSide = await connect(0, ada);
      const bobSide = await connect(1, bob);
      expect(await emit(adaSide.socket, 'join-room', { chatroom_id: room.id, user_id: ada.user.id })).toMatchObject({ ok: true });
      expect(await emit(bobSide.socket, 'join-room', { chatroom_id: room.id, user_id: bob.user.id })).toMatchObject({ ok: true });

      const sent = await call(0, 'POST', '/api/messages', ada.token, { chatroom_id: room.id, content: 'Hallo aus Seed 003' });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect(sent.body).toMatchObject({ id: expect.any(String), chatroom_id: room.id, sender_id: ada.user.id, content: 'Hallo aus Seed 003', created_at: expect.any(String) });
      // The server made the idempotency key: a second identical send is a second message.
      const again = await call(0, 'POST', '/api/messages', ada.token, { chatroom_id: room.id, content: 'Hallo aus Seed 003' });
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(sent.body.id);
      expect(again.body.client_id).not.toBe(sent.body.client_id);

      await eventually(() =>
        expect(of(bobSide.heard, 'new-message').map((m) => m.id)).toEqual([sent.body.id, again.body.id]),
      );
      expect(of(bobSide.heard, 'new-message')[0]).toMatchObject({ chatroom_id: room.id, sender_id: ada.user.id, content: 'Hallo aus Seed 003' });

      // Over the socket too, without client_id.
      const viaSocket = await emit(bobSide.socket, 'send-message', { chatroom_id: room.id, content: 'Antwort' });
      expect(viaSocket).toMatchObject({ ok: true, data: { content: 'Antwort', sender_id: bob.user.id } });
      await eventually(() => expect(of(adaSide.heard, 'new-message').map((m) => m.id)).toContain(viaSocket.data.id));

      // Seed: GET /api/messages/:chatroomId — each message with is_read for the reader.
      const history = await call(1, 'GET', `/api/messages/${room.id}`, bob.token);
      expect(history.status).toBe(200);
      const readBy = Object.fromEntries(history.body.items.map((m: Json) => [m.content === 'Antwort' ? 'own' : m.id, m.is_read]));
      expect(readBy).toEqual({ [sent.body.id]: false, [again.body.id]: false, own: true });
      // Seed: PUT /api/messages/:chatroomId/read, then they read as read.
      const last = history.body.items.find((m: Json) => m.id === again.body.id);
      expect((await call(1, 'PUT', `/api/messages/${room.id}/read`, bob.token, { seq: last.seq })).status).toBe(200);
      const reread = await call(1, 'GET', `/api/messages/${room.id}`, bob.token);
      expect(reread.body.items.map((m: Json) => m.is_read)).toEqual([true, true, true]);

      // Seed: GET /api/chatrooms — rooms with updated_at, users with avatar_url / is_online / last_seen.
      const rooms = await call(1, 'GET', '/api/chatrooms', bob.token);
      expect(rooms.status).toBe(200);
      const listed = rooms.body.items.find((r: Json) => r.id === room.id);
      expect(Date.parse(listed.updated_at)).toBeGreaterThanOrEqual(Date.parse(room.updated_at));
      for (const { user } of listed.participants) {
        expect(user).toHaveProperty('avatar_url');
        expect(user).toHaveProperty('is_online');
        expect(user).toHaveProperty('last_seen');
      }
      const adaSeen = listed.participants.find((p: Json) => p.user.id === ada.user.id).user;
      expect(adaSeen.is_online).toBe(true);
    });

    it('user-online {user_id} is presence online: the room mate hears user-status-changed with is_online', async () => {
      const { ada, bob, room } = await twoInARoom();
      const bobSide = await connect(1, bob);
      const adaSide = await connect(0, ada);
      const aboutAda = () => of(bobSide.heard, 'user-status-changed').filter((s) => s.user_id === ada.user.id);
      expect(await emit(adaSide.socket, 'join-room', { chatroom_id: room.id, user_id: ada.user.id })).toMatchObject({ ok: true });
      expect(await emit(adaSide.socket, 'user-online', { user_id: ada.user.id })).toEqual({ ok: true, data: null });
      await eventually(() => expect(aboutAda().at(-1)).toEqual({ user_id: ada.user.id, status: 'online', is_online: true, last_seen: null }));

      // Away (our own client's event), then the seed's user-online brings her back: online again.
      expect(await emit(adaSide.socket, 'presence', { status: 'away' })).toEqual({ ok: true, data: null });
      await eventually(() => expect(aboutAda().at(-1)).toEqual({ user_id: ada.user.id, status: 'away', is_online: true, last_seen: null }));
      expect(await emit(adaSide.socket, 'user-online', { user_id: ada.user.id })).toEqual({ ok: true, data: null });
      await eventually(() => expect(aboutAda().at(-1)).toEqual({ user_id: ada.user.id, status: 'online', is_online: true, last_seen: null }));

      // Gone: offline, is_online false, with a last-seen time.
      adaSide.socket.close();
      await eventually(() => expect(aboutAda().at(-1)).toMatchObject({ user_id: ada.user.id, status: 'offline', is_online: false, last_seen: expect.any(String) }));
    });

    it("refuses join-room and user-online naming someone else, and a client_id of the wrong type, changing nothing", async () => {
      const { ada, bob, room } = await twoInARoom();
      const bobSide = await connect(1, bob);
      const adaSide = await connect(0, ada);
      await eventually(() => expect(of(bobSide.heard, 'user-status-changed').filter((s) => s.user_id === ada.user.id).length).toBeGreaterThan(0));
      const before = await call(0, 'GET', `/api/chatrooms/${room.id}`, ada.token);
      expect(before.status).toBe(200);

      const join = await emit(bobSide.socket, 'join-room', { chatroom_id: room.id, user_id: ada.user.id });
      expect(join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const online = await emit(bobSide.socket, 'user-online', { user_id: ada.user.id });
      expect(online).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      // A stranger naming a member does not get in either.
      const stranger = await signUp(0);
      const strangerSide = await connect(0, stranger);
      expect(await emit(strangerSide.socket, 'join-room', { chatroom_id: room.id, user_id: ada.user.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

      for (const client_id of [42, true, null, ['abcdefgh'], { id: 'abcdefgh' }]) {
        const response = await call(0, 'POST', '/api/messages', ada.token, { chatroom_id: room.id, content: 'nope', client_id });
        expect(response.status, JSON.stringify(client_id)).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
      }
      const after = await call(0, 'GET', `/api/chatrooms/${room.id}`, ada.token);
      expect(after.body.last_seq).toBe(before.body.last_seq);
      expect(after.body.participants.map((p: Json) => p.user.id).sort()).toEqual(before.body.participants.map((p: Json) => p.user.id).sort());
      const history = await call(0, 'GET', `/api/messages/${room.id}`, ada.token);
      expect(history.body.items.filter((m: Json) => m.content === 'nope')).toEqual([]);
      expect((await call(0, 'GET', `/api/messages/${room.id}`, stranger.token)).status).toBe(404);

      // Bob's refused user-online said nothing about Ada: her last status for him is still online.
      expect(adaSide.socket.connected).toBe(true);
      expect(of(bobSide.heard, 'user-status-changed').filter((s) => s.user_id === ada.user.id).at(-1)).toMatchObject({ status: 'online', is_online: true });
    });
  });
}
