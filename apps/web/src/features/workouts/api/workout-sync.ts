import type { ErrorCode } from '@discordgym/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api/api-error';
import type { RealtimeClient } from '../../../lib/realtime/realtime-client';
import type { Outbox } from '../../../lib/storage/outbox';
import { liveWorkoutFor, type LiveWorkoutStore } from './live-workout.store';
import { type SyncedStore, syncedFor } from './synced.store';
import { toPutBody } from './workout-body';
import { workoutOutboxFor, type WorkoutOutboxEntry } from './workout-outbox.store';
import { workoutApi, workoutKeys } from './workouts.api';

/** Refusals that will not change by sending again: the entry is marked failed for the user to see. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['VALIDATION_FAILED', 'FORBIDDEN', 'CLIENT_ID_CONFLICT', 'PAYLOAD_TOO_LARGE']);

/**
 * Sends the workout outbox, oldest first, whenever the server may be reachable (the
 * browser is back online, the socket connected, something new was queued) and backs
 * off while it is not. Every request is idempotent: a workout is created by its
 * client_id (a repeat answers with the first one), and saved as a whole document whose
 * exercises and sets the server matches by client_id, so a request that went through
 * before the connection dropped changes nothing when it goes again.
 */
export class WorkoutSync {
  private readonly outbox: Outbox<WorkoutOutboxEntry>;
  private readonly synced: SyncedStore;
  private readonly live: LiveWorkoutStore;
  private readonly cleanups: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing = false;
  private again = false;
  private retryDelay = 1_000;
  private stopped = false;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly realtime: RealtimeClient,
    meId: string,
  ) {
    this.outbox = workoutOutboxFor(meId);
    this.synced = syncedFor(meId);
    this.live = liveWorkoutFor(meId);
  }

  start(): void {
    const soon = () => this.schedule(0);
    window.addEventListener('online', soon);
    this.cleanups.push(
      () => window.removeEventListener('online', soon),
      this.outbox.subscribe(soon),
      this.realtime.onConnect(soon),
    );
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  private async flush(): Promise<void> {
    if (this.stopped) return;
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    let sent = false;
    try {
      while (!this.stopped) {
        const next = this.outbox.entries().find((e) => e.status === 'pending');
        if (!next) break;
        if (typeof navigator !== 'undefined' && navigator.onLine === false) break;
        try {
          await this.send(next);
          sent = true;
          this.retryDelay = 1_000;
          this.outbox.delivered(next.client_id);
        } catch (error) {
          if (error instanceof ApiError && PERMANENT.has(error.code)) {
            this.outbox.fail(next.client_id, error.code);
            continue;
          }
          // Offline, timed out, rate limited or a server hiccup: it stays and goes again later.
          this.schedule(this.retryDelay);
          this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
          break;
        }
      }
    } finally {
      this.flushing = false;
      if (sent) void this.queryClient.invalidateQueries({ queryKey: workoutKeys.all });
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }

  private async send(entry: WorkoutOutboxEntry): Promise<void> {
    const { workout } = entry;
    if (entry.op === 'delete') {
      const id = this.synced.idOf(workout.client_id);
      // Never reached the server: nothing to delete there.
      if (!id) return;
      try {
        await workoutApi.remove(id);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'NOT_FOUND')) throw error;
      }
      return;
    }
    const id = await this.ensureCreated(entry);
    // A finish sends its end with the document: a repeat after a finish that went through
    // (its answer lost) must not look like "un-finishing" it.
    const saved = await workoutApi.put(id, toPutBody(workout, entry.op === 'finish' ? entry.ended_at : null));
    this.live.learnPrevious(workout.client_id, Object.fromEntries(saved.exercises.map((e) => [e.client_id, e.previous])));
    if (entry.op === 'finish') {
      const summary = await workoutApi.finish(id, entry.ended_at ?? new Date().toISOString());
      this.synced.setSummary(workout.client_id, summary);
    }
  }

  /** The workout's server id; the first send creates it (a repeat of that create answers with the same workout). */
  private async ensureCreated(entry: WorkoutOutboxEntry): Promise<string> {
    const known = this.synced.idOf(entry.workout_client_id);
    if (known) return known;
    const body = toPutBody(entry.workout, null);
    const created = await workoutApi.create({
      client_id: entry.workout_client_id,
      title: body.title,
      notes: body.notes,
      started_at: body.started_at,
      visibility: body.visibility,
      routine_id: entry.workout.routine_id,
    });
    this.synced.setId(entry.workout_client_id, created.id);
    return created.id;
  }
}
