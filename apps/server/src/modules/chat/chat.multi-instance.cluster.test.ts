import { randomBytes } from 'node:crypto';
import type { Message } from '@discordgym/contracts';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { ChatClient } from '../../../test/chat-client';
import { registerUser, type RegisteredUser } from '../../../test/factories';
import { clusterEnv, startTestServer, type TestEnv, type TestServer } from '../../../test/harness';
import { emitAck, eventually, type TestSocket } from '../../../test/sockets';

/**
 * Issue 3, acceptance: two instances sharing PostgreSQL and Redis. A on instance 1 and B
 * on instance 2 exchange messages, typing, reads and presence, in both directions.
 */
describe('chat across two instances', () => {
  // Both instances are one deployment: one key prefix, apart from the other test files.
  const prefix = `${inject('redisPrefix')}chat-multi:${randomBytes(4).toString('hex')}:`;
  const env: TestEnv = { ...clusterEnv(), REDIS_KEY_PREFIX: prefix, RATE_LIMIT_MESSAGES_PER_USER: '10000' };
  let one: TestServer;
  let two: TestServer;
  let api1: ApiClient;
  let api2: ApiClient;
  let redis: Redis;
  const clients: ChatClient[] = [];
  const sockets: TestSocket[] = [];

  const clientId = () => `cid-${randomBytes(8).toString('hex')}`;
  const idOf = (user: RegisteredUser) => user.auth.user.id;
  const online = async (server: TestServer, user: RegisteredUser): Promise<ChatClient> => {
    const client = await new ChatClient([server.url], user.auth.token).connect();
    clients.push(client);
    return client;
  };
  const openDm = async (api: ApiClient, from: RegisteredUser, to: RegisteredUser): Promise<string> => {
    const room = await api.post('/api/chatrooms', { participant_ids: [idOf(to)] }, { token: from.auth.token });
    expect(room.status, JSON.stringify(room.body)).toBe(201);
    return room.body.id as string;
  };
  const liveIds = (client: ChatClient, room: string) =>
    client.deliveries.filter((d) => d.via === 'live' && d.message.chatroom_id === room).map((d) => d.message.id);
  /** Live presence leases of a user in the shared store (one per open socket). */
  const leases = (user: RegisteredUser) => redis.zcard(`${prefix}presence:sockets:${idOf(user)}`);

  beforeAll(async () => {
    [one, two] = await Promise.all([
      startTestServer({ ...env, INSTANCE_ID: 'chat-1' }),
      startTestServer({ ...env, INSTANCE_ID: 'chat-2' }),
    ]);
    api1 = new ApiClient(one.url);
    api2 = new ApiClient(two.url);
    redis = new Redis(inject('redisUrl'));
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([one?.close(), two?.close()]);
  });

  it('messages go both ways, each once, with the id and seq of the ack', async () => {
    const [a, b] = await Promise.all([registerUser(api1), registerUser(api2)]);
    const room = await openDm(api1, a, b);
    const [ca, cb] = await Promise.all([online(one, a), online(two, b)]);
    await Promise.all([ca.join(room), cb.join(room)]);

    const first = await ca.send(room, 'hello from instance 1', clientId());
    expect(first.message).toMatchObject({ seq: 1, sender_id: idOf(a) });
    await eventually(() => expect(cb.messages.get(first.message.id)).toEqual(first.message));

    const second = await cb.send(room, 'hello back from instance 2', clientId());
    expect(second.message).toMatchObject({ seq: 2, sender_id: idOf(b) });
    await eventually(() => expect(ca.messages.get(second.message.id)).toEqual(second.message));

    // REST on one instance reaches a socket on the other.
    const rest = await api2.post('/api/messages', { chatroom_id: room, content: 'over REST on instance 2', client_id: clientId() }, { token: a.auth.token });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body.seq).toBe(3);
    await eventually(() => expect(cb.messages.get(rest.body.id)).toEqual(rest.body as Message));
    await eventually(() => expect(ca.messages.get(rest.body.id)).toEqual(rest.body as Message));

    // Each side received every message live, exactly once, in seq order; a socket's own
    // sends it has from their acks only (the REST send had no socket to leave out).
    const ids = [first.message.id, second.message.id, rest.body.id];
    await eventually(() => expect(liveIds(ca, room)).toEqual([second.message.id, rest.body.id]));
    await eventually(() => expect(liveIds(cb, room)).toEqual([first.message.id, rest.body.id]));

    // A retry of A's first send, on the other instance: the first message, announced again.
    const retry = await api2.post('/api/messages', { chatroom_id: room, content: 'hello from instance 1', client_id: first.message.client_id }, { token: a.auth.token });
    expect(retry.body).toEqual(first.message);
    await eventually(() => expect(liveIds(cb, room)).toEqual([first.message.id, rest.body.id, first.message.id]));
    expect(cb.list(room).map((m) => m.seq)).toEqual([1, 2, 3]);
    const history = await api1.get(`/api/messages/${room}?after_seq=0`, { token: b.auth.token });
    expect(history.body.items.map((m: Message) => m.id)).toEqual(ids);
  });

  it('typing goes both ways, to the others only', async () => {
    const [a, b] = await Promise.all([registerUser(api1), registerUser(api2)]);
    const room = await openDm(api2, b, a);
    const [ca, cb] = await Promise.all([online(one, a), online(two, b)]);
    await Promise.all([ca.join(room), cb.join(room)]);
    const typing = (user: RegisteredUser, isTyping: boolean) => ({ chatroom_id: room, user_id: idOf(user), is_typing: isTyping, expires_in_ms: expect.any(Number) });

    expect(await emitAck(ca.socket!, 'typing', { chatroom_id: room, is_typing: true })).toEqual({ ok: true, data: null });
    await eventually(() => expect(cb.typing).toEqual([typing(a, true)]));
    expect(await emitAck(cb.socket!, 'typing', { chatroom_id: room, is_typing: true })).toEqual({ ok: true, data: null });
    await eventually(() => expect(ca.typing).toEqual([typing(b, true)]));
    expect((await emitAck(ca.socket!, 'typing', { chatroom_id: room, is_typing: false })).ok).toBe(true);
    expect((await emitAck(cb.socket!, 'typing', { chatroom_id: room, is_typing: false })).ok).toBe(true);
    await eventually(() => expect(cb.typing).toEqual([typing(a, true), typing(a, false)]));
    await eventually(() => expect(ca.typing).toEqual([typing(b, true), typing(b, false)]));
    expect(ca.typing[0]!.expires_in_ms).toBeGreaterThan(0);
  });

  it('read pointers go both ways', async () => {
    const [a, b] = await Promise.all([registerUser(api1), registerUser(api2)]);
    const room = await openDm(api1, a, b);
    const [ca, cb] = await Promise.all([online(one, a), online(two, b)]);
    await Promise.all([ca.join(room), cb.join(room)]);

    await ca.send(room, 'one', clientId());
    await ca.send(room, 'two', clientId());
    await eventually(() => expect(cb.list(room)).toHaveLength(2));
    expect(await emitAck(cb.socket!, 'read', { chatroom_id: room, seq: 2 })).toEqual({ ok: true, data: { chatroom_id: room, seq: 2 } });
    await eventually(() => expect(ca.reads).toContainEqual({ chatroom_id: room, user_id: idOf(b), seq: 2 }));

    await cb.send(room, 'three', clientId());
    await eventually(() => expect(ca.list(room)).toHaveLength(3));
    expect((await emitAck(ca.socket!, 'read', { chatroom_id: room, seq: 3 })).ok).toBe(true);
    await eventually(() => expect(cb.reads).toContainEqual({ chatroom_id: room, user_id: idOf(a), seq: 3 }));

    // And the pointers each instance reads back are the ones set through the other.
    const roomOf = async (api: ApiClient, user: RegisteredUser) =>
      (await api.get(`/api/chatrooms/${room}`, { token: user.auth.token })).body as { last_read_seq: number; unread_count: number };
    expect(await roomOf(api1, b)).toMatchObject({ last_read_seq: 3, unread_count: 0 });
    expect(await roomOf(api2, a)).toMatchObject({ last_read_seq: 3, unread_count: 0 });
  });

  describe.each([
    { subjectOn: 1, watcherOn: 2 },
    { subjectOn: 2, watcherOn: 1 },
  ])('presence of a user on instance $subjectOn, seen from instance $watcherOn', ({ subjectOn, watcherOn }) => {
    const server = (n: number) => (n === 1 ? one : two);

    it('online, away, back, offline with last_seen; a late watcher gets the current state', async () => {
      const [subject, watcher, lateWatcher] = await Promise.all([registerUser(api1), registerUser(api2), registerUser(api1)]);
      await openDm(api1, subject, watcher);
      await openDm(api2, lateWatcher, subject);
      const cw = await online(server(watcherOn), watcher);

      const cs = await online(server(subjectOn), subject);
      await eventually(() => expect(cw.statusesOf(idOf(subject)).at(-1)).toEqual({ user_id: idOf(subject), status: 'online', is_online: true, last_seen: null }));
      // On connect the subject is told who of its room mates is online (the watcher, elsewhere).
      await eventually(() => expect(cs.statusesOf(idOf(watcher)).at(-1)).toEqual({ user_id: idOf(watcher), status: 'online', is_online: true, last_seen: null }));
      expect([cw.transitions(idOf(subject)), cs.transitions(idOf(watcher))]).toEqual([['online'], ['online']]);

      expect(await emitAck(cs.socket!, 'presence', { status: 'away' })).toEqual({ ok: true, data: null });
      await eventually(() => expect(cw.statusesOf(idOf(subject)).at(-1)).toEqual({ user_id: idOf(subject), status: 'away', is_online: true, last_seen: null }));

      // Someone connecting now, on the watcher's instance, learns the current state at once.
      const late = await online(server(watcherOn), lateWatcher);
      await eventually(() => expect(late.statusesOf(idOf(subject)).at(-1)).toEqual({ user_id: idOf(subject), status: 'away', is_online: true, last_seen: null }));
      expect(late.transitions(idOf(subject))).toEqual(['away']);

      expect((await emitAck(cs.socket!, 'presence', { status: 'online' })).ok).toBe(true);
      await eventually(() => expect(cw.statusesOf(idOf(subject)).at(-1)).toMatchObject({ status: 'online' }));

      const closedAt = Date.now();
      cs.close();
      await eventually(() => expect(cw.statusesOf(idOf(subject)).at(-1)).toMatchObject({ status: 'offline' }));
      const lastSeen = Date.parse(cw.statusesOf(idOf(subject)).at(-1)!.last_seen ?? '');
      expect(lastSeen).toBeGreaterThanOrEqual(closedAt - 1_000);
      expect(lastSeen).toBeLessThanOrEqual(Date.now() + 1_000);
      await eventually(() => expect(late.statusesOf(idOf(subject)).at(-1)).toMatchObject({ status: 'offline', is_online: false, last_seen: expect.any(String) }));
      expect(cw.transitions(idOf(subject))).toEqual(['online', 'away', 'online', 'offline']);
    });
  });

  it('a user with a tab on each instance goes offline only when the last tab closes', async () => {
    const [a, b] = await Promise.all([registerUser(api1), registerUser(api2)]);
    await openDm(api1, a, b);
    const cb = await online(two, b);
    const tab1 = await online(one, a);
    const tab2 = await online(two, a);
    await eventually(async () => expect(await leases(a)).toBe(2));

    tab1.close();
    // Instance 1 has seen the tab go (its lease is gone): had it taken A offline, it would have said so by now.
    await eventually(async () => expect(await leases(a)).toBe(1));
    // A status change on the other tab still counts (it would be ignored for an offline user), and arrives after any stray "offline".
    expect((await emitAck(tab2.socket!, 'presence', { status: 'away' })).ok).toBe(true);
    await eventually(() => expect(cb.statusesOf(idOf(a)).at(-1)).toMatchObject({ status: 'away' }));
    expect(cb.transitions(idOf(a))).toEqual(['online', 'away']);

    tab2.close();
    await eventually(() => expect(cb.statusesOf(idOf(a)).at(-1)).toMatchObject({ status: 'offline', is_online: false, last_seen: expect.any(String) }));
    expect(cb.transitions(idOf(a))).toEqual(['online', 'away', 'offline']);
    expect(await leases(a)).toBe(0);

    // The same, the other way round: the tab on instance 2 closes first.
    const again1 = await online(one, a);
    const again2 = await online(two, a);
    await eventually(() => expect(cb.statusesOf(idOf(a)).at(-1)).toMatchObject({ status: 'online' }));
    await eventually(async () => expect(await leases(a)).toBe(2));
    again2.close();
    await eventually(async () => expect(await leases(a)).toBe(1));
    expect((await emitAck(again1.socket!, 'presence', { status: 'away' })).ok).toBe(true);
    await eventually(() => expect(cb.statusesOf(idOf(a)).at(-1)).toMatchObject({ status: 'away' }));
    again1.close();
    await eventually(() => expect(cb.statusesOf(idOf(a)).at(-1)).toMatchObject({ status: 'offline' }));
    expect(cb.transitions(idOf(a))).toEqual(['online', 'away', 'offline', 'online', 'away', 'offline']);
  });

  it('a user who shares no room with A never hears of A, on either instance', async () => {
    const [a, b, stranger] = await Promise.all([registerUser(api1), registerUser(api2), registerUser(api1)]);
    await openDm(api1, a, b);
    await openDm(api2, stranger, b); // the stranger knows B, not A
    const strangerOn1 = await online(one, stranger);
    const strangerOn2 = await online(two, stranger);
    const cb = await online(two, b);

    const ca1 = await online(one, a);
    const ca2 = await online(two, a);
    expect((await emitAck(ca1.socket!, 'presence', { status: 'away' })).ok).toBe(true);
    ca1.close();
    ca2.close();
    await eventually(() => expect(cb.transitions(idOf(a))).toEqual(['online', 'away', 'offline']));

    // A later change of B's reaches the stranger on both instances: their sockets do get status events.
    expect((await emitAck(cb.socket!, 'presence', { status: 'away' })).ok).toBe(true);
    for (const client of [strangerOn1, strangerOn2]) {
      await eventually(() => expect(client.statusesOf(idOf(b)).at(-1)).toMatchObject({ status: 'away' }));
      expect(client.statusesOf(idOf(a))).toEqual([]);
    }
    // Nor does a fresh connection's snapshot mention A (online again, on instance 1).
    await online(one, a);
    await eventually(() => expect(cb.statusesOf(idOf(a)).at(-1)).toMatchObject({ status: 'online' }));
    const strangerLate = await online(two, stranger);
    await eventually(() => expect(strangerLate.statusesOf(idOf(b)).at(-1)).toMatchObject({ status: 'away' }));
    expect(strangerLate.statuses.filter((s) => s.user_id === idOf(a))).toEqual([]);
  });

  describe('connection-state recovery (the fast path; sync is the guarantee)', () => {
    /** A raw socket with Socket.IO's own reconnection, as the web client opens one. */
    const recoveringSocket = async (url: string, token: string, reconnectDelayMs = 500): Promise<{ socket: TestSocket; received: Message[] }> => {
      const socket: TestSocket = io(url, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        autoConnect: false,
        reconnectionDelay: reconnectDelayMs,
        reconnectionDelayMax: reconnectDelayMs,
        randomizationFactor: 0,
      });
      sockets.push(socket);
      const received: Message[] = [];
      socket.on('new-message', (message) => received.push(message));
      socket.connect();
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return { socket, received };
    };
    const reconnected = (socket: TestSocket) => new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    it.each([
      { name: 'to the same instance', toOther: false },
      { name: 'to the other instance', toOther: true },
    ])('a socket that drops briefly and reconnects $name gets the missed events; sync agrees', async ({ toOther }) => {
      const [a, r] = await Promise.all([registerUser(api1), registerUser(api2)]);
      const room = await openDm(api1, a, r);
      const ca = await online(two, a);
      await ca.join(room);
      const { socket, received } = await recoveringSocket(one.url, r.auth.token);
      expect((await emitAck(socket, 'join-room', { chatroom_id: room })).ok).toBe(true);
      const before = await ca.send(room, 'before the drop', clientId());
      await eventually(() => expect(received.map((m) => m.id)).toEqual([before.message.id]));
      const idBefore = socket.id;

      // Where a load balancer would send the reconnect: the same instance, or the other one.
      if (toOther) (socket.io as unknown as { uri: string }).uri = two.url;
      const back = reconnected(socket);
      socket.io.engine.close();
      expect(socket.connected).toBe(false);
      const missed: Message[] = [];
      for (const n of [1, 2, 3]) missed.push((await ca.send(room, `while away ${n}`, clientId())).message);
      await back;
      const port = (socket.io.engine as unknown as { port: string }).port;
      expect(String(port)).toBe(new URL((toOther ? two : one).url).port);

      expect(socket.recovered).toBe(true);
      expect(socket.id).toBe(idBefore);
      // The missed events arrive with the reconnect, without asking, in order, once each.
      await eventually(() => expect(received.map((m) => m.id)).toEqual([before.message, ...missed].map((m) => m.id)));
      // The rooms came back with the session: live events flow without a new join-room.
      const after = await ca.send(room, 'after the reconnect', clientId());
      await eventually(() => expect(received.map((m) => m.id)).toEqual([before.message, ...missed, after.message].map((m) => m.id)));

      // Sync, which is what correctness rests on, returns exactly the same messages.
      const sync = await emitAck(socket, 'sync', { rooms: [{ chatroom_id: room, after_seq: before.message.seq }] });
      expect(sync.ok && sync.data.rooms[0]!.messages.map((m) => m.id)).toEqual([...missed, after.message].map((m) => m.id));
    });

    /** Every event packet that reaches the client, even those the client library would drop. */
    const onTheWire = (socket: TestSocket): string[] => {
      const seen: string[] = [];
      socket.io.on('packet', (packet: { type: number; data?: unknown }) => {
        if (packet.type === 2) seen.push(JSON.stringify(packet.data));
      });
      return seen;
    };

    it('a member removed from a room while disconnected recovers nothing of that room', async () => {
      const [owner, r] = await Promise.all([registerUser(api1), registerUser(api2)]);
      const group = await api1.post('/api/chatrooms', { name: 'recovery', participant_ids: [idOf(r)] }, { token: owner.auth.token });
      expect(group.status).toBe(201);
      const room = group.body.id as string;
      const co = await online(two, owner);
      await co.join(room);
      const { socket, received } = await recoveringSocket(one.url, r.auth.token);
      const wire = onTheWire(socket);
      expect((await emitAck(socket, 'join-room', { chatroom_id: room })).ok).toBe(true);
      const before = await co.send(room, 'before the drop', clientId());
      await eventually(() => expect(received).toHaveLength(1));

      const back = reconnected(socket);
      socket.io.engine.close();
      expect((await api2.delete(`/api/chatrooms/${room}/participants/${idOf(r)}`, { token: owner.auth.token })).status).toBe(204);
      await co.send(room, 'secret: said after R was removed', clientId());
      await back;
      await co.send(room, 'secret: said after R came back', clientId());
      // The owner's own socket has all of it (the removal's system line too): had R still been in
      // the room, R would have the two secrets by now.
      await eventually(() => expect(co.list(room)).toHaveLength(4));
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(received.map((m) => m.id)).toEqual([before.message.id]);
      expect(wire.filter((packet) => packet.includes('secret'))).toEqual([]);
      expect(socket.recovered).toBe(false);
      // sync still answers the room R was removed from, read-only: up to the removal, nothing after.
      const sync = await emitAck(socket, 'sync', { rooms: [{ chatroom_id: room, after_seq: 0 }] });
      expect(sync.ok).toBe(true);
      const [answer] = sync.ok ? sync.data.rooms : [];
      expect(answer?.error).toBeUndefined();
      expect(answer?.messages.map((m) => m.system?.type ?? m.content)).toEqual(['before the drop', 'removed']);
    });

    it('a session signed out while disconnected recovers nothing: no missed event reaches the wire', async () => {
      const [a, r] = await Promise.all([registerUser(api1), registerUser(api2)]);
      const room = await openDm(api1, a, r);
      const ca = await online(two, a);
      await ca.join(room);
      const { socket, received } = await recoveringSocket(one.url, r.auth.token);
      const wire = onTheWire(socket);
      expect((await emitAck(socket, 'join-room', { chatroom_id: room })).ok).toBe(true);
      await ca.send(room, 'before the drop', clientId());
      await eventually(() => expect(received).toHaveLength(1));

      const refused = new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      socket.io.engine.close();
      expect((await api2.post('/api/auth/logout', undefined, { token: r.auth.token })).status).toBe(204);
      await ca.send(room, 'secret: said after R signed out', clientId());
      const error = await refused;
      socket.io.reconnection(false);

      expect((error as Error & { data?: { code?: string } }).data?.code).toBe('SESSION_REVOKED');
      expect(received).toHaveLength(1);
      expect(wire.filter((packet) => packet.includes('secret'))).toEqual([]);
    });

    it('a socket whose session cannot be recovered is told so (recovered false) and catches up with sync', async () => {
      const [a, r] = await Promise.all([registerUser(api1), registerUser(api2)]);
      const room = await openDm(api1, a, r);
      const ca = await online(two, a);
      await ca.join(room);
      // A longer reconnect delay: the test deletes the stored session in between.
      const { socket, received } = await recoveringSocket(one.url, r.auth.token, 2_000);
      expect((await emitAck(socket, 'join-room', { chatroom_id: room })).ok).toBe(true);
      const before = await ca.send(room, 'before the drop', clientId());
      await eventually(() => expect(received).toHaveLength(1));

      // The stored session is gone (expired, or Redis lost it): the reconnect is a fresh session.
      const back = reconnected(socket);
      socket.io.engine.close();
      const missed: Message[] = [];
      for (const n of [1, 2]) missed.push((await ca.send(room, `while away ${n}`, clientId())).message);
      await eventually(async () => {
        const keys = await redis.keys(`${prefix}socket.io:session:*`);
        expect(keys.length).toBeGreaterThan(0);
        await redis.del(...keys);
      });
      await back;
      expect(socket.recovered).toBe(false);
      expect(received.map((m) => m.id)).toEqual([before.message.id]);

      expect((await emitAck(socket, 'join-room', { chatroom_id: room })).ok).toBe(true);
      const sync = await emitAck(socket, 'sync', { rooms: [{ chatroom_id: room, after_seq: before.message.seq }] });
      expect(sync.ok && sync.data.rooms[0]!.messages.map((m) => m.id)).toEqual(missed.map((m) => m.id));
    });
  });
});
