import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { Database, type Db, type Executor } from '../../infra/db/database';
import {
  blocks,
  bodyMeasurements,
  chatroomParticipants,
  exercises,
  isActiveParticipant,
  friendships,
  leaderboardHolds,
  personalRecords,
  prAnnouncementRooms,
  users,
  workoutComments,
  workoutExercises,
  workoutKudos,
  workoutPreferences,
  workouts,
  workoutSets,
} from '../../infra/db/schema';
import type { WorkoutRow } from './workouts.repository';

export type UserRow = typeof users.$inferSelect;
export type CommentRow = typeof workoutComments.$inferSelect;
export type HoldRow = typeof leaderboardHolds.$inferSelect;

/** One user's figure on a leaderboard, before ranking. */
export interface BoardRow {
  userId: string;
  value: number;
}

/**
 * The queries of the social layer of workouts: feed, kudos, comments, PR announcement rooms,
 * leaderboards and their holds, and the reads of the export. Visibility always comes from
 * `WorkoutsPolicy.visibleToSql`, handed in by the caller.
 */
@Injectable()
export class SocialRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Executor));
  }

  async usersByIds(ids: string[]): Promise<UserRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(users).where(inArray(users.id, [...new Set(ids)]));
  }

  async workoutsByIds(ids: string[]): Promise<WorkoutRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(workouts).where(inArray(workouts.id, ids));
  }

  async friendIds(userId: string): Promise<string[]> {
    const rows = await this.db.select({ id: friendships.friendId }).from(friendships).where(eq(friendships.userId, userId));
    return rows.map((r) => r.id);
  }

  async areFriends(a: string, b: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: friendships.friendId })
      .from(friendships)
      .where(and(eq(friendships.userId, a), eq(friendships.friendId, b)))
      .limit(1);
    return !!row;
  }

  /** Of `ids`, those blocked by or blocking `userId`. */
  async blockedAmong(userId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.db
      .select({ a: blocks.blockerId, b: blocks.blockedId })
      .from(blocks)
      .where(or(and(eq(blocks.blockerId, userId), inArray(blocks.blockedId, ids)), and(eq(blocks.blockedId, userId), inArray(blocks.blockerId, ids))));
    return new Set(rows.map((r) => (r.a === userId ? r.b : r.a)));
  }

  // ---- feed ----

  /** Finished workouts of me and my friends that I may see, newest finish first, strictly before the cursor. */
  async feedPage(viewerId: string, visible: SQL, before: { finishedAt: Date; id: string } | undefined, limit: number): Promise<WorkoutRow[]> {
    const mine = or(eq(workouts.userId, viewerId), sql`exists (select 1 from ${friendships} f where f.user_id = ${viewerId} and f.friend_id = ${workouts.userId})`);
    const cursor = before
      ? or(lt(workouts.finishedAt, before.finishedAt), and(eq(workouts.finishedAt, before.finishedAt), lt(workouts.id, before.id)))
      : undefined;
    return this.db
      .select()
      .from(workouts)
      .where(and(isNotNull(workouts.finishedAt), mine, visible, cursor))
      .orderBy(desc(workouts.finishedAt), desc(workouts.id))
      .limit(limit);
  }

  async kudosCounts(workoutIds: string[], viewerId: string): Promise<Map<string, { count: number; mine: boolean }>> {
    if (!workoutIds.length) return new Map();
    const rows = await this.db
      .select({
        workoutId: workoutKudos.workoutId,
        n: sql<number>`count(*)::int`,
        mine: sql<boolean>`bool_or(${workoutKudos.userId} = ${viewerId})`,
      })
      .from(workoutKudos)
      .where(inArray(workoutKudos.workoutId, workoutIds))
      .groupBy(workoutKudos.workoutId);
    return new Map(rows.map((r) => [r.workoutId, { count: Number(r.n), mine: Boolean(r.mine) }]));
  }

  async commentCounts(workoutIds: string[]): Promise<Map<string, number>> {
    if (!workoutIds.length) return new Map();
    const rows = await this.db
      .select({ workoutId: workoutComments.workoutId, n: sql<number>`count(*)::int` })
      .from(workoutComments)
      .where(and(inArray(workoutComments.workoutId, workoutIds), isNull(workoutComments.deletedAt)))
      .groupBy(workoutComments.workoutId);
    return new Map(rows.map((r) => [r.workoutId, Number(r.n)]));
  }

  // ---- kudos ----

  /** True when the kudos is new. */
  async addKudos(tx: Executor, workoutId: string, userId: string): Promise<boolean> {
    const rows = await tx.insert(workoutKudos).values({ workoutId, userId }).onConflictDoNothing().returning({ id: workoutKudos.workoutId });
    return rows.length > 0;
  }

  async removeKudos(workoutId: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .delete(workoutKudos)
      .where(and(eq(workoutKudos.workoutId, workoutId), eq(workoutKudos.userId, userId)))
      .returning({ id: workoutKudos.workoutId });
    return rows.length > 0;
  }

  // ---- comments ----

  async commentByClientId(userId: string, clientId: string): Promise<CommentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workoutComments)
      .where(and(eq(workoutComments.userId, userId), eq(workoutComments.clientId, clientId)))
      .limit(1);
    return row;
  }

  async insertComment(tx: Executor, row: typeof workoutComments.$inferInsert): Promise<CommentRow | undefined> {
    const [created] = await tx.insert(workoutComments).values(row).onConflictDoNothing().returning();
    return created;
  }

  async comment(id: string): Promise<CommentRow | undefined> {
    const [row] = await this.db.select().from(workoutComments).where(eq(workoutComments.id, id)).limit(1);
    return row;
  }

  async softDeleteComment(id: string): Promise<boolean> {
    const rows = await this.db
      .update(workoutComments)
      .set({ deletedAt: new Date() })
      .where(and(eq(workoutComments.id, id), isNull(workoutComments.deletedAt)))
      .returning({ id: workoutComments.id });
    return rows.length > 0;
  }

  /** Oldest first, strictly after the cursor id (ids are time-ordered). */
  async commentsPage(workoutId: string, after: string | undefined, limit: number): Promise<CommentRow[]> {
    return this.db
      .select()
      .from(workoutComments)
      .where(and(eq(workoutComments.workoutId, workoutId), isNull(workoutComments.deletedAt), after ? gt(workoutComments.id, after) : undefined))
      .orderBy(asc(workoutComments.id))
      .limit(limit);
  }

  // ---- PR announcement rooms ----

  async prRooms(userId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: prAnnouncementRooms.chatroomId })
      .from(prAnnouncementRooms)
      .where(eq(prAnnouncementRooms.userId, userId))
      .orderBy(asc(prAnnouncementRooms.createdAt), asc(prAnnouncementRooms.chatroomId));
    return rows.map((r) => r.id);
  }

  /** The chosen rooms the user is still a member of: where an announcement may go. */
  async prRoomsStillMember(userId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: prAnnouncementRooms.chatroomId })
      .from(prAnnouncementRooms)
      .innerJoin(chatroomParticipants, and(eq(chatroomParticipants.chatroomId, prAnnouncementRooms.chatroomId), eq(chatroomParticipants.userId, userId), isActiveParticipant()))
      .where(eq(prAnnouncementRooms.userId, userId));
    return rows.map((r) => r.id);
  }

  async replacePrRooms(userId: string, roomIds: string[]): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.delete(prAnnouncementRooms).where(eq(prAnnouncementRooms.userId, userId));
      if (roomIds.length) await tx.insert(prAnnouncementRooms).values(roomIds.map((chatroomId) => ({ userId, chatroomId })));
    });
  }

  async memberOfAll(userId: string, roomIds: string[]): Promise<boolean> {
    if (!roomIds.length) return true;
    const rows = await this.db
      .select({ id: chatroomParticipants.chatroomId })
      .from(chatroomParticipants)
      .where(and(eq(chatroomParticipants.userId, userId), inArray(chatroomParticipants.chatroomId, roomIds), isActiveParticipant()));
    return rows.length === new Set(roomIds).size;
  }

  async roomMemberIds(roomId: string): Promise<string[]> {
    const rows = await this.db.select({ id: chatroomParticipants.userId }).from(chatroomParticipants).where(and(eq(chatroomParticipants.chatroomId, roomId), isActiveParticipant()));
    return rows.map((r) => r.id);
  }

  async exerciseNames(ids: string[]): Promise<Map<string, { nameEn: string; nameDe: string }>> {
    if (!ids.length) return new Map();
    const rows = await this.db.select({ id: exercises.id, nameEn: exercises.nameEn, nameDe: exercises.nameDe }).from(exercises).where(inArray(exercises.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r]));
  }

  // ---- leaderboards ----

  /** Sum of finished workouts' volume per member, over the workouts `visible` lets the viewer see. */
  async volumeBoard(memberIds: string[], visible: SQL, from: Date | null, to: Date): Promise<BoardRow[]> {
    if (!memberIds.length) return [];
    const rows = await this.db
      .select({ userId: workouts.userId, value: sql<number>`sum(${workouts.volumeKg})::float8` })
      .from(workouts)
      .where(and(inArray(workouts.userId, memberIds), isNotNull(workouts.finishedAt), visible, from ? sql`${workouts.startedAt} >= ${from}` : undefined, lt(workouts.startedAt, to)))
      .groupBy(workouts.userId);
    return rows.map((r) => ({ userId: r.userId, value: Number(r.value) })).filter((r) => r.value > 0);
  }

  /** Distinct training days (UTC) per member. */
  async consistencyBoard(memberIds: string[], visible: SQL, from: Date | null, to: Date): Promise<BoardRow[]> {
    if (!memberIds.length) return [];
    const rows = await this.db
      .select({ userId: workouts.userId, value: sql<number>`count(distinct (${workouts.startedAt} at time zone 'UTC')::date)::int` })
      .from(workouts)
      .where(and(inArray(workouts.userId, memberIds), isNotNull(workouts.finishedAt), visible, from ? sql`${workouts.startedAt} >= ${from}` : undefined, lt(workouts.startedAt, to)))
      .groupBy(workouts.userId);
    return rows.map((r) => ({ userId: r.userId, value: Number(r.value) }));
  }

  /**
   * Best e1RM of one lift per member, from their record history in workouts the viewer may
   * see. A record more than `factor` × the lifter's previous best is held (left out) unless
   * they confirmed that set; the earlier record then still counts.
   */
  async strengthBoard(memberIds: string[], visible: SQL, exerciseId: string, factor: number, from: Date | null, to: Date): Promise<BoardRow[]> {
    if (!memberIds.length) return [];
    const held = sql`(${personalRecords.previousValue} is not null and ${personalRecords.value} > ${factor}::float8 * ${personalRecords.previousValue}
      and not exists (select 1 from ${leaderboardHolds} h where h.set_id = ${personalRecords.setId} and h.metric = 'e1rm' and h.status = 'confirmed'))`;
    const rows = await this.db
      .select({ userId: personalRecords.userId, value: sql<number>`max(${personalRecords.value})::float8` })
      .from(personalRecords)
      .innerJoin(workouts, eq(workouts.id, personalRecords.workoutId))
      .where(
        and(
          inArray(personalRecords.userId, memberIds),
          eq(personalRecords.exerciseId, exerciseId),
          eq(personalRecords.kind, 'e1rm'),
          isNotNull(workouts.finishedAt),
          visible,
          from ? sql`${personalRecords.achievedAt} >= ${from}` : undefined,
          lt(personalRecords.achievedAt, to),
          sql`not ${held}`,
        ),
      )
      .groupBy(personalRecords.userId);
    return rows.map((r) => ({ userId: r.userId, value: Number(r.value) }));
  }

  /** Bodyweight and sex per user: the latest body measurement, else the preference. */
  async bodies(userIds: string[]): Promise<Map<string, { bodyweightKg: number | null; sex: string | null }>> {
    if (!userIds.length) return new Map();
    const latest = sql<number | null>`(select ${bodyMeasurements.bodyweightKg} from ${bodyMeasurements} where ${bodyMeasurements.userId} = ${users.id} order by ${bodyMeasurements.measuredAt} desc limit 1)`;
    const rows = await this.db
      .select({ id: users.id, measured: latest, preferred: workoutPreferences.bodyweightKg, sex: workoutPreferences.sex })
      .from(users)
      .leftJoin(workoutPreferences, eq(workoutPreferences.userId, users.id))
      .where(inArray(users.id, userIds));
    return new Map(rows.map((r) => [r.id, { bodyweightKg: r.measured !== null ? Number(r.measured) : (r.preferred ?? null), sex: r.sex ?? null }]));
  }

  // ---- holds ----

  async insertHolds(tx: Executor, rows: Array<typeof leaderboardHolds.$inferInsert>): Promise<void> {
    if (rows.length) await tx.insert(leaderboardHolds).values(rows).onConflictDoNothing();
  }

  async pendingHolds(userId: string): Promise<HoldRow[]> {
    return this.db
      .select()
      .from(leaderboardHolds)
      .where(and(eq(leaderboardHolds.userId, userId), eq(leaderboardHolds.status, 'pending')))
      .orderBy(desc(leaderboardHolds.createdAt))
      .limit(200);
  }

  async holdOfSet(setId: string, metric: string): Promise<HoldRow | undefined> {
    const [row] = await this.db
      .select()
      .from(leaderboardHolds)
      .where(and(eq(leaderboardHolds.setId, setId), eq(leaderboardHolds.metric, metric)))
      .limit(1);
    return row;
  }

  async confirmHold(id: string): Promise<HoldRow> {
    const [row] = await this.db.update(leaderboardHolds).set({ status: 'confirmed', resolvedAt: new Date() }).where(eq(leaderboardHolds.id, id)).returning();
    return row!;
  }

  /** The e1RM record a set holds in a workout (any, standing or not). */
  async e1rmRecordOfSet(workoutId: string, setId: string): Promise<typeof personalRecords.$inferSelect | undefined> {
    const [row] = await this.db
      .select()
      .from(personalRecords)
      .where(and(eq(personalRecords.workoutId, workoutId), eq(personalRecords.setId, setId), eq(personalRecords.kind, 'e1rm')))
      .orderBy(desc(personalRecords.value))
      .limit(1);
    return row;
  }

  async setOfWorkout(workoutId: string, setId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: workoutSets.id })
      .from(workoutSets)
      .innerJoin(workoutExercises, eq(workoutExercises.id, workoutSets.workoutExerciseId))
      .where(and(eq(workoutSets.id, setId), eq(workoutExercises.workoutId, workoutId)))
      .limit(1);
    return !!row;
  }

  // ---- export ----

  /** Every set of my workouts with its workout and exercise, in order (bounded by the caller's paging). */
  async exportRows(userId: string, afterStartedAt: { startedAt: Date; id: string } | undefined, limit: number) {
    const page = await this.db
      .select()
      .from(workouts)
      .where(
        and(
          eq(workouts.userId, userId),
          afterStartedAt ? or(gt(workouts.startedAt, afterStartedAt.startedAt), and(eq(workouts.startedAt, afterStartedAt.startedAt), gt(workouts.id, afterStartedAt.id))) : undefined,
        ),
      )
      .orderBy(asc(workouts.startedAt), asc(workouts.id))
      .limit(limit);
    if (!page.length) return { workouts: page, lines: [] };
    const lines = await this.db
      .select({ workoutId: workoutExercises.workoutId, exercise: workoutExercises, set: workoutSets, nameEn: exercises.nameEn })
      .from(workoutExercises)
      .innerJoin(exercises, eq(exercises.id, workoutExercises.exerciseId))
      .leftJoin(workoutSets, eq(workoutSets.workoutExerciseId, workoutExercises.id))
      .where(inArray(workoutExercises.workoutId, page.map((w) => w.id)))
      .orderBy(asc(workoutExercises.workoutId), asc(workoutExercises.position), asc(workoutSets.position));
    return { workouts: page, lines };
  }

  /** The rows of my other training data, for the JSON export. */
  async myData(userId: string) {
    const [customExercises, records, body, preferences, kudos, comments, prRooms] = await Promise.all([
      this.db.select().from(exercises).where(eq(exercises.ownerId, userId)),
      this.db.select().from(personalRecords).where(eq(personalRecords.userId, userId)).orderBy(asc(personalRecords.achievedAt)),
      this.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, userId)).orderBy(asc(bodyMeasurements.measuredAt)),
      this.db.select().from(workoutPreferences).where(eq(workoutPreferences.userId, userId)),
      this.db.select().from(workoutKudos).where(eq(workoutKudos.userId, userId)),
      this.db.select().from(workoutComments).where(and(eq(workoutComments.userId, userId), isNull(workoutComments.deletedAt))),
      this.prRooms(userId),
    ]);
    return { customExercises, records, body, preferences: preferences[0] ?? null, kudos, comments, prRooms };
  }

  /** Exercises a user may log, for the import's name matching: built-ins and theirs, not deleted. */
  async usableExercises(tx: Executor, userId: string) {
    return tx
      .select()
      .from(exercises)
      .where(and(isNull(exercises.deletedAt), or(isNull(exercises.ownerId), eq(exercises.ownerId, userId))));
  }

  async insertExercise(tx: Executor, row: typeof exercises.$inferInsert) {
    const [created] = await tx.insert(exercises).values(row).returning();
    return created!;
  }

  /**
   * Serialises one user's imports until the transaction ends: the second of two imports of
   * the same file sent at once then sees the first one's workouts and adds nothing, instead
   * of colliding with it on the unique client_id.
   */
  async lockImports(tx: Executor, userId: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`workouts-import:${userId}`}, 0))`);
  }

  async existingClientIds(tx: Executor, userId: string, clientIds: string[]): Promise<Set<string>> {
    if (!clientIds.length) return new Set();
    const rows = await tx
      .select({ clientId: workouts.clientId })
      .from(workouts)
      .where(and(eq(workouts.userId, userId), inArray(workouts.clientId, clientIds)));
    return new Set(rows.map((r) => r.clientId));
  }
}
