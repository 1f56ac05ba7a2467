import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { type ChatUser, chatUsers, expectOk, type ReceivedEvent } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { askedId, askFriend, connectRecording, eventsFor, transitions } from '../../../test/friends-fixtures';
import { clusterEnv, startTestServer, type TestEnv, type TestServer } from '../../../test/harness';
import { emitAck, eventually, type TestSocket } from '../../../test/sockets';

/**
 * Issue 8, acceptance: friends end to end over two instances sharing PostgreSQL and
 * Redis. Ada is on instance 1, Bob on instance 2; each step is made on one instance and
 * heard live on the other, in both directions, and a block cuts presence across them.
 */
describe('friends across two instances', () => {
  const prefix = `${inject('redisPrefix')}friends-multi:${randomBytes(4).toString('hex')}:`;
  const env: TestEnv = { ...clusterEnv(), REDIS_KEY_PREFIX: prefix };
  let one: TestServer;
  let two: TestServer;
  let api1: ApiClient;
  let api2: ApiClient;
  const sockets: TestSocket[] = [];

  const on = async (server: TestServer, user: ChatUser) => {
    const recording = await connectRecording(server, user);
    sockets.push(recording.socket);
    return recording;
  };
  const of = (received: ReceivedEvent[], name: string) => received.filter((e) => e.event === name).map((e) => e.payload);
  const statusesOf = transitions;

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestServer({ ...env, INSTANCE_ID: 'friends-1' }), startTestServer({ ...env, INSTANCE_ID: 'friends-2' })]);
    api1 = new ApiClient(one.url);
    api2 = new ApiClient(two.url);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('ask on one instance, accept on the other: every step live on both, presence both ways without a room', async () => {
    const [ada, bob] = await chatUsers(api1, 2);
    const a = await on(one, ada);
    const b = await on(two, bob);

    const requestId = await askedId(api1, ada, bob);
    await eventually(() => expect(of(b.received, 'friend-request')).toEqual([expect.objectContaining({ id: requestId, direction: 'incoming', from: expect.objectContaining({ id: ada.id }) })]));
    await eventually(() => expect(of(a.received, 'friend-request')).toEqual([expect.objectContaining({ id: requestId, direction: 'outgoing' })]));
    // Nobody shares a room: neither has heard a status of the other yet.
    expect([statusesOf(a.received, bob.id), statusesOf(b.received, ada.id)]).toEqual([[], []]);

    const accepted = await api2.post(`/api/friends/requests/${requestId}/accept`, undefined, { token: bob.token });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ user: { id: ada.id }, status: 'online' });
    for (const side of [a, b]) {
      await eventually(() => expect(of(side.received, 'friend-request-removed')).toEqual([{ id: requestId, from_user_id: ada.id, to_user_id: bob.id, reason: 'accepted' }]));
    }
    await eventually(() => expect(of(a.received, 'friend-added')).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: bob.id }), status: 'online' })]));
    await eventually(() => expect(of(b.received, 'friend-added')).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: ada.id }), status: 'online' })]));
    await eventually(() => expect(statusesOf(a.received, bob.id)).toEqual(['online']));
    await eventually(() => expect(statusesOf(b.received, ada.id)).toEqual(['online']));

    // Presence changes on either instance reach the friend on the other.
    expectOk(await emitAck(b.socket, 'presence', { status: 'away' }));
    await eventually(() => expect(statusesOf(a.received, bob.id)).toEqual(['online', 'away']));
    expectOk(await emitAck(a.socket, 'presence', { status: 'away' }));
    await eventually(() => expect(statusesOf(b.received, ada.id)).toEqual(['online', 'away']));
    const listed = await api1.get('/api/friends', { token: ada.token });
    expect(listed.body.items).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: bob.id }), status: 'away' })]);
    b.socket.close();
    await eventually(() => expect(statusesOf(a.received, bob.id)).toEqual(['online', 'away', 'offline']));

    // Each event was recorded once, though two instances dispatch the outbox.
    expect(await eventsFor(one, 'friend.request.created', requestId)).toHaveLength(1);
    expect(await eventsFor(two, 'friend.request.accepted', requestId)).toHaveLength(1);
  });

  it('asking back on the other instance is an accept; removing on one is heard on the other', async () => {
    const [ada, bob] = await chatUsers(api2, 2);
    const a = await on(one, ada);
    const b = await on(two, bob);
    const requestId = await askedId(api2, bob, ada);

    const back = await askFriend(api1, ada, { handle: bob.handle });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ outcome: 'accepted', friend: { user: { id: bob.id } } });
    await eventually(() => expect(of(b.received, 'friend-added')).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: ada.id }) })]));
    expect(await eventsFor(one, 'friend.request.accepted', requestId)).toHaveLength(1);

    expect((await api1.delete(`/api/friends/${bob.id}`, { token: ada.token })).status).toBe(204);
    await eventually(() => expect(of(b.received, 'friend-removed')).toEqual([{ user_id: ada.id }]));
    await eventually(() => expect(of(a.received, 'friend-removed')).toEqual([{ user_id: bob.id }]));
    await eventually(() => expect(statusesOf(b.received, ada.id).at(-1)).toBe('offline'));
    expect((await api2.get('/api/friends', { token: bob.token })).body.items).toEqual([]);
  });

  it('a block on one instance ends the friendship on the other, hides presence both ways, and refuses DM and request', async () => {
    const [ada, bob, marker] = await chatUsers(api1, 3);
    const requestId = await askedId(api1, ada, bob);
    expect((await api2.post(`/api/friends/requests/${requestId}/accept`, undefined, { token: bob.token })).status).toBe(200);
    const a = await on(one, ada);
    const b = await on(two, bob);
    await eventually(() => expect(statusesOf(a.received, bob.id)).toEqual(['online']));

    expect((await api2.put(`/api/blocks/${ada.id}`, undefined, { token: bob.token })).status).toBe(200);
    await eventually(() => expect(of(a.received, 'friend-removed')).toEqual([{ user_id: bob.id }]));
    await eventually(() => expect(statusesOf(a.received, bob.id)).toEqual(['online', 'offline']));
    await eventually(() => expect(statusesOf(b.received, ada.id).at(-1)).toBe('offline'));

    // Ada, on instance 1, can neither write to Bob nor ask him again.
    expectError(await api1.post('/api/chatrooms', { participant_ids: [bob.id] }, { token: ada.token }), 403, 'FORBIDDEN');
    expectError(await askFriend(api1, ada, bob), 403, 'FORBIDDEN');
    // Bob's status changes on instance 2 no longer reach her; a request made on instance 2 afterwards is the marker.
    expectOk(await emitAck(b.socket, 'presence', { status: 'away' }));
    await askFriend(api2, marker, ada);
    await eventually(() => expect(of(a.received, 'friend-request')).toHaveLength(1));
    expect(statusesOf(a.received, bob.id)).toEqual(['online', 'offline']);

    // Unblocked on the other instance, they may become friends again, and then see each other (Bob is away).
    expect((await api1.delete(`/api/blocks/${ada.id}`, { token: bob.token })).status).toBe(204);
    const again = await askedId(api2, ada, bob);
    await eventually(() => expect(of(b.received, 'friend-request').at(-1)).toMatchObject({ id: again, direction: 'incoming', from: { id: ada.id } }));
    expect((await api1.post(`/api/friends/requests/${again}/accept`, undefined, { token: bob.token })).status).toBe(200);
    await eventually(() => expect(statusesOf(a.received, bob.id)).toEqual(['online', 'offline', 'away']));
    await eventually(() => expect(statusesOf(b.received, ada.id).at(-1)).toBe('online'));
  });
});
