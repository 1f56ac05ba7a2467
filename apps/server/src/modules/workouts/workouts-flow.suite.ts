import type { ExercisePage, PersonalRecord, RecordList, Routine, Workout, WorkoutSummary } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { domainEvents } from '../../infra/db/schema';
import { type ChatUser, chatUsers, clientId, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { befriend, block } from '../../../test/friends-fixtures';
import { BENCH, exercise, logWorkout, PULL_UP, RUNNING, set, SQUAT } from '../../../test/workout-fixtures';

const current = (records: PersonalRecord[], exerciseId: string, kind: string) => records.filter((r) => r.exercise_id === exerciseId && r.kind === kind && r.current);

/**
 * The training log end to end over HTTP: catalog, custom exercises, the live workout and its
 * idempotent sync, finish with records, edits and deletes that move records, visibility,
 * routines, stats. Run embedded (PGlite) and on PostgreSQL.
 */
export function describeWorkoutsFlow(mode: string, start: StartChatServer): void {
  describe(`workouts flow (${mode})`, () => {
    const chat = useChatServer(start);
    let me: ChatUser;
    let friend: ChatUser;
    let stranger: ChatUser;
    let blocked: ChatUser;
    const as = (u: ChatUser) => ({ token: u.token });

    beforeAll(async () => {
      [me, friend, stranger, blocked] = await chatUsers(chat.api, 4);
      await befriend(chat.api, me, friend);
      await befriend(chat.api, me, blocked);
      await block(chat.api, blocked, me);
    });

    describe('exercise catalog', () => {
      it('ships at least 150 built-ins with English and German names, muscles, equipment and a tracking type', async () => {
        const seen: ExercisePage['items'] = [];
        let cursor: string | null = null;
        do {
          const page: { body: ExercisePage } = await chat.api.get(`/api/exercises?limit=200${cursor ? `&cursor=${cursor}` : ''}`, as(me));
          seen.push(...page.body.items);
          cursor = page.body.next_cursor;
        } while (cursor);
        const builtIns = seen.filter((e) => !e.custom);
        expect(builtIns.length).toBeGreaterThanOrEqual(150);
        expect(new Set(builtIns.map((e) => e.slug)).size).toBe(builtIns.length);
        const bench = builtIns.find((e) => e.slug === 'bench-press-barbell')!;
        expect(bench).toMatchObject({ id: BENCH, name_en: 'Bench Press (Barbell)', name_de: 'Bankdrücken (Langhantel)', equipment: 'barbell', tracking_type: 'weight_reps', primary_muscles: ['chest'] });
        expect(new Set(builtIns.map((e) => e.tracking_type)).size).toBe(7);
      });

      it('filters by name (either language), muscle and equipment, and pages by keyset', async () => {
        const byName = await chat.api.get<ExercisePage>('/api/exercises?q=kniebeuge', as(me));
        expect(byName.body.items.map((e) => e.slug)).toContain('squat-barbell');
        const chest = await chat.api.get<ExercisePage>('/api/exercises?muscle=chest&equipment=dumbbell&limit=200', as(me));
        expect(chest.body.items.length).toBeGreaterThan(2);
        for (const e of chest.body.items) {
          expect(e.equipment).toBe('dumbbell');
          expect([...e.primary_muscles, ...e.secondary_muscles]).toContain('chest');
        }
        const first = await chat.api.get<ExercisePage>('/api/exercises?limit=5', as(me));
        const second = await chat.api.get<ExercisePage>(`/api/exercises?limit=5&cursor=${first.body.next_cursor}`, as(me));
        expect(second.body.items).toHaveLength(5);
        expect(second.body.items.map((e) => e.id)).not.toContain(first.body.items[0]!.id);
      });

      it('keeps custom exercises to their owner; built-ins cannot be changed', async () => {
        const created = await chat.api.post('/api/exercises', { name_en: 'Zercher Carry', primary_muscles: ['full_body'], equipment: 'barbell', tracking_type: 'weight_distance' }, as(me));
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ custom: true, owner_id: me.id, name_de: 'Zercher Carry' });
        const id = created.body.id as string;
        expect((await chat.api.get(`/api/exercises/${id}`, as(stranger))).status).toBe(404);
        expect((await chat.api.put(`/api/exercises/${id}`, { name_de: 'Zercher-Tragen' }, as(stranger))).status).toBe(404);
        const mine = await chat.api.get<ExercisePage>('/api/exercises?custom=true', as(stranger));
        expect(mine.body.items).toEqual([]);
        const renamed = await chat.api.put(`/api/exercises/${id}`, { name_de: 'Zercher-Tragen' }, as(me));
        expect(renamed.body.name_de).toBe('Zercher-Tragen');
        expect((await chat.api.put(`/api/exercises/${BENCH}`, { name_en: 'Mine now' }, as(me))).status).toBe(403);
        expect((await chat.api.delete(`/api/exercises/${id}`, as(me))).status).toBe(204);
        expect((await chat.api.get(`/api/exercises/${id}`, as(me))).status).toBe(404);
      });
    });

    describe('the live workout', () => {
      it('starts once per client_id, syncs the full document idempotently and never doubles a set', async () => {
        const cid = clientId();
        const started = await chat.api.post<Workout>('/api/workouts', { client_id: cid, title: 'Push day' }, as(me));
        expect(started.status).toBe(201);
        expect(started.body.finished_at).toBeNull();
        const retry = await chat.api.post<Workout>('/api/workouts', { client_id: cid, title: 'Push day' }, as(me));
        expect(retry.status).toBe(200);
        expect(retry.body.id).toBe(started.body.id);

        const doc = {
          title: 'Push day',
          started_at: started.body.started_at,
          visibility: 'friends',
          exercises: [exercise(BENCH, [set(60, 10, { type: 'warmup' }), set(100, 5, { rpe: 8.5 }), set(225, 3, { weight_unit: 'lb', done: false })], { rest_seconds: 120 })],
        };
        const synced = await chat.api.put<Workout>(`/api/workouts/${started.body.id}`, doc, as(me));
        expect(synced.status).toBe(200);
        const sets = synced.body.exercises[0]!.sets;
        expect(sets).toHaveLength(3);
        expect(sets[2]).toMatchObject({ weight: 225, weight_unit: 'lb', done: false });
        expect(sets[2]!.weight_kg).toBe(102.05828325);
        expect(synced.body).toMatchObject({ set_count: 1, volume_kg: 500 });

        // The outbox replays the same document (twice): nothing changes, ids stay.
        const replay = await chat.api.put<Workout>(`/api/workouts/${started.body.id}`, doc, as(me));
        await chat.api.put<Workout>(`/api/workouts/${started.body.id}`, doc, as(me));
        expect(replay.body.revision).toBe(synced.body.revision);
        expect(replay.body.exercises[0]!.sets.map((s) => s.id)).toEqual(sets.map((s) => s.id));

        // Next change: the lb set is done, one set removed, one added.
        const next = structuredClone(doc);
        const nextSets = next.exercises[0]!.sets!;
        nextSets[2]!.done = true;
        nextSets.splice(0, 1);
        nextSets.push(set(90, 8));
        const changed = await chat.api.put<Workout>(`/api/workouts/${started.body.id}`, next, as(me));
        expect(changed.body.revision).toBe(synced.body.revision + 1);
        expect(changed.body.exercises[0]!.sets.map((s) => s.client_id)).toEqual(nextSets.map((s) => s.client_id));
        expect(changed.body.exercises[0]!.sets[1]!.id).toBe(sets[2]!.id);
        expect(changed.body.exercises[0]!.sets[1]).toMatchObject({ weight: 225, weight_unit: 'lb' });

        const finished = await chat.api.post<WorkoutSummary>(`/api/workouts/${started.body.id}/finish`, {}, as(me));
        expect(finished.status).toBe(200);
        expect(finished.body.workout.finished_at).not.toBeNull();
        expect(finished.body.set_count).toBe(3);
        expect(finished.body.duration_s).toBeGreaterThanOrEqual(0);
        const again = await chat.api.post<WorkoutSummary>(`/api/workouts/${started.body.id}/finish`, {}, as(me));
        expect(again.body.workout.finished_at).toBe(finished.body.workout.finished_at);

        const listed = await chat.api.get(`/api/workouts?limit=100`, as(me));
        expect(listed.body.items.filter((w: { id: string }) => w.id === started.body.id)).toHaveLength(1);
      });

      it('refuses a finish that would end before the start', async () => {
        const future = new Date(Date.now() + 86_400_000).toISOString();
        const started = await chat.api.post<Workout>('/api/workouts', { client_id: clientId(), started_at: future }, as(me));
        const refused = await chat.api.post(`/api/workouts/${started.body.id}/finish`, { ended_at: new Date().toISOString() }, as(me));
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body.error.details)).toContain('ended_at');
        expect((await chat.api.get<Workout>(`/api/workouts/${started.body.id}`, as(me))).body.finished_at).toBeNull();
      });
    });

    describe('records', () => {
      it('sets, ties, beats and restores records as workouts are logged, edited and deleted', async () => {
        const [lifter] = await chatUsers(chat.api, 1);
        const records = async () => (await chat.api.get<RecordList>(`/api/records?exercise_id=${SQUAT}`, as(lifter))).body.items;

        const a = await logWorkout(chat.api, lifter, [exercise(SQUAT, [set(140, 10, { type: 'warmup' }), set(100, 5)])]);
        let now = await records();
        expect(current(now, SQUAT, 'heaviest')[0]).toMatchObject({ value: 100, workout_id: a.id, previous_value: null });
        expect(current(now, SQUAT, 'e1rm')[0]!.value).toBeCloseTo(100 * (1 + 5 / 30), 5);

        // The same lift later: a tie, the first achiever keeps it.
        const b = await logWorkout(chat.api, lifter, [exercise(SQUAT, [set(100, 5)])]);
        now = await records();
        expect(current(now, SQUAT, 'heaviest')[0]!.workout_id).toBe(a.id);

        // Heavier: a PR with the previous value, in the summary and in the event.
        const c = await logWorkout(chat.api, lifter, [exercise(SQUAT, [set(110, 2)])]);
        const summary = await chat.api.get<WorkoutSummary>(`/api/workouts/${c.id}/summary`, as(lifter));
        expect(summary.body.prs.find((p) => p.kind === 'heaviest')).toMatchObject({ value: 110, previous_value: 100 });
        expect(summary.body.prs.find((p) => p.kind === 'reps_at_weight')).toBeUndefined();
        const events = await chat.sut.server.infra.database.db.select().from(domainEvents).where(eq(domainEvents.name, 'workout.finished'));
        const event = events.map((e) => e.payload as { workout_id: string; prs: Array<{ kind: string; value: number }> }).find((p) => p.workout_id === c.id);
        expect(event?.prs.map((p) => p.kind).sort()).toEqual(['e1rm', 'heaviest']);

        // Deleting the PR workout brings the previous record back.
        expect((await chat.api.delete(`/api/workouts/${c.id}`, as(lifter))).status).toBe(204);
        now = await records();
        expect(current(now, SQUAT, 'heaviest')[0]).toMatchObject({ value: 100, workout_id: a.id });

        // Editing the first workout down hands the record to the tie that came second.
        const aDoc = (await chat.api.get<Workout>(`/api/workouts/${a.id}`, as(lifter))).body;
        const edited = await chat.api.put<Workout>(
          `/api/workouts/${a.id}`,
          {
            title: aDoc.title,
            started_at: aDoc.started_at,
            ended_at: aDoc.ended_at,
            visibility: aDoc.visibility,
            exercises: aDoc.exercises.map((e) => ({
              client_id: e.client_id,
              exercise_id: e.exercise.id,
              sets: e.sets.map((s) => ({ client_id: s.client_id, type: s.type, weight: s.type === 'warmup' ? s.weight : 90, reps: s.reps, done: s.done })),
            })),
          },
          as(lifter),
        );
        expect(edited.status).toBe(200);
        now = await records();
        expect(current(now, SQUAT, 'heaviest')[0]).toMatchObject({ value: 100, workout_id: b.id });
        const history = await chat.api.get(`/api/exercises/${SQUAT}/records/history?kind=heaviest`, as(lifter));
        expect(history.body.items.map((r: PersonalRecord) => r.value)).toEqual([100, 90]);
      });

      it('keeps a weight typed in lb exact and ranks it by kg', async () => {
        const [lifter] = await chatUsers(chat.api, 1);
        await logWorkout(chat.api, lifter, [exercise(BENCH, [set(100, 1, { weight_unit: 'kg' })])]);
        const w = await logWorkout(chat.api, lifter, [exercise(BENCH, [set(225, 1, { weight_unit: 'lb' })])]);
        const read = (await chat.api.get<Workout>(`/api/workouts/${w.id}`, as(lifter))).body.exercises[0]!.sets[0]!;
        expect(read).toMatchObject({ weight: 225, weight_unit: 'lb' });
        const records = (await chat.api.get<RecordList>(`/api/records?exercise_id=${BENCH}`, as(lifter))).body.items;
        expect(current(records, BENCH, 'heaviest')[0]).toMatchObject({ workout_id: w.id, previous_value: 100 });
        expect(current(records, BENCH, 'heaviest')[0]!.value).toBeCloseTo(225 * 0.45359237, 6);
      });
    });

    describe('visibility', () => {
      it('shows a workout by its visibility, never across a block, and lets only the owner change it', async () => {
        const ids: Record<string, string> = {};
        for (const visibility of ['private', 'friends', 'public'] as const) ids[visibility] = (await logWorkout(chat.api, me, [exercise(PULL_UP, [set(null, 8)])], { visibility })).id;
        const status = async (u: ChatUser, id: string) => (await chat.api.get(`/api/workouts/${id}`, as(u))).status;
        expect(await status(me, ids.private!)).toBe(200);
        expect(await status(friend, ids.private!)).toBe(404);
        expect(await status(friend, ids.friends!)).toBe(200);
        expect(await status(stranger, ids.friends!)).toBe(404);
        expect(await status(stranger, ids.public!)).toBe(200);
        expect(await status(blocked, ids.public!)).toBe(404);
        expect((await chat.api.delete(`/api/workouts/${ids.friends}`, as(friend))).status).toBe(403);
        expect((await chat.api.delete(`/api/workouts/${ids.private}`, as(friend))).status).toBe(404);
        expect((await chat.api.get(`/api/workouts/${ids.public}/summary`, as(stranger))).status).toBe(200);
        const live = await chat.api.post<Workout>('/api/workouts', { client_id: clientId(), visibility: 'public' }, as(me));
        expect(await status(stranger, live.body.id)).toBe(404);
      });
    });

    describe('routines', () => {
      it('makes routines in folders, from scratch or a workout, and starts one prefilled with the last performance', async () => {
        const [lifter] = await chatUsers(chat.api, 1);
        const folder = await chat.api.post('/api/routine-folders', { name: 'Strength' }, as(lifter));
        expect(folder.status).toBe(201);
        const routine = await chat.api.post<Routine>(
          '/api/routines',
          { title: 'Legs', folder_id: folder.body.id, exercises: [{ exercise_id: SQUAT, rest_seconds: 180, sets: [{ reps_min: 5, reps_max: 5, weight: 60 }, { reps_min: 5, reps_max: 5, weight: 60 }] }] },
          as(lifter),
        );
        expect(routine.status).toBe(201);
        expect(routine.body.exercises[0]).toMatchObject({ rest_seconds: 180 });

        const cid = clientId();
        const first = await chat.api.post<Workout>(`/api/routines/${routine.body.id}/start`, { client_id: cid }, as(lifter));
        expect(first.status).toBe(201);
        expect(first.body.exercises[0]!.sets.map((s) => [s.weight, s.reps])).toEqual([[60, 5], [60, 5]]);
        expect((await chat.api.post<Workout>(`/api/routines/${routine.body.id}/start`, { client_id: cid }, as(lifter))).body.id).toBe(first.body.id);
        await chat.api.delete(`/api/workouts/${first.body.id}`, as(lifter));

        await logWorkout(chat.api, lifter, [exercise(SQUAT, [set(80, 5), set(82.5, 5, { weight_unit: 'kg' })])]);
        const second = await chat.api.post<Workout>(`/api/routines/${routine.body.id}/start`, { client_id: clientId() }, as(lifter));
        const squat = second.body.exercises[0]!;
        expect(squat.previous.map((s) => [s.weight, s.reps])).toEqual([[80, 5], [82.5, 5]]);
        expect(squat.sets.map((s) => [s.weight, s.reps, s.done])).toEqual([[80, 5, false], [82.5, 5, false]]);
        expect(squat.rest_seconds).toBe(180);

        const copy = await chat.api.post<Routine>('/api/routines', { from_workout_id: second.body.id, title: 'Copy' }, as(lifter));
        expect(copy.body.exercises[0]!.sets).toHaveLength(2);
        expect((await chat.api.post('/api/routines', { from_workout_id: second.body.id }, as(stranger))).status).toBe(400);
        const list = await chat.api.get('/api/routines', as(lifter));
        expect(list.body.folders).toHaveLength(1);
        expect(list.body.routines).toHaveLength(2);
        expect((await chat.api.delete(`/api/routine-folders/${folder.body.id}`, as(lifter))).status).toBe(204);
        expect((await chat.api.get<Routine>(`/api/routines/${routine.body.id}`, as(lifter))).body.folder_id).toBeNull();
      });
    });

    describe('stats, bodyweight and preferences', () => {
      it('charts an exercise, counts weeks, volume per muscle and the streak', async () => {
        const [lifter] = await chatUsers(chat.api, 1);
        const now = Date.now();
        for (const weeksAgo of [0, 1, 2]) {
          const start = new Date(now - weeksAgo * 7 * 86_400_000 - 3_600_000);
          await logWorkout(chat.api, lifter, [exercise(BENCH, [set(100, 5), set(50, 10, { type: 'warmup' })]), exercise(RUNNING, [set(null, null, { distance: 5, distance_unit: 'km', duration_s: 1500 })])], {
            started_at: start.toISOString(),
            ended_at: new Date(start.getTime() + 1_800_000).toISOString(),
          });
        }
        const weekly = await chat.api.get(`/api/stats/weekly?weeks=4`, as(lifter));
        expect(weekly.status).toBe(200);
        expect(weekly.body.weeks).toHaveLength(4);
        expect(weekly.body.streak_weeks).toBe(3);
        const thisWeek = weekly.body.weeks.at(-1);
        expect(thisWeek).toMatchObject({ workouts: 1, volume_kg: 500, sets: 2 });
        expect(thisWeek.muscles.find((m: { muscle: string }) => m.muscle === 'chest')).toMatchObject({ volume_kg: 500, sets: 1 });
        const chart = await chat.api.get(`/api/stats/exercises/${BENCH}`, as(lifter));
        expect(chart.body.points).toHaveLength(3);
        expect(chart.body.points[0].best_e1rm_kg).toBeCloseTo(116.6667, 3);
        expect(chart.body.points[0].top_weight_kg).toBe(100);
        const records = (await chat.api.get<RecordList>(`/api/records?exercise_id=${RUNNING}`, as(lifter))).body.items;
        expect(current(records, RUNNING, 'distance')[0]!.value).toBe(5000);
      });

      it('logs bodyweight idempotently and keeps units without drift', async () => {
        const [lifter] = await chatUsers(chat.api, 1);
        const cid = clientId();
        const first = await chat.api.post('/api/body-measurements', { client_id: cid, bodyweight: 180, bodyweight_unit: 'lb' }, as(lifter));
        expect(first.status).toBe(201);
        expect((await chat.api.post('/api/body-measurements', { client_id: cid, bodyweight: 180, bodyweight_unit: 'lb' }, as(lifter))).status).toBe(200);
        const list = await chat.api.get('/api/body-measurements', as(lifter));
        expect(list.body.items).toHaveLength(1);
        expect(list.body.items[0]).toMatchObject({ bodyweight: 180, bodyweight_unit: 'lb' });
        let prefs = await chat.api.put('/api/workout-preferences', { weight_unit: 'lb', distance_unit: 'mi', sex: 'female' }, as(lifter));
        expect(prefs.body).toMatchObject({ weight_unit: 'lb', distance_unit: 'mi', sex: 'female', bodyweight: 180 });
        prefs = await chat.api.put('/api/workout-preferences', { weight_unit: 'kg' }, as(lifter));
        expect(prefs.body.bodyweight).toBeCloseTo(81.65, 2);
        expect((await chat.api.delete(`/api/body-measurements/${first.body.id}`, as(stranger))).status).toBe(404);
        expect((await chat.api.delete(`/api/body-measurements/${first.body.id}`, as(lifter))).status).toBe(204);
        expect((await chat.api.get('/api/workout-preferences', as(lifter))).body.bodyweight_kg).toBeNull();
      });
    });
  });
}
