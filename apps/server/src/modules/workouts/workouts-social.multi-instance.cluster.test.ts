import { randomBytes } from 'node:crypto';
import type { FeedItem, WorkoutCommentEvent, WorkoutKudosEvent } from '@discordgym/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { chatUsers, CHAT_TEST_ENV, socketIn } from '../../../test/chat-fixtures';
import { befriend } from '../../../test/friends-fixtures';
import { clusterEnv, startTestServer, type TestServer } from '../../../test/harness';
import { settle } from '../../../test/notification-fixtures';
import { collect, eventually, type TestSocket } from '../../../test/sockets';
import { BENCH, exercise, logWorkout, set } from '../../../test/workout-fixtures';

/**
 * The live feed across two instances (PostgreSQL + Redis, BullMQ): a workout finished
 * through instance 1 reaches a friend's socket on instance 2 once, and kudos and comments
 * given through instance 2 reach the owner's socket on instance 1.
 */
describe('workouts social across two instances', () => {
  const prefix = `${inject('redisPrefix')}workouts-social:${randomBytes(4).toString('hex')}:`;
  const env = { ...clusterEnv(), ...CHAT_TEST_ENV, REDIS_KEY_PREFIX: prefix };
  let one: TestServer;
  let two: TestServer;
  let api1: ApiClient;
  let api2: ApiClient;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    [one, two] = await Promise.all([startTestServer({ ...env, INSTANCE_ID: 'social-1' }), startTestServer({ ...env, INSTANCE_ID: 'social-2' })]);
    api1 = new ApiClient(one.url);
    api2 = new ApiClient(two.url);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => Promise.all([one?.close(), two?.close()]));

  it('feed-workout, workout-kudos and workout-comment travel between instances, once each', async () => {
    const [owner, friend, stranger] = await chatUsers(api1, 3);
    await befriend(api1, owner, friend);
    const friendSocket = await socketIn(two, friend);
    const strangerSocket = await socketIn(two, stranger);
    const ownerSocket = await socketIn(one, owner);
    sockets.push(friendSocket, strangerSocket, ownerSocket);
    const feed = collect(friendSocket, 'feed-workout');
    const strangerFeed = collect(strangerSocket, 'feed-workout');
    const kudos = collect(ownerSocket, 'workout-kudos');
    const comments = collect(ownerSocket, 'workout-comment');

    const workout = await logWorkout(api1, owner, [exercise(BENCH, [set(80, 5)])], { visibility: 'friends' });
    await eventually(() => expect(feed.map((f) => (f as FeedItem).id)).toEqual([workout.id]), 10_000);
    expect((await api2.put(`/api/workouts/${workout.id}/kudos`, undefined, { token: friend.token })).status).toBe(200);
    const comment = await api2.post(`/api/workouts/${workout.id}/comments`, { body: 'light weight' }, { token: friend.token });
    expect(comment.status).toBe(201);
    await eventually(() => {
      expect(kudos as WorkoutKudosEvent[]).toEqual([{ workout_id: workout.id, user_id: friend.id, added: true, kudos_count: 1 }]);
      expect((comments as WorkoutCommentEvent[]).map((c) => [c.comment.id, c.deleted])).toEqual([[comment.body.id, false]]);
    }, 10_000);
    await settle(one);
    await settle(two);
    expect(feed).toHaveLength(1);
    expect(strangerFeed).toEqual([]);
  });
});
