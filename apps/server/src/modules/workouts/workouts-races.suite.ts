import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportResult, Workout, WorkoutPage } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { type ChatUser, chatUsers, clientId, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { befriend } from '../../../test/friends-fixtures';
import { BENCH, exercise, logWorkout, set, SQUAT } from '../../../test/workout-fixtures';

/**
 * The same request sent twice at the same moment (a double tap, a retry racing the first
 * try): both answer 2xx as a repeat would, and the data is there once. PGlite runs one
 * transaction at a time, PostgreSQL runs them side by side, so this runs in both modes.
 */
export function describeWorkoutRaces(mode: string, start: StartChatServer): void {
  describe(`workouts: simultaneous repeats (${mode})`, () => {
    const chat = useChatServer(start);
    const as = (u: ChatUser) => ({ token: u.token });
    const sample = readFileSync(path.join(__dirname, 'import', 'samples', 'strong.csv'), 'utf8');
    const mine = async (u: ChatUser) => (await chat.api.get<WorkoutPage>('/api/workouts?limit=100', as(u))).body.items;

    it('two imports of the same file at once: both 200, the workouts and custom exercises once', async () => {
      const [u] = await chatUsers(chat.api, 1);
      const results = await Promise.all([0, 1].map(() => chat.api.post<ImportResult>('/api/workouts/import', { csv: sample }, as(u))));
      for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(results.map((r) => r.body.created).sort()).toEqual([0, 2]);
      expect(results.map((r) => r.body.custom_exercises.length).sort()).toEqual([0, 1]);
      expect(await mine(u)).toHaveLength(2);
      const custom = (await chat.api.get<{ items: Array<{ name_en: string }> }>('/api/exercises?custom=true&limit=50', as(u))).body.items;
      expect(custom.map((e) => e.name_en)).toEqual(["Farmer's Walk (Homemade)"]);
    });

    it('the same workout start twice at once: one 201, one 200, the same workout', async () => {
      const [u] = await chatUsers(chat.api, 1);
      const body = { client_id: clientId(), title: 'double tap', exercises: [exercise(BENCH, [set(60, 5)])] };
      const results = await Promise.all([0, 1].map(() => chat.api.post<Workout>('/api/workouts', body, as(u))));
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([200, 201]);
      expect(results[0]!.body.id).toBe(results[1]!.body.id);
      expect(await mine(u)).toHaveLength(1);
    });

    it('the same sync PUT twice at once, finishing twice at once, a routine start and a bodyweight twice at once: all 2xx, once', async () => {
      const [u] = await chatUsers(chat.api, 1);
      const started = await chat.api.post<Workout>('/api/workouts', { client_id: clientId(), exercises: [] }, as(u));
      expect(started.status).toBe(201);
      const doc = {
        title: 'synced twice',
        started_at: started.body.started_at,
        visibility: 'friends',
        exercises: [exercise(BENCH, [set(60, 5), set(62.5, 5)]), exercise(SQUAT, [set(100, 3)])],
      };
      const puts = await Promise.all([0, 1].map(() => chat.api.put<Workout>(`/api/workouts/${started.body.id}`, doc, as(u))));
      for (const r of puts) expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      const finishes = await Promise.all([0, 1].map(() => chat.api.post(`/api/workouts/${started.body.id}/finish`, {}, as(u))));
      for (const r of finishes) expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      const stored = (await chat.api.get<Workout>(`/api/workouts/${started.body.id}`, as(u))).body;
      expect(stored.exercises.map((e) => e.sets.length)).toEqual([2, 1]);
      const records = (await chat.api.get<{ items: Array<{ kind: string; value: number }> }>(`/api/records?exercise_id=${BENCH}`, as(u))).body.items;
      expect(records.filter((r) => r.kind === 'heaviest').map((r) => r.value)).toEqual([62.5]);

      const routine = await chat.api.post<{ id: string }>('/api/routines', { from_workout_id: started.body.id }, as(u));
      expect(routine.status, JSON.stringify(routine.body)).toBe(201);
      const start = { client_id: clientId() };
      const starts = await Promise.all([0, 1].map(() => chat.api.post<Workout>(`/api/routines/${routine.body.id}/start`, start, as(u))));
      expect(starts.map((r) => r.status).sort(), JSON.stringify(starts.map((r) => r.body)).slice(0, 300)).toEqual([200, 201]);
      expect(starts[0]!.body.id).toBe(starts[1]!.body.id);
      expect(await mine(u)).toHaveLength(2);

      const weight = { client_id: clientId(), bodyweight: 80, bodyweight_unit: 'kg' };
      const weights = await Promise.all([0, 1].map(() => chat.api.post('/api/body-measurements', weight, as(u))));
      expect(weights.map((r) => r.status).sort(), JSON.stringify(weights.map((r) => r.body))).toEqual([200, 201]);
    });

    it('first kudos twice at once and the same comment twice at once: both 2xx, once each', async () => {
      const [owner, fan] = await chatUsers(chat.api, 2);
      await befriend(chat.api, owner, fan);
      const workout = await logWorkout(chat.api, owner, [exercise(BENCH, [set(80, 5)])]);
      const kudos = await Promise.all([0, 1].map(() => chat.api.put<{ kudos_count: number }>(`/api/workouts/${workout.id}/kudos`, undefined, as(fan))));
      for (const r of kudos) expect(r.status, JSON.stringify(r.body)).toBe(200);
      const comment = { body: 'strong!', client_id: clientId() };
      const comments = await Promise.all([0, 1].map(() => chat.api.post<{ id: string }>(`/api/workouts/${workout.id}/comments`, comment, as(fan))));
      for (const r of comments) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      expect(comments[0]!.body.id).toBe(comments[1]!.body.id);
      expect((await chat.api.get<{ items: unknown[] }>(`/api/workouts/${workout.id}/comments`, as(owner))).body.items).toHaveLength(1);
      const again = await chat.api.put<Record<string, unknown>>(`/api/workouts/${workout.id}/kudos`, undefined, as(fan));
      expect(again.body).toMatchObject({ kudos_count: 1 });
    });
  });
}
