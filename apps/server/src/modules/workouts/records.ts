import { epley1rm, type RecordKind, type SetType, type TrackingType } from '@discordgym/contracts';

/** One set as the record book sees it: already known to be done, in a finished workout. */
export interface RecordSet {
  setId: string;
  workoutId: string;
  /** When the workout started: records are ordered by it, then by position. */
  achievedAt: Date;
  type: SetType;
  weightKg: number | null;
  reps: number | null;
  distanceM: number | null;
  durationS: number | null;
}

export interface RecordEvent {
  kind: RecordKind;
  /** reps_at_weight only */
  weightKg: number | null;
  value: number;
  previousValue: number | null;
  setId: string;
  workoutId: string;
  achievedAt: Date;
}

const key = (kind: RecordKind, weightKg: number | null) => (kind === 'reps_at_weight' ? `${kind}:${weightKg}` : kind);
/** numeric(16,6) in the table: compare what is stored, or a recomputed e1RM ties differently than the stored one. */
const stored = (value: number) => Math.round(value * 1e6) / 1e6;

/** What a set of this tracking type can set a record in. */
function candidates(tracking: TrackingType, set: RecordSet): Array<[RecordKind, number | null, number]> {
  const out: Array<[RecordKind, number | null, number]> = [];
  const w = set.weightKg;
  const reps = set.reps ?? 0;
  switch (tracking) {
    case 'weight_reps':
    case 'weighted_bodyweight':
      if (w !== null && reps > 0) {
        if (w > 0) {
          out.push(['heaviest', null, w], ['e1rm', null, stored(epley1rm(w, reps))], ['set_volume', null, stored(w * reps)]);
        }
        out.push(['reps_at_weight', w, reps]);
      } else if (tracking === 'weighted_bodyweight' && reps > 0) {
        out.push(['reps_at_weight', 0, reps]);
      }
      break;
    case 'bodyweight_reps':
      if (reps > 0) out.push(['reps_at_weight', 0, reps]);
      break;
    case 'assisted_bodyweight':
      // Less assistance is the progress, so "heaviest" would reward the wrong thing; reps at each assistance still count.
      if (reps > 0) out.push(['reps_at_weight', w ?? 0, reps]);
      break;
    case 'duration':
      if (set.durationS) out.push(['duration', null, set.durationS]);
      break;
    case 'distance_duration':
      if (set.distanceM) out.push(['distance', null, set.distanceM]);
      if (set.durationS) out.push(['duration', null, set.durationS]);
      break;
    case 'weight_distance':
      if (w) out.push(['heaviest', null, w]);
      if (set.distanceM) out.push(['distance', null, set.distanceM]);
      break;
  }
  return out;
}

/**
 * The records of one exercise of one user, fed set by set in the order they were done.
 * A record moves only when a set beats it (a tie keeps the first achiever); warm-ups count
 * for nothing. Seeded with the standing records it continues a history (a finish after
 * everything else); empty it rebuilds one (an edit or delete in the past), with the same
 * rules, so both give the same answer.
 */
export class RecordBook {
  private readonly best = new Map<string, RecordEvent>();
  readonly events: RecordEvent[] = [];

  constructor(
    private readonly tracking: TrackingType,
    standing: RecordEvent[] = [],
  ) {
    for (const r of standing) this.best.set(key(r.kind, r.weightKg), r);
  }

  add(set: RecordSet): void {
    if (set.type === 'warmup') return;
    for (const [kind, weightKg, value] of candidates(this.tracking, set)) {
      const k = key(kind, weightKg);
      const previous = this.best.get(k);
      if (previous && value <= previous.value) continue;
      const event: RecordEvent = {
        kind,
        weightKg,
        value,
        previousValue: previous?.value ?? null,
        setId: set.setId,
        workoutId: set.workoutId,
        achievedAt: set.achievedAt,
      };
      this.best.set(k, event);
      this.events.push(event);
    }
  }

  /** The standing record per kind (and weight), after everything added. */
  current(): RecordEvent[] {
    return [...this.best.values()];
  }
}

/** The whole history of one exercise from its sets, oldest first. */
export function rebuildRecords(tracking: TrackingType, sets: RecordSet[]): { events: RecordEvent[]; current: RecordEvent[] } {
  const book = new RecordBook(tracking);
  for (const set of sets) book.add(set);
  return { events: book.events, current: book.current() };
}

/** Counted sets: done and not a warm-up. Volume: weight × reps where weight is load (not assistance). */
export function setVolumeKg(tracking: TrackingType, set: { type: SetType; done: boolean; weightKg: number | null; reps: number | null }): number {
  if (!set.done || set.type === 'warmup') return 0;
  if (tracking !== 'weight_reps' && tracking !== 'weighted_bodyweight') return 0;
  return (set.weightKg ?? 0) * (set.reps ?? 0);
}

export const countsAsSet = (set: { type: SetType; done: boolean }): boolean => set.done && set.type !== 'warmup';
