import type { Workout } from '@discordgym/contracts';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ChatUser, chatUsers, clientId, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { befriend } from '../../../test/friends-fixtures';
import { BENCH, exercise, expectWorkoutRefused, logWorkout, set } from '../../../test/workout-fixtures';

/**
 * Bad input to every workouts endpoint: a clear 4xx naming the field, never a 500, and no
 * row written or changed. Validation and ownership do not depend on the storage mode, so
 * this runs embedded only.
 */
/** Run embedded (workouts-bad-input.test.ts) and on PostgreSQL (.cluster.test.ts): "nothing written" is a transaction's promise, and the two engines keep it separately. */
export function describeWorkoutsBadInput(mode: string, start: StartChatServer): void {
  describe(`workouts bad input (${mode})`, () => {
    const chat = useChatServer(start);
    let me: ChatUser;
    let friend: ChatUser;
    let stranger: ChatUser;
    let live: Workout;
    let done: Workout;
    let routineId: string;
    let folderId: string;
    let measurementId: string;
    let customId: string;
    const as = (u: ChatUser) => ({ token: u.token });
    const refused = (status: number, code: string, send: () => Promise<import('../../../test/api-client').ApiResponse>) => expectWorkoutRefused(chat.sut, status, code, send);

    const doc = (exercises: unknown[], extra: Record<string, unknown> = {}) => ({ title: 'Live', started_at: live.started_at, visibility: 'private', exercises, ...extra });

    beforeAll(async () => {
      [me, friend, stranger] = await chatUsers(chat.api, 3);
      await befriend(chat.api, me, friend);
      live = (await chat.api.post<Workout>('/api/workouts', { client_id: clientId(), title: 'Live' }, as(me))).body;
      done = await logWorkout(chat.api, me, [exercise(BENCH, [set(100, 5)])], { visibility: 'friends' });
      folderId = (await chat.api.post('/api/routine-folders', { name: 'F' }, as(me))).body.id;
      routineId = (await chat.api.post('/api/routines', { title: 'R', exercises: [{ exercise_id: BENCH, sets: [{ reps_min: 5 }] }] }, as(me))).body.id;
      measurementId = (await chat.api.post('/api/body-measurements', { client_id: clientId(), bodyweight: 80 }, as(me))).body.id;
      customId = (await chat.api.post('/api/exercises', { name_en: 'Mine', primary_muscles: ['chest'], equipment: 'other', tracking_type: 'weight_reps' }, as(me))).body.id;
    });

    const badSets: Array<[string, Record<string, unknown>, string]> = [
      ['weight over 1000 kg', { weight: 1000.5 }, 'weight'],
      ['weight over 1000 kg typed in lb', { weight: 2205, weight_unit: 'lb' }, 'weight'],
      ['a negative weight', { weight: -5 }, 'weight'],
      ['reps over 1000', { reps: 1001 }, 'reps'],
      ['negative reps', { reps: -1 }, 'reps'],
      ['fractional reps', { reps: 2.5 }, 'reps'],
      ['RPE 11', { rpe: 11 }, 'rpe'],
      ['RPE 5', { rpe: 5 }, 'rpe'],
      ['RPE 7.3 (not a half)', { rpe: 7.3 }, 'rpe'],
      ['a negative distance', { distance: -1 }, 'distance'],
      ['a distance over 1000 km', { distance: 700, distance_unit: 'mi' }, 'distance'],
      ['a duration over a day', { duration_s: 86_401 }, 'duration_s'],
      ['an unknown set type', { type: 'super' }, 'type'],
      ['an unknown unit', { weight: 5, weight_unit: 'stone' }, 'weight_unit'],
      ['a string as weight', { weight: '100' }, 'weight'],
      ['an unknown field', { weight_kg: 100 }, 'weight_kg'],
      ['a bad client_id', { client_id: 'x' }, 'client_id'],
    ];

    describe('PUT /api/workouts/:id', () => {
      it.each(badSets)('refuses %s with 400 naming the field, changing nothing', async (_, patch, field) => {
        const before = (await chat.api.get<Workout>(`/api/workouts/${live.id}`, as(me))).body;
        const response = await refused(400, 'VALIDATION_FAILED', () => chat.api.put(`/api/workouts/${live.id}`, doc([exercise(BENCH, [{ ...set(100, 5), ...patch }])]), as(me)));
        expect(JSON.stringify(response.body.error.details)).toContain(field);
        expect((await chat.api.get<Workout>(`/api/workouts/${live.id}`, as(me))).body).toEqual(before);
      });

      it.each<[string, () => unknown, string]>([
        ['an end before the start', () => doc([], { ended_at: new Date(Date.parse(live.started_at) - 1000).toISOString() }), 'ended_at'],
        ['a workout of 8 days', () => doc([], { ended_at: new Date(Date.parse(live.started_at) + 8 * 86_400_000).toISOString() }), 'ended_at'],
        ['500 exercises', () => doc(Array.from({ length: 500 }, () => exercise(BENCH, []))), 'exercises'],
        ['501 sets', () => doc(Array.from({ length: 6 }, () => exercise(BENCH, Array.from({ length: 90 }, () => set(10, 1))))), 'exercises'],
        ['two exercises with one client_id', () => doc([{ ...exercise(BENCH, []), client_id: 'same_client_id' }, { ...exercise(BENCH, []), client_id: 'same_client_id' }]), 'client_id'],
        ['two sets with one client_id', () => doc([exercise(BENCH, [{ ...set(1, 1), client_id: 'same_set_id' }, { ...set(1, 1), client_id: 'same_set_id' }])]), 'client_id'],
        ['an unknown exercise', () => doc([exercise(uuidv7(), [set(1, 1)])]), 'exercise_id'],
        ['someone else’s custom exercise', () => doc([exercise(customId, [set(1, 1)])]), 'exercise_id'],
        ['a missing title', () => ({ ...doc([]), title: undefined }), 'title'],
        ['a title of 101 characters', () => doc([], { title: 'x'.repeat(101) }), 'title'],
        ['a title with control characters', () => doc([], { title: 'a\u0000b' }), 'title'],
        ['an unknown visibility', () => doc([], { visibility: 'everyone' }), 'visibility'],
        ['a date that is not ISO', () => doc([], { started_at: 'yesterday' }), 'started_at'],
        ['an unknown field', () => doc([], { user_id: uuidv7() }), 'user_id'],
      ])('refuses %s with 400', async (_, body, field) => {
        const asStranger = field === 'exercise_id' && String(JSON.stringify(body())).includes(customId);
        const who = asStranger ? stranger : me;
        let target = live.id;
        if (asStranger) target = (await chat.api.post<Workout>('/api/workouts', { client_id: clientId() }, as(stranger))).body.id;
        const response = await refused(400, 'VALIDATION_FAILED', () => chat.api.put(`/api/workouts/${target}`, body(), as(who)));
        expect(JSON.stringify(response.body.error.details)).toContain(field);
      });

      it('answers 404 for a workout one may not see and 403 for a friend’s', async () => {
        await refused(404, 'NOT_FOUND', () => chat.api.put(`/api/workouts/${live.id}`, doc([]), as(friend)));
        await refused(403, 'FORBIDDEN', () => chat.api.put(`/api/workouts/${done.id}`, doc([], { started_at: done.started_at, ended_at: done.ended_at }), as(friend)));
        await refused(404, 'NOT_FOUND', () => chat.api.put(`/api/workouts/${uuidv7()}`, doc([]), as(me)));
      });

      it('refuses removing the end of a finished workout', async () => {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.put(`/api/workouts/${done.id}`, { title: 'x', started_at: done.started_at, ended_at: null, visibility: 'friends', exercises: [] }, as(me)));
      });

      it.each(['{"title":', '[]', 'null', '"x"'])('refuses the body %s', async (raw) => {
        const response = await chat.api.put(`/api/workouts/${live.id}`, undefined, { ...as(me), raw });
        expect(response.status).toBe(400);
      });
    });

    describe('POST /api/workouts', () => {
      it.each(badSets)('refuses %s', async (_, patch, field) => {
        const response = await refused(400, 'VALIDATION_FAILED', () => chat.api.post('/api/workouts', { client_id: clientId(), finish: true, exercises: [exercise(BENCH, [{ ...set(100, 5), ...patch }])] }, as(me)));
        expect(JSON.stringify(response.body.error.details)).toContain(field);
      });

      it.each<[string, Record<string, unknown>, string]>([
        ['no client_id', { title: 'x' }, 'client_id'],
        ['an end before the start', { client_id: 'cid_end_before', started_at: '2025-01-02T10:00:00Z', ended_at: '2025-01-02T09:00:00Z' }, 'ended_at'],
        ['someone else’s routine', { client_id: 'cid_routine_x', routine_id: uuidv7() }, 'routine_id'],
        ['a finished workout starting in the future', { client_id: 'cid_future_fin', finish: true, started_at: new Date(Date.now() + 86_400_000).toISOString() }, 'started_at'],
        ['500 exercises', { client_id: 'cid_500_exercises', exercises: Array.from({ length: 500 }, () => exercise(BENCH, [])) }, 'exercises'],
      ])('refuses %s', async (_, body, field) => {
        const response = await refused(400, 'VALIDATION_FAILED', () => chat.api.post('/api/workouts', body, as(me)));
        expect(JSON.stringify(response.body.error.details)).toContain(field);
      });
    });

    describe('ids, pages and ownership on every route', () => {
      const idRoutes: Array<[string, (id: string) => [string, string, unknown?]]> = [
        ['GET /api/exercises/:id', (id) => ['GET', `/api/exercises/${id}`]],
        ['PUT /api/exercises/:id', (id) => ['PUT', `/api/exercises/${id}`, { name_en: 'x' }]],
        ['DELETE /api/exercises/:id', (id) => ['DELETE', `/api/exercises/${id}`]],
        ['GET /api/exercises/:id/records/history', (id) => ['GET', `/api/exercises/${id}/records/history`]],
        ['GET /api/workouts/:id', (id) => ['GET', `/api/workouts/${id}`]],
        ['DELETE /api/workouts/:id', (id) => ['DELETE', `/api/workouts/${id}`]],
        ['POST /api/workouts/:id/finish', (id) => ['POST', `/api/workouts/${id}/finish`, {}]],
        ['GET /api/workouts/:id/summary', (id) => ['GET', `/api/workouts/${id}/summary`]],
        ['GET /api/routines/:id', (id) => ['GET', `/api/routines/${id}`]],
        ['PUT /api/routines/:id', (id) => ['PUT', `/api/routines/${id}`, { title: 'x', exercises: [] }]],
        ['DELETE /api/routines/:id', (id) => ['DELETE', `/api/routines/${id}`]],
        ['POST /api/routines/:id/start', (id) => ['POST', `/api/routines/${id}/start`, { client_id: 'cid_start_bad' }]],
        ['PUT /api/routine-folders/:id', (id) => ['PUT', `/api/routine-folders/${id}`, { name: 'x' }]],
        ['DELETE /api/routine-folders/:id', (id) => ['DELETE', `/api/routine-folders/${id}`]],
        ['GET /api/stats/exercises/:id', (id) => ['GET', `/api/stats/exercises/${id}`]],
        ['DELETE /api/body-measurements/:id', (id) => ['DELETE', `/api/body-measurements/${id}`]],
      ];

      describe.each(idRoutes)('%s', (_, make) => {
        it.each([['a word', 'me'], ['a UUIDv4', uuidv4()], ['SQL', encodeURIComponent("' OR 1=1 --")]])('answers %s as id with 400', async (__, id) => {
          const [method, path, body] = make(id);
          await refused(400, 'VALIDATION_FAILED', () => chat.api.request(method, path, body, as(me)));
        });

        it('answers an unknown id with 404', async () => {
          const [method, path, body] = make(uuidv7());
          await refused(404, 'NOT_FOUND', () => chat.api.request(method, path, body, as(me)));
        });
      });

      it('answers what belongs to someone else with 404 (or 403 for a built-in exercise)', async () => {
        await refused(404, 'NOT_FOUND', () => chat.api.get(`/api/workouts/${live.id}`, as(stranger)));
        await refused(404, 'NOT_FOUND', () => chat.api.delete(`/api/workouts/${done.id}`, as(stranger)));
        await refused(404, 'NOT_FOUND', () => chat.api.post(`/api/workouts/${live.id}/finish`, {}, as(stranger)));
        await refused(404, 'NOT_FOUND', () => chat.api.get(`/api/routines/${routineId}`, as(stranger)));
        await refused(404, 'NOT_FOUND', () => chat.api.post(`/api/routines/${routineId}/start`, { client_id: clientId() }, as(stranger)));
        await refused(404, 'NOT_FOUND', () => chat.api.put(`/api/routine-folders/${folderId}`, { name: 'x' }, as(stranger)));
        await refused(404, 'NOT_FOUND', () => chat.api.delete(`/api/body-measurements/${measurementId}`, as(stranger)));
        await refused(404, 'NOT_FOUND', () => chat.api.delete(`/api/exercises/${customId}`, as(stranger)));
        await refused(403, 'FORBIDDEN', () => chat.api.delete(`/api/exercises/${BENCH}`, as(me)));
        await refused(403, 'FORBIDDEN', () => chat.api.post(`/api/workouts/${done.id}/finish`, {}, as(friend)));
      });

      it.each([
        ['/api/exercises', 'limit=0'],
        ['/api/exercises', 'limit=201'],
        ['/api/exercises', 'cursor=abc'],
        ['/api/exercises', 'muscle=toes'],
        ['/api/exercises', 'equipment=spaceship'],
        ['/api/exercises', 'offset=3'],
        ['/api/workouts', 'limit=101'],
        ['/api/workouts', 'before=abc'],
        ['/api/workouts', `before=${uuidv7()}`],
        ['/api/body-measurements', 'limit=501'],
        ['/api/body-measurements', 'before=x'],
        [`/api/exercises/${BENCH}/records/history`, 'kind=best'],
        [`/api/exercises/${BENCH}/records/history`, 'before=zz'],
        ['/api/records', 'exercise_id=abc'],
        ['/api/stats/weekly', 'weeks=0'],
        ['/api/stats/weekly', 'weeks=261'],
        [`/api/stats/exercises/${BENCH}`, 'from=yesterday'],
      ])('GET %s?%s answers 400', async (path, query) => {
        await refused(400, 'VALIDATION_FAILED', () => chat.api.get(`${path}?${query}`, as(me)));
      });
    });

    describe('the other bodies', () => {
      it.each<[string, string, string, unknown, string]>([
        ['custom exercise without muscles', 'POST', '/api/exercises', { name_en: 'x', primary_muscles: [], equipment: 'other', tracking_type: 'duration' }, 'primary_muscles'],
        ['custom exercise with an unknown tracking type', 'POST', '/api/exercises', { name_en: 'x', primary_muscles: ['abs'], equipment: 'other', tracking_type: 'vibes' }, 'tracking_type'],
        ['custom exercise with a repeated muscle', 'POST', '/api/exercises', { name_en: 'x', primary_muscles: ['abs', 'abs'], equipment: 'other', tracking_type: 'duration' }, 'primary_muscles'],
        ['custom exercise named in 200 characters', 'POST', '/api/exercises', { name_en: 'x'.repeat(200), primary_muscles: ['abs'], equipment: 'other', tracking_type: 'duration' }, 'name_en'],
        ['preferences in stone', 'PUT', '/api/workout-preferences', { weight_unit: 'st' }, 'weight_unit'],
        ['preferences with a bodyweight of 600 kg', 'PUT', '/api/workout-preferences', { weight_unit: 'kg', bodyweight: 600 }, 'bodyweight'],
        ['preferences with a negative bodyweight', 'PUT', '/api/workout-preferences', { bodyweight: -70 }, 'bodyweight'],
        ['preferences with an unknown sex', 'PUT', '/api/workout-preferences', { sex: 'x' }, 'sex'],
        ['a bodyweight of 0', 'POST', '/api/body-measurements', { client_id: 'cid_body_zero', bodyweight: 0 }, 'bodyweight'],
        ['a bodyweight of 1200 lb', 'POST', '/api/body-measurements', { client_id: 'cid_body_heavy', bodyweight: 1200, bodyweight_unit: 'lb' }, 'bodyweight'],
        ['a bodyweight without client_id', 'POST', '/api/body-measurements', { bodyweight: 80 }, 'client_id'],
        ['a routine with reps 5000', 'POST', '/api/routines', { title: 'x', exercises: [{ exercise_id: BENCH, sets: [{ reps_min: 5000 }] }] }, 'reps_min'],
        ['a routine with an unknown exercise', 'POST', '/api/routines', { title: 'x', exercises: [{ exercise_id: uuidv7() }] }, 'exercise_id'],
        ['a routine in someone else’s folder', 'POST', '/api/routines', { title: 'x', folder_id: uuidv7(), exercises: [] }, 'folder_id'],
        ['a routine from an unknown workout', 'POST', '/api/routines', { from_workout_id: uuidv7() }, 'from_workout_id'],
        ['a routine without a title', 'POST', '/api/routines', { exercises: [] }, 'title'],
        ['a folder without a name', 'POST', '/api/routine-folders', { name: '' }, 'name'],
        ['a finish ending before the start', 'POST', '', { ended_at: '2000-01-01T00:00:00Z' }, 'ended_at'],
        ['a finish with an unknown field', 'POST', '', { finished: true }, 'finished'],
        ['a routine start without client_id', 'POST', 'routine-start', {}, 'client_id'],
      ])('refuses %s', async (_, method, path, body, field) => {
        const target = path === '' ? `/api/workouts/${live.id}/finish` : path === 'routine-start' ? `/api/routines/${routineId}/start` : path;
        const response = await refused(400, 'VALIDATION_FAILED', () => chat.api.request(method, target, body, as(me)));
        expect(JSON.stringify(response.body.error.details)).toContain(field);
      });
    });
  });
}
