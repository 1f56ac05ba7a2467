import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportResult, Workout, WorkoutPage } from '@discordgym/contracts';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type ChatUser, chatUsers, startEmbeddedChat, useChatServer } from '../../../../test/chat-fixtures';
import { BENCH, exercise, expectWorkoutRefused, logWorkout, set, SQUAT, workoutRowCounts } from '../../../../test/workout-fixtures';
import { catalogExerciseId } from '../exercise-catalog.data';
import { escapeCell } from '../export.service';

const sample = (name: string) => readFileSync(path.join(__dirname, 'samples', name), 'utf8');

/**
 * Strong and Hevy CSV import (idempotent, all or nothing) and the CSV / JSON export.
 * Storage-independent logic: embedded only.
 */
describe('workouts import and export (embedded)', () => {
  const chat = useChatServer(startEmbeddedChat);
  const as = (u: ChatUser) => ({ token: u.token });
  const importCsv = (u: ChatUser, csv: string, format?: string) => chat.api.post<ImportResult>('/api/workouts/import', { csv, ...(format ? { format } : {}) }, as(u));
  const mine = async (u: ChatUser) => {
    const list = (await chat.api.get<WorkoutPage>('/api/workouts?limit=100', as(u))).body.items;
    return Promise.all(list.map(async (w) => (await chat.api.get<Workout>(`/api/workouts/${w.id}`, as(u))).body));
  };
  const shape = (workouts: Workout[]) =>
    workouts.map((w) => ({
      title: w.title,
      started_at: w.started_at,
      ended_at: w.ended_at,
      exercises: w.exercises.map((e) => ({ exercise_id: e.exercise.id, sets: e.sets.map((s) => [s.type, s.weight, s.weight_unit, s.reps, s.rpe, s.distance, s.duration_s]) })),
    }));

  it("imports Strong's sample twice with the same result: catalog names mapped, unknown ones made custom, records built", async () => {
    const [u] = await chatUsers(chat.api, 1);
    const first = await importCsv(u, sample('strong.csv'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ format: 'strong', workouts: 2, created: 2, sets: 8, custom_exercises: ["Farmer's Walk (Homemade)"] });
    const after = await mine(u);
    const rowsAfter = await workoutRowCounts(chat.sut);
    const again = await importCsv(u, sample('strong.csv'));
    expect(again.body).toEqual({ format: 'strong', workouts: 2, created: 0, sets: 0, custom_exercises: [] });
    expect(await workoutRowCounts(chat.sut)).toEqual(rowsAfter);
    expect(shape(await mine(u))).toEqual(shape(after));

    const push = after.find((w) => w.title === 'Push Day, heavy')!;
    expect(push).toMatchObject({ started_at: '2024-03-04T18:02:11.000Z', ended_at: '2024-03-04T19:07:11.000Z', notes: 'Felt strong, slept well', visibility: 'friends' });
    expect(push.exercises.map((e) => e.exercise.id).slice(0, 2)).toEqual([BENCH, catalogExerciseId('overhead-press-barbell')]);
    expect(push.exercises[0]!.sets.map((s) => [s.type, s.weight, s.reps, s.rpe])).toEqual([
      ['warmup', 40, 10, null],
      ['normal', 80, 5, 8],
      ['normal', 80, 5, 8.5],
    ]);
    const legs = after.find((w) => w.title === 'Legs')!;
    expect(legs.exercises.map((e) => e.exercise.id)).toEqual([SQUAT, catalogExerciseId('push-up')]);
    const records = (await chat.api.get(`/api/records?exercise_id=${SQUAT}`, as(u))).body.items;
    expect(records.find((r: { kind: string }) => r.kind === 'heaviest').value).toBe(105);
  });

  it("imports Hevy's sample twice with the same result, and Strong's semicolon export in lb", async () => {
    const [u, v] = await chatUsers(chat.api, 2);
    const first = await importCsv(u, sample('hevy.csv'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ format: 'hevy', workouts: 2, created: 2, sets: 7, custom_exercises: ['Sled Push Deluxe'] });
    const after = shape(await mine(u));
    expect((await importCsv(u, sample('hevy.csv'), 'hevy')).body).toMatchObject({ created: 0 });
    expect(shape(await mine(u))).toEqual(after);
    const pull = after.find((w) => w.title === 'Pull Day')!;
    expect(pull.exercises[0]!.sets.map((s) => s[0])).toEqual(['warmup', 'normal', 'failure']);
    expect(pull.exercises[2]!.sets.map((s) => s[0])).toEqual(['normal', 'drop']);
    expect(after.find((w) => w.title === 'Morning Run')!.exercises[0]!.sets[0]).toEqual(['normal', 80, 'kg', null, null, 0.05, 60]);

    expect((await chat.api.put('/api/workout-preferences', { weight_unit: 'lb' }, as(v))).status).toBe(200);
    const semicolons = 'Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Reps;Distance;Seconds;Notes;Workout Notes;RPE\n2024-05-01 10:00:00;Früh;45m;Bench Press (Barbell);1;225;5;0;0;;;7,5\n';
    expect((await importCsv(v, semicolons)).body).toMatchObject({ format: 'strong', created: 1, sets: 1 });
    const [w] = await mine(v);
    expect(w!.exercises[0]!.sets[0]).toMatchObject({ weight: 225, weight_unit: 'lb', reps: 5, rpe: 7.5 });
  });

  it('refuses a malformed file with the wrong line and imports nothing; a 20 MB file is too large', async () => {
    const [u] = await chatUsers(chat.api, 1);
    const lines = sample('strong.csv').trimEnd().split('\n');
    const cases: Array<[string, RegExp]> = [
      [[...lines.slice(0, 4), lines[4]!.replace(',40,8,', ',forty,8,'), ...lines.slice(5)].join('\n'), /^Line 5: Weight "forty"/],
      [[...lines, '2024-03-08 07:30:00,Legs,50m,Squat (Barbell),1,1500,5,0,0,,,'].join('\n'), /^Line 10: Weight/],
      [[...lines, '2024-03-08 07:30:00,Legs,50m,Squat (Barbell),1,100,5,0,0,,,11'].join('\n'), /^Line 10: RPE/],
      [[...lines, 'yesterday,Legs,50m,Squat (Barbell),1,100,5,0,0,,,'].join('\n'), /^Line 10: Date/],
      [[...lines, '2024-03-08 07:30:00,Legs,50m,Squat (Barbell),1,100'].join('\n'), /^Line 10/],
      [[...lines.slice(0, 3), '2024-03-04 18:02:11,"Push Day, heavy,1h 5m'].join('\n'), /^Line \d+/],
      ['name,weight\nbench,100\n', /^Line 1: not a Strong or Hevy export header/],
      [sample('hevy.csv'), /^Line 1: not a strong export header/],
    ];
    for (const [csv, message] of cases) {
      const format = message.source.includes('not a strong') ? 'strong' : undefined;
      const response = await expectWorkoutRefused(chat.sut, 400, 'VALIDATION_FAILED', () => importCsv(u, csv, format));
      expect(response.body.error.message, csv.slice(-80)).toMatch(message);
    }
    const huge = `${lines[0]}\n${`${lines[1]}\n`.repeat(Math.ceil((20 * 1024 * 1024) / lines[1]!.length))}`;
    const tooLarge = await expectWorkoutRefused(chat.sut, 413, 'PAYLOAD_TOO_LARGE', () => importCsv(u, huge));
    expect(tooLarge.status).toBe(413);
    expect((await chat.api.get<WorkoutPage>('/api/workouts', as(u))).body.items).toEqual([]);
  });

  it('exports my workouts as CSV with formula cells escaped, and all my data as JSON; nobody else’s', async () => {
    const [u, other] = await chatUsers(chat.api, 2);
    await logWorkout(chat.api, u, [exercise(BENCH, [set(100, 5), set(102.5, 3, { type: 'failure' })])], { title: '=HYPERLINK("http://evil")', notes: '+1 day', visibility: 'private' });
    await logWorkout(chat.api, other, [exercise(SQUAT, [set(100, 5)])], { title: 'not mine' });
    const csv = await chat.api.get('/api/export/workouts.csv', as(u));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(csv.body as string, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ title: `'=HYPERLINK("http://evil")`, notes: "'+1 day", exercise: 'Bench Press (Barbell)', weight: '100', weight_unit: 'kg', reps: '5', set_type: 'normal' });
    expect(rows[1]).toMatchObject({ weight: '102.5', set_type: 'failure' });
    expect(String(csv.body)).not.toContain('not mine');
    for (const [raw, escaped] of [
      ['=1+1', "'=1+1"],
      ['+49 170', "'+49 170"],
      ['-5', "'-5"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['\rx', "'\rx"],
      ['Bench', 'Bench'],
    ]) expect(escapeCell(raw!)).toBe(escaped);

    const json = await chat.api.get('/api/export/me.json', as(u));
    expect(json.status).toBe(200);
    expect(json.body.workouts).toHaveLength(1);
    expect(json.body.workouts[0]).toMatchObject({ title: '=HYPERLINK("http://evil")', visibility: 'private', exercises: [{ exercise_id: BENCH, sets: [{ weight: 100, reps: 5 }, { weight: 102.5, reps: 3, type: 'failure' }] }] });
    expect(json.body.personal_records.length).toBeGreaterThan(0);
    expect(JSON.stringify(json.body)).not.toContain('not mine');
    expect((await chat.api.get('/api/export/me.json')).status).toBe(401);
  });
});
