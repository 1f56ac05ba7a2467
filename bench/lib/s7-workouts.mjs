// S7: the training log of one user with 5 years of history (1,000 workouts, 25,000 sets):
// stats and PR queries, and finishing a 30-set workout, each as p95 latency of sequential
// requests, beside the same SQL through plain `pg` (B_pg) in the same run.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { api, pool, registerUsers } from './app.mjs';
import { percentile, median, wallNow } from './stats.mjs';

/** The catalog's fixed ids (same derivation as apps/server/src/modules/workouts/exercise-catalog.data.ts). */
export function catalogExerciseId(slug) {
  const hash = createHash('sha256').update(`exercise:${slug}`).digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Date.UTC(2026, 0, 1), 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const LIFTS = [
  'squat-barbell', 'bench-press-barbell', 'deadlift-barbell', 'overhead-press-barbell', 'bent-over-row-barbell', 'pull-up-weighted',
  'incline-bench-press-dumbbell', 'romanian-deadlift-barbell', 'leg-press', 'lat-pulldown-cable', 'bicep-curl-dumbbell', 'triceps-pushdown-cable',
].map(catalogExerciseId);
const DAY = 86_400_000;

/** Deterministic: the app and the B_pg copy get the same shape of history. */
function rng(seed) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Workout `i` of `count` over five years: 5 exercises × 5 sets (one warm-up), slowly getting stronger. */
function plannedWorkout(i, count, rand, endMs) {
  const start = new Date(endMs - 5 * 365 * DAY + Math.floor((i * 5 * 365 * DAY) / count));
  const first = i % LIFTS.length;
  const exercises = Array.from({ length: 5 }, (_, k) => {
    const lift = LIFTS[(first + k * 2) % LIFTS.length];
    const base = 40 + ((first + k) % 6) * 15 + (i / count) * 40;
    return {
      exercise_id: lift,
      sets: Array.from({ length: 5 }, (_, j) => ({
        type: j === 0 ? 'warmup' : 'normal',
        weight: Math.round((j === 0 ? base * 0.5 : base + rand() * 10) / 2.5) * 2.5,
        reps: j === 0 ? 10 : 3 + Math.floor(rand() * 10),
        done: true,
      })),
    };
  });
  return { start, exercises };
}

const withIds = (exercises, tag) =>
  exercises.map((e, k) => ({ client_id: `cid_${tag}_e${k}`, ...e, sets: e.sets.map((s, j) => ({ client_id: `cid_${tag}_e${k}_s${j}`, ...s })) }));

/** A live workout of 30 sets (6 exercises × 5), heavier than ever (so the finish sets PRs). */
function liveWorkout(n) {
  return LIFTS.slice(0, 6).map((exercise_id, k) => ({
    exercise_id,
    sets: Array.from({ length: 5 }, (_, j) => ({ type: 'normal', weight: 150 + n + k + j, reps: 5, done: true })),
  }));
}

export async function seedS7(ctx, { workouts }) {
  const base = ctx.ours.bases[0];
  const [user] = await registerUsers([base], `${ctx.tag}s7`, 1);
  const rand = rng(42);
  const end = Date.now() - 2 * DAY;
  const t0 = Date.now();
  // One at a time, oldest first: the way a history grows (each finish appends to the records).
  for (let i = 0; i < workouts; i++) {
    const w = plannedWorkout(i, workouts, rand, end);
    await api(base, 'POST', '/api/workouts', {
      token: user.token,
      body: { client_id: `s7w${i}_${ctx.tag}`, title: `Session ${i}`, started_at: w.start.toISOString(), ended_at: new Date(w.start.getTime() + 3_600_000).toISOString(), finish: true, exercises: withIds(w.exercises, `w${i}`) },
    });
    if (i % 200 === 199) ctx.log(`  S7: ${i + 1} workouts seeded (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  return { user, seedSeconds: (Date.now() - t0) / 1000 };
}

/**
 * The embedded mode's B_pg copy: the same history written straight into native PostgreSQL
 * (workouts, exercises, sets, and the standing records per exercise), so the same SQL reads
 * the same shape.
 */
export async function seedS7Copy(url, { workouts }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const userId = randomUUID();
  try {
    const tag = userId.slice(0, 8);
    await client.query(`insert into users (id, username, discriminator, email, password_hash) values ($1, $2, '0001', $3, 'x')`, [userId, `s7copy${tag}`, `s7copy.${tag}@bench.test`]);
    const rand = rng(42);
    const end = Date.now() - 2 * DAY;
    // The app's own record rules (built by `npm run bench`), so the copy holds the same records.
    const records = await import(path.join(ROOT, 'apps/server/dist/modules/workouts/records.js'));
    const rebuildRecords = records.rebuildRecords ?? records.default.rebuildRecords;
    const setsByExercise = new Map();
    await client.query('begin');
    for (let i = 0; i < workouts; i++) {
      const w = plannedWorkout(i, workouts, rand, end);
      const wid = randomUUID();
      let volume = 0;
      let count = 0;
      const exRows = [];
      const setRows = [];
      w.exercises.forEach((e, k) => {
        const weId = randomUUID();
        exRows.push([weId, wid, userId, e.exercise_id, `w${i}e${k}`, k]);
        e.sets.forEach((s, j) => {
          const sid = randomUUID();
          setRows.push([sid, weId, `w${i}e${k}s${j}`, j, s.type, s.weight, s.weight, 'kg', s.reps, true]);
          if (s.type !== 'warmup') {
            volume += s.weight * s.reps;
            count++;
          }
          const list = setsByExercise.get(e.exercise_id) ?? [];
          list.push({ setId: sid, workoutId: wid, achievedAt: w.start, type: s.type, weightKg: s.weight, reps: s.reps, distanceM: null, durationS: null });
          setsByExercise.set(e.exercise_id, list);
        });
      });
      await client.query(
        `insert into workouts (id, user_id, client_id, title, started_at, ended_at, finished_at, visibility, volume_kg, set_count) values ($1, $2, $3, $4, $5, $6, $6, 'friends', $7, $8)`,
        [wid, userId, `s7w${i}`, `Session ${i}`, w.start, new Date(w.start.getTime() + 3_600_000), volume, count],
      );
      await client.query(`insert into workout_exercises (id, workout_id, user_id, exercise_id, client_id, position) select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::int[])`, transpose(exRows, 6));
      await client.query(
        `insert into workout_sets (id, workout_exercise_id, client_id, position, type, weight_kg, weight_input, weight_unit, reps, done)
         select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::numeric[], $7::numeric[], $8::text[], $9::int[], $10::bool[])`,
        transpose(setRows, 10),
      );
    }
    for (const [exerciseId, sets] of setsByExercise) {
      const { events, current } = rebuildRecords('weight_reps', sets);
      const standing = new Set(current);
      const rows = events.map((e) => [randomUUID(), userId, exerciseId, e.kind, e.weightKg, e.value, e.previousValue, e.workoutId, e.setId, e.achievedAt, standing.has(e)]);
      await client.query(
        `insert into personal_records (id, user_id, exercise_id, kind, weight_kg, value, previous_value, workout_id, set_id, achieved_at, current)
         select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[], $8::uuid[], $9::uuid[], $10::timestamptz[], $11::bool[])`,
        transpose(rows, 11),
      );
    }
    await client.query('commit');
  } finally {
    await client.end();
  }
  return { userId };
}

function transpose(rows, n) {
  return Array.from({ length: n }, (_, c) => rows.map((r) => r[c]));
}

// The statements the app runs for each measured request (workouts.repository.ts), as plain SQL.
const weekStart = (weeks) => new Date(Date.now() - weeks * 7 * DAY);
const SQL = {
  weeklyTotals: `select to_char(date_trunc('week', w.started_at at time zone 'UTC'), 'YYYY-MM-DD') as week, count(*)::int, sum(w.set_count)::int, sum(w.volume_kg)
    from workouts w where w.user_id = $1 and w.finished_at is not null and w.started_at >= $2 group by 1`,
  weeklyMuscles: `select to_char(date_trunc('week', w.started_at at time zone 'UTC'), 'YYYY-MM-DD') as week, m.muscle, count(*)::int,
      sum(case when e.tracking_type in ('weight_reps', 'weighted_bodyweight') then coalesce(s.weight_kg, 0) * coalesce(s.reps, 0) else 0 end)
    from workouts w join workout_exercises we on we.workout_id = w.id join exercises e on e.id = we.exercise_id
      join workout_sets s on s.workout_exercise_id = we.id cross join lateral unnest(e.primary_muscles) as m(muscle)
    where w.user_id = $1 and w.finished_at is not null and w.started_at >= $2 and s.done and s.type <> 'warmup' group by 1, 2`,
  trainingWeeks: `select distinct to_char(date_trunc('week', started_at at time zone 'UTC'), 'YYYY-MM-DD') as week from workouts where user_id = $1 and finished_at is not null order by 1 desc limit 520`,
  finishedCount: `select count(*)::int from workouts where user_id = $1 and finished_at is not null`,
  exerciseStats: `select w.id, w.started_at,
      max(case when s.weight_kg > 0 and s.reps > 0 then case when s.reps = 1 then s.weight_kg else s.weight_kg * (1 + s.reps / 30.0) end end),
      max(case when s.reps > 0 then s.weight_kg end), coalesce(sum(coalesce(s.weight_kg, 0) * coalesce(s.reps, 0)), 0), coalesce(sum(s.reps), 0)::int
    from workout_exercises we join workouts w on w.id = we.workout_id join workout_sets s on s.workout_exercise_id = we.id
    where we.user_id = $1 and we.exercise_id = $2 and w.finished_at is not null and s.done and s.type <> 'warmup'
    group by w.id, w.started_at order by w.started_at desc limit 1000`,
  exerciseById: `select * from exercises where id = $1 limit 1`,
  records: `select * from personal_records where user_id = $1 and current = true order by exercise_id, kind, weight_kg limit 5000`,
};

async function timed(n, fn) {
  const lat = [];
  for (let i = 0; i < n; i++) {
    const t = wallNow();
    await fn(i);
    lat.push(wallNow() - t);
  }
  return percentile(lat, 95);
}

async function bpgRound(client, userId, n, liveIds) {
  const weekly = await timed(n, async () => {
    // One connection, one statement at a time: what the app does on PGlite.
    await client.query(SQL.weeklyTotals, [userId, weekStart(52)]);
    await client.query(SQL.weeklyMuscles, [userId, weekStart(52)]);
    await client.query(SQL.trainingWeeks, [userId]);
    await client.query(SQL.finishedCount, [userId]);
  });
  const exercise = await timed(n, async (i) => {
    await client.query(SQL.exerciseById, [LIFTS[i % LIFTS.length]]);
    await client.query(SQL.exerciseStats, [userId, LIFTS[i % LIFTS.length]]);
  });
  const records = await timed(n, () => client.query(SQL.records, [userId]));
  // The finish: lock, stamp, its exercises, whether it is the latest, standing records,
  // its sets, retire and insert records, the workout's records, the event. One transaction.
  const finish = await timed(liveIds.length, async (i) => {
    const id = liveIds[i];
    await client.query('begin');
    const [w] = (await client.query('select * from workouts where id = $1 for update', [id])).rows;
    await client.query('update workouts set finished_at = now(), ended_at = now(), revision = revision + 1 where id = $1', [id]);
    const ex = (await client.query('select * from workout_exercises where workout_id = $1 order by position', [id])).rows;
    const exIds = [...new Set(ex.map((e) => e.exercise_id))];
    await client.query('select * from exercises where id = any($1::uuid[])', [exIds]);
    await client.query('select id from workouts where user_id = $1 and finished_at is not null and id <> $2 and started_at >= $3 limit 1', [userId, id, w.started_at]);
    const standing = (await client.query('select * from personal_records where user_id = $1 and exercise_id = any($2::uuid[]) and current = true', [userId, exIds])).rows;
    const sets = (
      await client.query(
        `select we.exercise_id, s.id, s.weight_kg, s.reps from workout_exercises we join workout_sets s on s.workout_exercise_id = we.id where we.workout_id = $1 and s.done and s.type <> 'warmup' order by we.position, s.position`,
        [id],
      )
    ).rows;
    await client.query('update personal_records set current = false where id = any($1::uuid[])', [standing.map((r) => r.id)]);
    const top = new Map();
    for (const s of sets) if (!top.has(s.exercise_id) || Number(s.weight_kg) > Number(top.get(s.exercise_id).weight_kg)) top.set(s.exercise_id, s);
    for (const [exerciseId, s] of top) {
      await client.query(`insert into personal_records (id, user_id, exercise_id, kind, value, workout_id, set_id, achieved_at, current) values ($1, $2, $3, 'heaviest', $4, $5, $6, now(), true)`, [randomUUID(), userId, exerciseId, s.weight_kg, id, s.id]);
    }
    await client.query('select * from personal_records where workout_id = $1 and current = true', [id]);
    await client.query(`insert into domain_events (id, name, payload) values ($1, 'workout.finished', $2)`, [randomUUID(), JSON.stringify({ workout_id: id })]);
    await client.query('commit');
    // The summary the finish answers with: the document with each exercise's previous performance, and the PRs.
    const weIds = (await client.query('select * from workout_exercises where workout_id = $1 order by position', [id])).rows.map((e) => e.id);
    await client.query('select * from workout_sets where workout_exercise_id = any($1::uuid[]) order by position', [weIds]);
    await client.query('select * from exercises where id = any($1::uuid[])', [exIds]);
    const prev = (
      await client.query(
        `select distinct on (we.exercise_id) we.exercise_id, we.id from workout_exercises we join workouts w on w.id = we.workout_id
         where we.user_id = $1 and we.exercise_id = any($2::uuid[]) and w.finished_at is not null and w.started_at < $3 and w.id <> $4
         order by we.exercise_id, w.started_at desc, we.position`,
        [userId, exIds, w.started_at, id],
      )
    ).rows;
    await client.query('select * from workout_sets where workout_exercise_id = any($1::uuid[]) order by position', [prev.map((r) => r.id)]);
    await client.query('select * from personal_records where workout_id = $1 and current = true order by exercise_id, kind', [id]);
  });
  return { weekly, exercise, records, finish };
}

async function appRound(base, user, n, round, tag) {
  const token = user.token;
  const weekly = await timed(n, () => api(base, 'GET', '/api/stats/weekly?weeks=52', { token }));
  const exercise = await timed(n, (i) => api(base, 'GET', `/api/stats/exercises/${LIFTS[i % LIFTS.length]}`, { token }));
  const records = await timed(n, () => api(base, 'GET', '/api/records', { token }));
  const finishes = Math.max(5, Math.round(n / 2));
  const live = await pool(finishes, 1, (i) => api(base, 'POST', '/api/workouts', { token, body: { client_id: `s7live${round}_${i}_${tag}`, exercises: withIds(liveWorkout(round * 100 + i), `r${round}l${i}`) } }));
  const finish = await timed(finishes, (i) => api(base, 'POST', `/api/workouts/${live[i].id}/finish`, { token, body: {} }));
  return { weekly, exercise, records, finish };
}

/** Live 30-set workouts in the B_pg database, to be finished by the B_pg loop. */
async function bpgLive(client, userId, count) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const wid = randomUUID();
    await client.query(`insert into workouts (id, user_id, client_id, title, started_at, visibility) values ($1, $2, $3, 'live', now(), 'friends')`, [wid, userId, `bpglive${wid}`]);
    const exercises = liveWorkout(i);
    for (const [k, e] of exercises.entries()) {
      const weId = randomUUID();
      await client.query(`insert into workout_exercises (id, workout_id, user_id, exercise_id, client_id, position) values ($1, $2, $3, $4, $5, $6)`, [weId, wid, userId, e.exercise_id, `e${k}`, k]);
      for (const [j, s] of e.sets.entries()) {
        await client.query(`insert into workout_sets (id, workout_exercise_id, client_id, position, type, weight_kg, weight_input, weight_unit, reps, done) values ($1, $2, $3, $4, 'normal', $5, $5, 'kg', $6, true)`, [randomUUID(), weId, `s${j}`, j, s.weight, s.reps]);
      }
    }
    ids.push(wid);
  }
  return ids;
}

export async function s7(ctx, { user, bpg }) {
  const { rounds, s7Requests: n } = ctx.knobs;
  const client = new pg.Client({ connectionString: bpg.url });
  await client.connect();
  const perRound = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const liveIds = await bpgLive(client, bpg.userId, Math.max(5, Math.round(n / 2)));
      const base = await bpgRound(client, bpg.userId, n, liveIds);
      const ours = await appRound(ctx.ours.bases[0], user, n, r, ctx.tag);
      perRound.push({ ours, base });
      ctx.log(`  S7 round ${r + 1}: p95 weekly ${ours.weekly.toFixed(1)} / ${base.weekly.toFixed(1)} ms, exercise ${ours.exercise.toFixed(1)} / ${base.exercise.toFixed(1)} ms, records ${ours.records.toFixed(1)} / ${base.records.toFixed(1)} ms, finish ${ours.finish.toFixed(1)} / ${base.finish.toFixed(1)} ms (app / B_pg)`);
    }
  } finally {
    await client.end();
  }
  const pick = (side, key) => median(perRound.map((p) => p[side][key]));
  const keys = ['weekly', 'exercise', 'records', 'finish'];
  return {
    workouts: ctx.sizes.s7Workouts,
    sets: ctx.sizes.s7Workouts * 25,
    requests: n,
    rounds: perRound,
    median: { ours: Object.fromEntries(keys.map((k) => [k, pick('ours', k)])), bpg: Object.fromEntries(keys.map((k) => [k, pick('base', k)])) },
  };
}
