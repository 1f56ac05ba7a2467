import { displayDistance, displayWeight, fromKg, KG_PER_LB, type TrackingType, toKg, toMetres } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { RecordBook, type RecordSet, rebuildRecords, setVolumeKg } from './records';

let n = 0;
/** A set of workout `w` (workouts are ordered by their number). */
const s = (w: number, weightKg: number | null, reps: number | null, extra: Partial<RecordSet> = {}): RecordSet => ({
  setId: `set-${++n}`,
  workoutId: `w${w}`,
  achievedAt: new Date(Date.UTC(2025, 0, w)),
  type: 'normal',
  weightKg,
  reps,
  distanceM: null,
  durationS: null,
  ...extra,
});

const standing = (tracking: TrackingType, sets: RecordSet[]) =>
  Object.fromEntries(rebuildRecords(tracking, sets).current.map((r) => [r.kind === 'reps_at_weight' ? `reps@${r.weightKg}` : r.kind, [r.value, r.workoutId]]));

describe('personal records', () => {
  it.each<[string, TrackingType, RecordSet[], Record<string, [number, string]>]>([
    ['a single set', 'weight_reps', [s(1, 100, 5)], { heaviest: [100, 'w1'], e1rm: [116.666667, 'w1'], set_volume: [500, 'w1'], 'reps@100': [5, 'w1'] }],
    ['a single is its own 1RM (Epley, reps 1 → w)', 'weight_reps', [s(1, 140, 1)], { heaviest: [140, 'w1'], e1rm: [140, 'w1'], set_volume: [140, 'w1'], 'reps@140': [1, 'w1'] }],
    ['a tie keeps the first achiever', 'weight_reps', [s(1, 100, 5), s(2, 100, 5)], { heaviest: [100, 'w1'], e1rm: [116.666667, 'w1'], set_volume: [500, 'w1'], 'reps@100': [5, 'w1'] }],
    [
      'each kind moves on its own',
      'weight_reps',
      [s(1, 100, 5), s(2, 110, 1), s(3, 80, 10)],
      { heaviest: [110, 'w2'], e1rm: [116.666667, 'w1'], set_volume: [800, 'w3'], 'reps@100': [5, 'w1'], 'reps@110': [1, 'w2'], 'reps@80': [10, 'w3'] },
    ],
    ['warm-ups count for nothing', 'weight_reps', [s(1, 60, 5), s(2, 200, 5, { type: 'warmup' })], { heaviest: [60, 'w1'], e1rm: [70, 'w1'], set_volume: [300, 'w1'], 'reps@60': [5, 'w1'] }],
    ['drop and failure sets count', 'weight_reps', [s(1, 60, 5, { type: 'drop' }), s(2, 70, 1, { type: 'failure' })], { heaviest: [70, 'w2'], e1rm: [70, 'w1'], set_volume: [300, 'w1'], 'reps@60': [5, 'w1'], 'reps@70': [1, 'w2'] }],
    ['a weight without reps is no lift', 'weight_reps', [s(1, 300, 0), s(1, 300, null)], {}],
    ['bodyweight: most reps', 'bodyweight_reps', [s(1, null, 12), s(2, null, 15), s(3, null, 15)], { 'reps@0': [15, 'w2'] }],
    ['weighted bodyweight: added weight and plain reps apart', 'weighted_bodyweight', [s(1, null, 10), s(2, 20, 5)], { 'reps@0': [10, 'w1'], heaviest: [20, 'w2'], e1rm: [23.333333, 'w2'], set_volume: [100, 'w2'], 'reps@20': [5, 'w2'] }],
    ['assisted: reps per assistance, no "heaviest"', 'assisted_bodyweight', [s(1, 30, 8), s(2, 20, 8)], { 'reps@30': [8, 'w1'], 'reps@20': [8, 'w2'] }],
    ['duration: longest', 'duration', [s(1, null, null, { durationS: 60 }), s(2, null, null, { durationS: 90 })], { duration: [90, 'w2'] }],
    [
      'distance × duration: each on its own',
      'distance_duration',
      [s(1, null, null, { distanceM: 5000, durationS: 1500 }), s(2, null, null, { distanceM: 4000, durationS: 1800 })],
      { distance: [5000, 'w1'], duration: [1800, 'w2'] },
    ],
    ['weight × distance: heaviest and farthest', 'weight_distance', [s(1, 40, null, { distanceM: 50 }), s(2, 50, null, { distanceM: 30 })], { heaviest: [50, 'w2'], distance: [50, 'w1'] }],
    ['lb entries rank by kg: 225 lb beats 100 kg', 'weight_reps', [s(1, 100, 1), s(2, toKg(225, 'lb'), 1)], { heaviest: [102.05828325, 'w2'], e1rm: [102.058283, 'w2'], set_volume: [102.058283, 'w2'], 'reps@100': [1, 'w1'], 'reps@102.05828325': [1, 'w2'] }],
  ])('%s', (_, tracking, sets, expected) => {
    const got = standing(tracking, sets);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [k, [value, workout]] of Object.entries(expected)) {
      expect(got[k]![0]).toBeCloseTo(value, 5);
      expect(got[k]![1]).toBe(workout);
    }
  });

  it('deleting the record workout brings the previous record back', () => {
    const a = s(1, 100, 5);
    const b = s(2, 110, 5);
    expect(standing('weight_reps', [a, b]).heaviest).toEqual([110, 'w2']);
    expect(standing('weight_reps', [a]).heaviest).toEqual([100, 'w1']);
  });

  it('keeps the history in order with each previous value', () => {
    const { events } = rebuildRecords('weight_reps', [s(1, 100, 5), s(2, 105, 5), s(3, 102, 5), s(4, 110, 3)]);
    expect(events.filter((e) => e.kind === 'heaviest').map((e) => [e.value, e.previousValue])).toEqual([
      [100, null],
      [105, 100],
      [110, 105],
    ]);
  });

  it('appending to the standing records gives what a rebuild gives', () => {
    // Deterministic pseudo-random history: 40 workouts of 5 sets.
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const sets: RecordSet[] = [];
    for (let w = 1; w <= 40; w++) for (let i = 0; i < 5; i++) sets.push(s(w, Math.round(40 + rand() * 80) / 2.5 * 2.5, 1 + Math.floor(rand() * 12), rand() < 0.15 ? { type: 'warmup' } : {}));
    const before = sets.filter((x) => x.workoutId !== 'w40');
    const last = sets.filter((x) => x.workoutId === 'w40');
    const book = new RecordBook('weight_reps', rebuildRecords('weight_reps', before).current);
    for (const x of last) book.add(x);
    const full = rebuildRecords('weight_reps', sets);
    const key = (r: { kind: string; weightKg: number | null; value: number; setId: string }) => `${r.kind}|${r.weightKg}|${r.value}|${r.setId}`;
    expect(book.current().map(key).sort()).toEqual(full.current.map(key).sort());
    expect(book.events.map(key)).toEqual(full.events.filter((e) => e.workoutId === 'w40').map(key));
  });

  it('counts volume for load only, never for warm-ups or undone sets', () => {
    expect(setVolumeKg('weight_reps', { type: 'normal', done: true, weightKg: 100, reps: 5 })).toBe(500);
    expect(setVolumeKg('weight_reps', { type: 'warmup', done: true, weightKg: 100, reps: 5 })).toBe(0);
    expect(setVolumeKg('weight_reps', { type: 'normal', done: false, weightKg: 100, reps: 5 })).toBe(0);
    expect(setVolumeKg('assisted_bodyweight', { type: 'normal', done: true, weightKg: 30, reps: 5 })).toBe(0);
  });
});

describe('units without drift', () => {
  it.each([100, 225, 135.5, 2.5, 45, 0.25, 999])('%d lb survives kg and back', (lb) => {
    const kg = toKg(lb, 'lb');
    expect(fromKg(kg, 'lb')).toBe(lb);
    expect(displayWeight({ weight: lb, weight_unit: 'lb', weight_kg: kg }, 'lb')).toBe(lb);
  });

  it('shows a kg entry in lb converted, and the typed value when units match', () => {
    expect(displayWeight({ weight: 100, weight_unit: 'kg', weight_kg: 100 }, 'lb')).toBe(220.46);
    expect(displayWeight({ weight: 100, weight_unit: 'kg', weight_kg: 100 }, 'kg')).toBe(100);
    expect(toKg(1, 'lb')).toBe(KG_PER_LB);
  });

  it('keeps miles and kilometres exact', () => {
    expect(toMetres(3.1, 'mi')).toBe(4988.9664);
    expect(displayDistance({ distance: 3.1, distance_unit: 'mi', distance_m: toMetres(3.1, 'mi') }, 'mi')).toBe(3.1);
    expect(displayDistance({ distance: 5, distance_unit: 'km', distance_m: 5000 }, 'mi')).toBe(3.11);
  });
});
