import type { Ack } from '@discordgym/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { chatUsers, createGroup, expectOk, flushSocket, openDm, recordAll, startEmbeddedChat } from '../../../test/chat-fixtures';
import type { TestServer } from '../../../test/harness';
import { io } from 'socket.io-client';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { collect, connectSocket, emitAck, eventually, type TestSocket } from '../../../test/sockets';

/**
 * Statuses go out on connect for the room mates of that moment. Someone who becomes a
 * room mate later (a new DM, being added to a group) is told who is online when their
 * socket joins the room, instead of seeing everyone "offline" until the next change.
 */
describe('presence when a room is joined', () => {
  let sut: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    sut = await startEmbeddedChat();
    api = new ApiClient(sut.url);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('tells a new room mate who in the room is online, and nobody outside it', async () => {
    const [ada, bob, cy] = await chatUsers(api, 3);
    const adaSocket = await connectSocket(sut.url, ada.token);
    const cySocket = await connectSocket(sut.url, cy.token);
    const bobSocket = await connectSocket(sut.url, bob.token);
    const bobHears = collect(bobSocket, 'user-status-changed');
    try {
      // Connected before they shared any room: nothing about each other yet.
      const dm = await openDm(api, ada, bob);
      expect(bobHears.filter((s) => s.user_id === ada.id)).toEqual([]);

      expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: dm.id }));
      await eventually(() => expect(bobHears.filter((s) => s.user_id === ada.id)).toEqual([{ user_id: ada.id, status: 'online', is_online: true, last_seen: null }]));

      // Cy is online too, but shares nothing with Bob until a group does.
      expect(bobHears.filter((s) => s.user_id === cy.id)).toEqual([]);
      const group = await createGroup(api, cy, [bob]);
      expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: group.id }));
      await eventually(() => expect(bobHears.filter((s) => s.user_id === cy.id)).toEqual([{ user_id: cy.id, status: 'online', is_online: true, last_seen: null }]));
    } finally {
      for (const socket of [adaSocket, bobSocket, cySocket]) socket.close();
    }
  });

  it('does not repeat, on join, the status of a room mate the socket already follows', async () => {
    const [ada, bob, cy] = await chatUsers(api, 3);
    const dm = await openDm(api, ada, bob);
    const elsewhere = await createGroup(api, bob, [cy]);
    const bobSocket = await connectSocket(sut.url, bob.token);
    const bobHears = recordAll(bobSocket);
    // A join waits for the connect's statuses: once it is acked, Bob's connect has sent what it knew. Without it,
    // a connect still reading statuses when Ada comes online tells him of her a second time (a race, not the join).
    expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: elsewhere.id }));
    // Ada comes online after Bob connected: Bob, her room mate, hears it once.
    const adaSocket = await connectSocket(sut.url, ada.token);
    try {
      const aboutAda = () => bobHears.filter((r) => r.event === 'user-status-changed' && r.payload.user_id === ada.id);
      await eventually(() => expect(aboutAda()).toHaveLength(1));
      expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: dm.id }));
      await flushSocket(api, ada, dm.id, bobHears);
      expect(aboutAda()).toHaveLength(1);
    } finally {
      for (const socket of [adaSocket, bobSocket]) socket.close();
    }
  });

  it('sends each status once to a socket that joins its rooms the moment it connects', async () => {
    const [ada, bob, cy] = await chatUsers(api, 3);
    const dm = await openDm(api, ada, bob);
    const group = await createGroup(api, cy, [bob, ada]);
    const adaSocket = await connectSocket(sut.url, ada.token);
    const cySocket = await connectSocket(sut.url, cy.token);
    // Listening before the handshake and joining inside the connect callback: the joins reach
    // the server while it is still sending the connect's statuses.
    const bobSocket: TestSocket = io(sut.url, { auth: { token: bob.token }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
    const bobHears = collect(bobSocket, 'user-status-changed');
    const joins: Promise<unknown>[] = [];
    bobSocket.once('connect', () => joins.push(emitAck(bobSocket, 'join-room', { chatroom_id: dm.id }), emitAck(bobSocket, 'join-room', { chatroom_id: group.id })));
    bobSocket.connect();
    try {
      await eventually(() => expect(joins).toHaveLength(2));
      for (const answer of (await Promise.all(joins)) as Ack<unknown>[]) expectOk(answer);
      await flushSocket(api, ada, dm.id, recordAll(bobSocket));
      expect(bobHears.filter((s) => s.user_id === ada.id)).toHaveLength(1);
      expect(bobHears.filter((s) => s.user_id === cy.id)).toHaveLength(1);
    } finally {
      for (const socket of [adaSocket, bobSocket, cySocket]) socket.close();
    }
  });

  it('keeps the statuses sent on connect and on join out of the recovery buffer (a reconnect sends them afresh)', async () => {
    const [ada, bob, cy] = await chatUsers(api, 3);
    const dm = await openDm(api, ada, bob);
    const adaSocket = await connectSocket(sut.url, ada.token);
    const cySocket = await connectSocket(sut.url, cy.token);
    const bobSocket: TestSocket = io(sut.url, { auth: { token: bob.token }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
    const bobHears = collect(bobSocket, 'user-status-changed');
    bobSocket.connect();
    try {
      await eventually(() => expect(bobHears.filter((s) => s.user_id === ada.id)).toHaveLength(1));
      const group = await createGroup(api, cy, [bob]);
      expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: dm.id }));
      expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: group.id }));
      await eventually(() => expect(bobHears.filter((s) => s.user_id === cy.id)).toHaveLength(1));
      // The in-memory adapter's buffer of what a recovering socket would be sent again.
      const server = (sut.server.app.get(RealtimeEmitter) as unknown as { server: { of(nsp: string): { adapter: { packets?: { data: unknown[]; opts: { rooms: Set<string> } }[] } } } }).server;
      const kept = (server.of('/').adapter.packets ?? []).filter((p) => p.data[0] === 'user-status-changed' && p.opts.rooms.has(bobSocket.id!));
      expect(kept).toEqual([]);
    } finally {
      for (const socket of [adaSocket, bobSocket, cySocket]) socket.close();
    }
  });

  it('answers each of many joins at once by its own membership: a stranger in the same moment is refused', async () => {
    const [ada, bob, cy, stranger] = await chatUsers(api, 4);
    const rooms = [await openDm(api, ada, bob), await createGroup(api, ada, [bob]), await createGroup(api, ada, [cy])];
    const [bobSocket, strangerSocket] = [await connectSocket(sut.url, bob.token), await connectSocket(sut.url, stranger.token)];
    try {
      const [bobJoins, strangerJoins] = await Promise.all([
        Promise.all(rooms.map((room) => emitAck(bobSocket, 'join-room', { chatroom_id: room.id }))),
        Promise.all(rooms.map((room) => emitAck(strangerSocket, 'join-room', { chatroom_id: room.id }))),
      ]);
      expect(bobJoins.map((a) => a.ok)).toEqual([true, true, false]);
      expect(bobJoins[2]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      for (const answer of strangerJoins) expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(expectOk(bobJoins[0]!)).toEqual({ chatroom_id: rooms[0]!.id, last_seq: expect.any(Number) });
    } finally {
      bobSocket.close();
      strangerSocket.close();
    }
  });
});
