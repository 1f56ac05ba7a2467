import { FeedPage, type Leaderboard, type LeaderboardHoldList, Message, type MessagePage, WorkoutCardSnapshot, type Workout } from '@discordgym/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ChatUser, chatUsers, clientId, createGroup, recordAll, startEmbeddedChat, useChatServer } from '../../../test/chat-fixtures';
import { expectError } from '../../../test/expect-error';
import { befriend, block } from '../../../test/friends-fixtures';
import { inbox, settle } from '../../../test/notification-fixtures';
import { eventually } from '../../../test/sockets';
import { PR_ANNOUNCE_CONSUMER } from './pr-announcements.consumer';
import { BENCH, exercise, expectWorkoutRefused, logWorkout, set, SQUAT } from '../../../test/workout-fixtures';

/**
 * The social layer of workouts, embedded (the mode changes nothing here but live delivery,
 * which the cluster file covers): feed, kudos, comments, cards in chat, PR announcements,
 * leaderboards with the plausibility hold, and the privacy matrix over every workout route.
 */
describe('workouts social (embedded)', () => {
  const chat = useChatServer(startEmbeddedChat);
  const as = (u: ChatUser) => ({ token: u.token });
  let owner: ChatUser;
  let friend: ChatUser;
  let stranger: ChatUser;
  let blocked: ChatUser;
  const recent = (daysAgo: number) => {
    const start = new Date(Date.now() - daysAgo * 86_400_000 - 3_600_000);
    return { started_at: start.toISOString(), ended_at: new Date(start.getTime() + 1_800_000).toISOString() };
  };
  /** Waits until `user` has exactly `n` notifications of `kind` (others of theirs are left aside). */
  const inboxKind = async (user: ChatUser, kind: string, n: number) => {
    let found: Awaited<ReturnType<typeof inbox>> = [];
    await eventually(async () => {
      found = (await inbox(chat.api, user)).filter((x) => x.kind === kind);
      expect(found).toHaveLength(n);
    }, 10_000);
    return found;
  };
  const feedOf = async (u: ChatUser, query = '') => FeedPage.parse((await chat.api.get(`/api/feed${query}`, as(u))).body);

  beforeAll(async () => {
    [owner, friend, stranger, blocked] = await chatUsers(chat.api, 4);
    await befriend(chat.api, owner, friend);
    await befriend(chat.api, owner, blocked);
    await block(chat.api, blocked, owner);
  });

  describe('feed', () => {
    it("shows friends' friends and public workouts, never private ones, nothing to strangers or across a block; pages by keyset", async () => {
      const [a, b] = await chatUsers(chat.api, 2);
      await befriend(chat.api, a, b);
      const shown: Workout[] = [];
      for (const visibility of ['friends', 'public', 'friends'] as const) shown.push(await logWorkout(chat.api, a, [exercise(BENCH, [set(60, 5)])], { visibility }));
      const hidden = await logWorkout(chat.api, a, [exercise(BENCH, [set(60, 5)])], { visibility: 'private' });
      const first = await feedOf(b, '?limit=2');
      expect(first.items.map((i) => i.id)).toEqual([shown[2]!.id, shown[1]!.id]);
      const second = await feedOf(b, `?limit=2&before=${first.next_cursor}`);
      expect(second.items.map((i) => i.id)).toEqual([shown[0]!.id]);
      expect(second.next_cursor).toBeNull();
      expect(first.items[0]).toMatchObject({ owner: { id: a.id }, kudos_count: 0, has_kudos: false, comment_count: 0, set_count: 1, volume_kg: 300 });
      // My own feed has my private one too; a stranger's feed has nothing of a (not even the public one).
      expect((await feedOf(a)).items.map((i) => i.id)).toContain(hidden.id);
      expect((await feedOf(b)).items.map((i) => i.id)).not.toContain(hidden.id);
      expect((await feedOf(stranger)).items.filter((i) => i.owner.id === a.id)).toEqual([]);
      expectError(await chat.api.get('/api/feed?before=nonsense', as(b)), 400, 'VALIDATION_FAILED');
    });

    it('goes live to friends who may see it when a workout is finished; not to strangers, not for a private one', async () => {
      const [a, b, c] = await chatUsers(chat.api, 3);
      await befriend(chat.api, a, b);
      const bEvents = recordAll(await chat.connect(b));
      const cEvents = recordAll(await chat.connect(c));
      const secret = await logWorkout(chat.api, a, [exercise(BENCH, [set(50, 5)])], { visibility: 'private' });
      const open = await logWorkout(chat.api, a, [exercise(BENCH, [set(60, 5)])], { visibility: 'friends' });
      await eventually(() => expect(bEvents.filter((e) => e.event === 'feed-workout').map((e) => e.payload.id)).toEqual([open.id]));
      await settle(chat.sut);
      expect(bEvents.some((e) => e.event === 'feed-workout' && e.payload.id === secret.id)).toBe(false);
      expect(cEvents.filter((e) => e.event === 'feed-workout')).toEqual([]);
    });
  });

  describe('kudos and comments', () => {
    it('one tap of kudos between friends, idempotent both ways; the owner is notified once and hears it live', async () => {
      const workout = await logWorkout(chat.api, owner, [exercise(SQUAT, [set(100, 5)])], { visibility: 'friends' });
      const ownerEvents = recordAll(await chat.connect(owner));
      for (let i = 0; i < 2; i++) {
        const given = await chat.api.put(`/api/workouts/${workout.id}/kudos`, undefined, as(friend));
        expect(given.status, JSON.stringify(given.body)).toBe(200);
        expect(given.body).toEqual({ workout_id: workout.id, kudos_count: 1, has_kudos: true });
      }
      await eventually(() => expect(ownerEvents.filter((e) => e.event === 'workout-kudos').map((e) => e.payload)).toEqual([{ workout_id: workout.id, user_id: friend.id, added: true, kudos_count: 1 }]));
      const [note] = await inboxKind(owner, 'workout_kudos', 1);
      expect(note).toMatchObject({ kind: 'workout_kudos', actor: { id: friend.id }, workout: { id: workout.id, title: workout.title } });
      await settle(chat.sut);
      expect(await inboxKind(owner, 'workout_kudos', 1)).toHaveLength(1);
      expect((await feedOf(friend)).items.find((i) => i.id === workout.id)).toMatchObject({ kudos_count: 1, has_kudos: true });
      for (let i = 0; i < 2; i++) expect((await chat.api.delete(`/api/workouts/${workout.id}/kudos`, as(friend))).body).toEqual({ workout_id: workout.id, kudos_count: 0, has_kudos: false });
    });

    it('refuses kudos and comments outside friendship: own kudos 403, a stranger on a public workout 403, on a friends one 404, blocked 404, nothing written', async () => {
      const pub = await logWorkout(chat.api, owner, [exercise(BENCH, [set(60, 5)])], { visibility: 'public' });
      const friendsOnly = await logWorkout(chat.api, owner, [exercise(BENCH, [set(60, 5)])], { visibility: 'friends' });
      await expectWorkoutRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.put(`/api/workouts/${pub.id}/kudos`, undefined, as(owner)));
      await expectWorkoutRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.put(`/api/workouts/${pub.id}/kudos`, undefined, as(stranger)));
      await expectWorkoutRefused(chat.sut, 403, 'FORBIDDEN', () => chat.api.post(`/api/workouts/${pub.id}/comments`, { body: 'nice' }, as(stranger)));
      await expectWorkoutRefused(chat.sut, 404, 'NOT_FOUND', () => chat.api.put(`/api/workouts/${friendsOnly.id}/kudos`, undefined, as(stranger)));
      await expectWorkoutRefused(chat.sut, 404, 'NOT_FOUND', () => chat.api.post(`/api/workouts/${friendsOnly.id}/comments`, { body: 'hi' }, as(blocked)));
      await expectWorkoutRefused(chat.sut, 400, 'VALIDATION_FAILED', () => chat.api.post(`/api/workouts/${friendsOnly.id}/comments`, { body: '   ' }, as(friend)));
      await expectWorkoutRefused(chat.sut, 400, 'VALIDATION_FAILED', () => chat.api.post(`/api/workouts/${friendsOnly.id}/comments`, { body: 'x'.repeat(1001) }, as(friend)));
      await expectWorkoutRefused(chat.sut, 400, 'VALIDATION_FAILED', () => chat.api.put(`/api/workouts/not-an-id/kudos`, undefined, as(friend)));
    });

    it('comments: idempotent by client_id, oldest first, deleted by the author or the owner only; the owner is notified', async () => {
      const [third] = await chatUsers(chat.api, 1);
      await befriend(chat.api, owner, third);
      const workout = await logWorkout(chat.api, owner, [exercise(BENCH, [set(70, 5)])], { visibility: 'friends' });
      const body = { body: 'Strong session 💪', client_id: clientId() };
      const first = await chat.api.post(`/api/workouts/${workout.id}/comments`, body, as(friend));
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const retry = await chat.api.post(`/api/workouts/${workout.id}/comments`, body, as(friend));
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expectError(await chat.api.post(`/api/workouts/${workout.id}/comments`, { ...body, body: 'other' }, as(friend)), 409, 'CLIENT_ID_CONFLICT');
      const reply = await chat.api.post(`/api/workouts/${workout.id}/comments`, { body: 'thanks!' }, as(owner));
      const third_ = await chat.api.post(`/api/workouts/${workout.id}/comments`, { body: 'me too' }, as(third));
      const list = await chat.api.get(`/api/workouts/${workout.id}/comments?limit=2`, as(third));
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id, reply.body.id]);
      const rest = await chat.api.get(`/api/workouts/${workout.id}/comments?after=${list.body.next_cursor}`, as(third));
      expect(rest.body.items.map((c: { id: string }) => c.id)).toEqual([third_.body.id]);

      expectError(await chat.api.delete(`/api/workouts/${workout.id}/comments/${first.body.id}`, as(third)), 403, 'FORBIDDEN');
      expect((await chat.api.delete(`/api/workouts/${workout.id}/comments/${first.body.id}`, as(friend))).status).toBe(204);
      expect((await chat.api.delete(`/api/workouts/${workout.id}/comments/${third_.body.id}`, as(owner))).status).toBe(204);
      expect((await chat.api.get(`/api/workouts/${workout.id}/comments`, as(friend))).body.items.map((c: { id: string }) => c.id)).toEqual([reply.body.id]);

      await eventually(async () => {
        const notes = (await inbox(chat.api, owner)).filter((n) => n.kind === 'workout_comment' && n.workout?.id === workout.id);
        expect(notes.filter((n) => n.actor?.id === friend.id)).toHaveLength(1);
      }, 10_000);
      await settle(chat.sut);
      // My own comment on my own workout notifies nobody; the friend's retry made no second one.
      const notes = (await inbox(chat.api, owner)).filter((n) => n.kind === 'workout_comment' && n.workout?.id === workout.id);
      expect(notes.filter((n) => n.actor?.id === owner.id)).toEqual([]);
      expect(notes.filter((n) => n.actor?.id === friend.id)).toHaveLength(1);
    });
  });

  describe('cards in chat', () => {
    it('the owner shares a finished workout; a room member who may not see the workout sees only the card', async () => {
      await logWorkout(chat.api, owner, [exercise(BENCH, [set(80, 5)])], { visibility: 'friends' });
      const workout = await logWorkout(chat.api, owner, [exercise(BENCH, [set(90, 5)])], { visibility: 'friends', title: 'Bench PR day' });
      const room = await createGroup(chat.api, owner, [friend, stranger]);
      const sent = await chat.api.post('/api/messages', { chatroom_id: room.id, content: '', client_id: clientId(), card: { kind: 'workout', id: workout.id } }, as(owner));
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      const card = Message.parse(sent.body).card!;
      const snapshot = WorkoutCardSnapshot.parse(card.snapshot);
      expect(snapshot).toMatchObject({ owner_id: owner.id, title: 'Bench PR day', duration_s: 1800 * 2, volume_kg: 450, set_count: 1, exercise_count: 1 });
      expect(snapshot.prs.map((p) => p.kind)).toContain('e1rm');
      expect(snapshot.prs[0]).toMatchObject({ exercise_id: BENCH, name_en: 'Bench Press (Barbell)' });
      // The stranger reads the card in history, and nothing more of the workout.
      const history = (await chat.api.get<MessagePage>(`/api/messages/${room.id}`, as(stranger))).body;
      expect(history.items[0]!.card).toEqual(card);
      expectError(await chat.api.get(`/api/workouts/${workout.id}`, as(stranger)), 404, 'NOT_FOUND');
      expectError(await chat.api.get(`/api/workouts/${workout.id}/summary`, as(stranger)), 404, 'NOT_FOUND');
    });

    it('refuses a private workout, one not finished, and someone else’s: 403 / 404, nothing written', async () => {
      const room = await createGroup(chat.api, owner, [friend]);
      const secret = await logWorkout(chat.api, owner, [exercise(BENCH, [set(80, 5)])], { visibility: 'private' });
      const theirs = await logWorkout(chat.api, friend, [exercise(BENCH, [set(80, 5)])], { visibility: 'friends' });
      const live = await chat.api.post('/api/workouts', { client_id: clientId(), exercises: [] }, as(owner));
      const share = (u: ChatUser, id: string) => chat.api.post('/api/messages', { chatroom_id: room.id, content: '', client_id: clientId(), card: { kind: 'workout', id } }, as(u));
      await expectWorkoutRefused(chat.sut, 403, 'FORBIDDEN', () => share(owner, secret.id));
      await expectWorkoutRefused(chat.sut, 403, 'FORBIDDEN', () => share(owner, live.body.id));
      await expectWorkoutRefused(chat.sut, 403, 'FORBIDDEN', () => share(owner, theirs.id));
      await expectWorkoutRefused(chat.sut, 404, 'NOT_FOUND', () => share(friend, secret.id));
      expect((await chat.api.get<MessagePage>(`/api/messages/${room.id}`, as(friend))).body.items).toEqual([]);
    });
  });

  describe('PR announcements', () => {
    it('posts the card once in each chosen room the user is still in, only for new PRs of a visible workout', async () => {
      const [lifter, mate] = await chatUsers(chat.api, 2);
      const kept = await createGroup(chat.api, lifter, [mate]);
      const left = await createGroup(chat.api, mate, [lifter]);
      const notMine = await createGroup(chat.api, mate, [owner]);
      await expectWorkoutRefused(chat.sut, 404, 'NOT_FOUND', () => chat.api.put('/api/workout-preferences/pr-rooms', { chatroom_ids: [kept.id, notMine.id] }, as(lifter)));
      expect((await chat.api.put('/api/workout-preferences/pr-rooms', { chatroom_ids: [kept.id, left.id, kept.id] }, as(lifter))).body).toEqual({ chatroom_ids: [kept.id, left.id] });
      expect((await chat.api.delete(`/api/chatrooms/${left.id}/participants/${lifter.id}`, as(lifter))).status).toBe(204);

      await logWorkout(chat.api, lifter, [exercise(SQUAT, [set(100, 5)])], { visibility: 'friends' });
      await logWorkout(chat.api, lifter, [exercise(SQUAT, [set(110, 5)])], { visibility: 'private' });
      const pr = await logWorkout(chat.api, lifter, [exercise(SQUAT, [set(120, 5)])], { visibility: 'friends' });
      const cards = async (roomId: string) => (await chat.api.get<MessagePage>(`/api/messages/${roomId}`, as(mate))).body.items.filter((m) => m.card);
      // The announcement is a job of its own, which `settle` (notification jobs) does not wait for: its card
      // first, then its queue drained, so that a second card or one in the room left would be there by now.
      await eventually(async () => expect(await cards(kept.id)).toHaveLength(1), 15_000);
      await eventually(async () => {
        const stats = await chat.sut.server.infra.jobs.stats();
        const pending = Object.entries(stats).filter(([name]) => name.endsWith(PR_ANNOUNCE_CONSUMER)).reduce((sum, [, q]) => sum + q.waiting + q.active + q.delayed, 0);
        expect(pending).toBe(0);
      }, 15_000);
      await settle(chat.sut);
      expect((await cards(kept.id)).map((m) => [m.sender_id, m.card!.kind, m.card!.id])).toEqual([[lifter.id, 'workout', pr.id]]);
      expect(await cards(left.id)).toEqual([]);
    });
  });

  describe('leaderboards', () => {
    it('weekly volume and consistency among friends count only workouts the viewer may see; room boards are for members only', async () => {
      const [a, b, c] = await chatUsers(chat.api, 3);
      await befriend(chat.api, a, b);
      await logWorkout(chat.api, a, [exercise(BENCH, [set(100, 10)])], { ...recent(0), visibility: 'friends' });
      await logWorkout(chat.api, b, [exercise(BENCH, [set(50, 10)])], { ...recent(0), visibility: 'friends' });
      await logWorkout(chat.api, b, [exercise(BENCH, [set(100, 10)])], { ...recent(0), visibility: 'private' });
      await logWorkout(chat.api, b, [exercise(BENCH, [set(10, 1)])], { ...recent(3), visibility: 'public' });
      const board = async (u: ChatUser, query: string) => {
        const response = await chat.api.get<Leaderboard>(`/api/leaderboards?${query}`, as(u));
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        return response.body.entries.map((e) => [e.user.id, e.value]);
      };
      expect(await board(a, 'scope=friends&metric=weekly_volume&period=4_weeks')).toEqual([
        [a.id, 1000],
        [b.id, 510],
      ]);
      // b's own view counts b's private workout.
      expect(await board(b, 'scope=friends&metric=weekly_volume&period=4_weeks')).toEqual([
        [b.id, 1510],
        [a.id, 1000],
      ]);
      expect(await board(a, 'scope=friends&metric=consistency')).toEqual([
        [b.id, 2],
        [a.id, 1],
      ]);
      const room = await createGroup(chat.api, c, [a, b]);
      // c is nobody's friend: only b's public workout counts for c, while a and b see each other's.
      expect(await board(c, `scope=room:${room.id}&metric=weekly_volume&period=4_weeks`)).toEqual([[b.id, 10]]);
      expect(await board(a, `scope=room:${room.id}&metric=weekly_volume&period=4_weeks`)).toEqual([
        [a.id, 1000],
        [b.id, 510],
      ]);
      await expectWorkoutRefused(chat.sut, 404, 'NOT_FOUND', () => chat.api.get(`/api/leaderboards?scope=room:${room.id}&metric=consistency`, as(stranger)));
      for (const bad of ['scope=everyone&metric=consistency', 'scope=friends&metric=fastest', 'scope=friends&metric=relative_strength', 'scope=friends&metric=consistency&period=decade', 'scope=friends&metric=consistency&limit=1000']) {
        expectError(await chat.api.get(`/api/leaderboards?${bad}`, as(a)), 400, 'VALIDATION_FAILED');
      }
    });

    it('relative strength holds a lift far above the previous best out until its lifter confirms it', async () => {
      const [a, b] = await chatUsers(chat.api, 2);
      await befriend(chat.api, a, b);
      for (const [u, bw] of [
        [a, 80],
        [b, 100],
      ] as const) {
        expect((await chat.api.put('/api/workout-preferences', { weight_unit: 'kg', sex: 'male', bodyweight: bw }, as(u))).status).toBe(200);
      }
      await logWorkout(chat.api, a, [exercise(BENCH, [set(100, 1)])], { ...recent(2), visibility: 'friends' });
      const jump = await logWorkout(chat.api, a, [exercise(BENCH, [set(140, 1)])], { ...recent(1), visibility: 'friends' });
      await logWorkout(chat.api, b, [exercise(BENCH, [set(110, 1)])], { ...recent(1), visibility: 'friends' });
      const board = async (formula = 'per_kg') =>
        (await chat.api.get<Leaderboard>(`/api/leaderboards?scope=friends&metric=relative_strength&exercise=${BENCH}&formula=${formula}`, as(b))).body.entries.map((e) => [e.user.id, e.value, e.e1rm_kg]);
      // 140 > 1.3 × 100: held; a's standing 100 kg counts (1.25 per kg) behind b's 1.1.
      expect(await board()).toEqual([
        [a.id, 1.25, 100],
        [b.id, 1.1, 110],
      ]);
      await settle(chat.sut);
      const holds = (await chat.api.get<LeaderboardHoldList>('/api/leaderboards/holds', as(a))).body.items;
      const setId = jump.exercises[0]!.sets[0]!.id;
      expect(holds).toMatchObject([{ workout_id: jump.id, set_id: setId, metric: 'e1rm', value: 140, previous_best: 100, status: 'pending' }]);
      // Only the lifter confirms, and only a held set.
      await expectWorkoutRefused(chat.sut, 404, 'NOT_FOUND', () => chat.api.post(`/api/workouts/${jump.id}/sets/${setId}/confirm`, undefined, as(stranger)));
      expectError(await chat.api.post(`/api/workouts/${jump.id}/sets/${setId}/confirm`, undefined, as(b)), 403, 'FORBIDDEN');
      const confirmed = await chat.api.post(`/api/workouts/${jump.id}/sets/${setId}/confirm`, undefined, as(a));
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body.status).toBe('confirmed');
      expect(await board()).toEqual([
        [a.id, 1.75, 140],
        [b.id, 1.1, 110],
      ]);
      const dots = await board('dots');
      expect(dots.map((d) => d[0])).toEqual([a.id, b.id]);
      expect(dots[0]![1]).toBeCloseTo(140 * (500 / (-307.75076 + 24.0900756 * 80 - 0.1918759221 * 80 ** 2 + 0.0007391293 * 80 ** 3 - 0.000001093 * 80 ** 4)), 2);
      expect((await chat.api.get<LeaderboardHoldList>('/api/leaderboards/holds', as(a))).body.items).toEqual([]);
    });
  });

  describe('privacy matrix', () => {
    it('a private workout is visible to its owner only, on every workout route; friends and public follow the policy', async () => {
      const [o, f, s, bl] = await chatUsers(chat.api, 4);
      await befriend(chat.api, o, f);
      await befriend(chat.api, o, bl);
      await block(chat.api, bl, o);
      const room = await createGroup(chat.api, o, [f, s]);
      const viewers = { owner: o, friend: f, stranger: s, blocked: bl } as const;
      const expected: Record<'private' | 'friends' | 'public', Record<keyof typeof viewers, boolean>> = {
        private: { owner: true, friend: false, stranger: false, blocked: false },
        friends: { owner: true, friend: true, stranger: false, blocked: false },
        public: { owner: true, friend: true, stranger: true, blocked: false },
      };
      const volumes = { private: 1, friends: 10, public: 100 } as const;
      for (const visibility of ['private', 'friends', 'public'] as const) {
        const workout = await logWorkout(chat.api, o, [exercise(BENCH, [set(volumes[visibility], 1)])], { ...recent(0), visibility, title: `matrix ${visibility}` });
        for (const [name, viewer] of Object.entries(viewers) as Array<[keyof typeof viewers, ChatUser]>) {
          const sees = expected[visibility][name];
          const label = `${visibility} workout, ${name}`;
          expect((await chat.api.get(`/api/workouts/${workout.id}`, as(viewer))).status, label).toBe(sees ? 200 : 404);
          expect((await chat.api.get(`/api/workouts/${workout.id}/summary`, as(viewer))).status, label).toBe(sees ? 200 : 404);
          // Kudos and comments are for friends; a stranger who may see a public workout gets 403.
          const social = !sees ? 404 : name === 'stranger' ? 403 : 200;
          expect((await chat.api.get(`/api/workouts/${workout.id}/comments`, as(viewer))).status, label).toBe(social);
          if (name !== 'owner') expect((await chat.api.put(`/api/workouts/${workout.id}/kudos`, undefined, as(viewer))).status, label).toBe(social);
          expect((await chat.api.get(`/api/workouts/${workout.id}/summary`, as(viewer))).status, label).toBe(sees ? 200 : 404);
          expect((await feedOf(viewer)).items.some((i) => i.id === workout.id), label).toBe(sees && name !== 'stranger');
          // Only the owner makes a card of it, never of a private one; the blocked one is not in the room.
          const card = await chat.api.post('/api/messages', { chatroom_id: room.id, content: '', client_id: clientId(), card: { kind: 'workout', id: workout.id } }, as(viewer));
          expect(card.status, label).toBe(name === 'blocked' ? 404 : name === 'owner' ? (visibility === 'private' ? 403 : 201) : sees ? 403 : 404);
        }
      }
      // Leaderboards: each viewer's figure for o is the volume of what that viewer may see.
      const volumeOf = async (viewer: ChatUser, scope: string) => {
        const response = await chat.api.get<Leaderboard>(`/api/leaderboards?scope=${scope}&metric=weekly_volume&period=4_weeks`, as(viewer));
        return response.status === 200 ? (response.body.entries.find((e) => e.user.id === o.id)?.value ?? 0) : response.status;
      };
      expect(await volumeOf(o, 'friends')).toBe(111);
      expect(await volumeOf(f, 'friends')).toBe(110);
      expect(await volumeOf(f, `room:${room.id}`)).toBe(110);
      expect(await volumeOf(s, `room:${room.id}`)).toBe(100);
      expect(await volumeOf(bl, 'friends')).toBe(0);
      expect(await volumeOf(bl, `room:${room.id}`)).toBe(404);
      // The cards in the room: the friends and the public workout, never the private one.
      const titles = (await chat.api.get<MessagePage>(`/api/messages/${room.id}?limit=100`, as(s))).body.items.map((m) => WorkoutCardSnapshot.parse(m.card!.snapshot).title);
      expect(titles.sort()).toEqual(['matrix friends', 'matrix public']);
    });
  });
});
