import { Injectable } from '@nestjs/common';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../common/app-error';
import { Database, type Executor } from '../../infra/db/database';
import { blocks, friendships, workouts } from '../../infra/db/schema';
import { type WorkoutRow } from './workouts.repository';

export interface VisibleWorkout {
  id?: string;
  userId: string;
  visibility: string;
  finishedAt: Date | null;
}

/**
 * The one answer to "may this user see / change this workout", for every route and every
 * feature that shows workouts (feed, cards, leaderboards, search). The owner sees and edits
 * their own. Anyone else sees a workout only once it is finished, never a private one, never
 * across a block (either way), a friends one only as a friend (blocking ends friendships,
 * so the friendship rows are the truth). A workout one may not see reads as 404.
 */
@Injectable()
export class WorkoutsPolicy {
  constructor(private readonly database: Database) {}

  /** The condition on `workouts` for list queries: rows `viewerId` may see. */
  visibleToSql(viewerId: string): SQL {
    return or(
      eq(workouts.userId, viewerId),
      and(
        sql`${workouts.finishedAt} is not null`,
        sql`${workouts.visibility} <> 'private'`,
        sql`not exists (select 1 from ${blocks} b where (b.blocker_id = ${viewerId} and b.blocked_id = ${workouts.userId}) or (b.blocker_id = ${workouts.userId} and b.blocked_id = ${viewerId}))`,
        or(
          sql`${workouts.visibility} = 'public'`,
          sql`exists (select 1 from ${friendships} f where f.user_id = ${viewerId} and f.friend_id = ${workouts.userId})`,
        ),
      ),
    )!;
  }

  async mayView(viewerId: string, workout: VisibleWorkout, tx?: Executor): Promise<boolean> {
    if (workout.userId === viewerId) return true;
    const ties = await this.ties(viewerId, [workout], tx);
    return this.visible(viewerId, workout, ties);
  }

  /** Of `rows`, the ids of those `viewerId` may see (batch: one query each for friendships and blocks). */
  async viewableIds(viewerId: string, rows: Array<VisibleWorkout & { id: string }>, tx?: Executor): Promise<Set<string>> {
    const ties = await this.ties(viewerId, rows, tx);
    return new Set(rows.filter((r) => this.visible(viewerId, r, ties)).map((r) => r.id));
  }

  /** The workout when `viewerId` may see it, else 404. */
  async assertMayView(viewerId: string, workoutId: string, tx?: Executor): Promise<WorkoutRow> {
    const workout = await this.load(workoutId, tx);
    if (!workout || !(await this.mayView(viewerId, workout, tx))) throw AppError.notFound('Workout');
    return workout;
  }

  /** Only the owner changes a workout: 404 when they may not even see it, 403 when they may. */
  async assertOwner(viewerId: string, workoutId: string, tx?: Executor): Promise<WorkoutRow> {
    const workout = await this.assertMayView(viewerId, workoutId, tx);
    if (workout.userId !== viewerId) throw AppError.forbidden('Only the owner may change a workout');
    return workout;
  }

  private visible(viewerId: string, w: VisibleWorkout, ties: { blocked: Set<string>; friends: Set<string> }): boolean {
    if (w.userId === viewerId) return true;
    if (w.finishedAt === null || w.visibility === 'private' || ties.blocked.has(w.userId)) return false;
    return w.visibility === 'public' || (w.visibility === 'friends' && ties.friends.has(w.userId));
  }

  /** Blocks (either way) and friendships between `viewerId` and the owners of `rows`. */
  private async ties(viewerId: string, rows: VisibleWorkout[], tx: Executor = this.database.db): Promise<{ blocked: Set<string>; friends: Set<string> }> {
    const others = [...new Set(rows.filter((r) => r.userId !== viewerId && r.visibility !== 'private').map((r) => r.userId))];
    if (!others.length) return { blocked: new Set(), friends: new Set() };
    const [blocked, friends] = await Promise.all([
      tx
        .select({ a: blocks.blockerId, b: blocks.blockedId })
        .from(blocks)
        .where(or(and(eq(blocks.blockerId, viewerId), inArray(blocks.blockedId, others)), and(eq(blocks.blockedId, viewerId), inArray(blocks.blockerId, others)))),
      tx
        .select({ id: friendships.friendId })
        .from(friendships)
        .where(and(eq(friendships.userId, viewerId), inArray(friendships.friendId, others))),
    ]);
    return { blocked: new Set(blocked.map((r) => (r.a === viewerId ? r.b : r.a))), friends: new Set(friends.map((r) => r.id)) };
  }

  private async load(id: string, tx: Executor = this.database.db): Promise<WorkoutRow | undefined> {
    const [row] = await tx.select().from(workouts).where(eq(workouts.id, id)).limit(1);
    return row;
  }
}
