import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Equipment, Id, Muscle, TrackingType } from '@discordgym/contracts';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../infra/db/database';
import { catalogExerciseId, catalogSql, exerciseCatalog } from './exercise-catalog.data';

describe('exercise catalog', () => {
  it('is what the committed migration inserts', () => {
    const migration = readFileSync(path.join(MIGRATIONS_DIR, '0006_exercise_catalog.sql'), 'utf8');
    expect(migration).toBe(catalogSql());
  });

  it('has at least 150 exercises with unique slugs, names in both languages and valid vocabulary', () => {
    expect(exerciseCatalog.length).toBeGreaterThanOrEqual(150);
    expect(new Set(exerciseCatalog.map((e) => e.slug)).size).toBe(exerciseCatalog.length);
    expect(new Set(exerciseCatalog.map((e) => e.nameEn.toLowerCase())).size).toBe(exerciseCatalog.length);
    for (const e of exerciseCatalog) {
      expect(e.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.nameDe.length).toBeGreaterThan(0);
      expect(e.primary.length).toBeGreaterThan(0);
      for (const m of [...e.primary, ...e.secondary]) expect(Muscle.safeParse(m).success, `${e.slug}: ${m}`).toBe(true);
      expect(Equipment.safeParse(e.equipment).success).toBe(true);
      expect(TrackingType.safeParse(e.tracking).success).toBe(true);
    }
    expect(new Set(exerciseCatalog.map((e) => e.tracking))).toEqual(new Set(TrackingType.options));
  });

  it('gives every slug the same valid UUIDv7 on every install', () => {
    const id = catalogExerciseId('bench-press-barbell');
    expect(Id.safeParse(id).success).toBe(true);
    expect(catalogExerciseId('bench-press-barbell')).toBe(id);
    expect(new Set(exerciseCatalog.map((e) => catalogExerciseId(e.slug))).size).toBe(exerciseCatalog.length);
  });
});
