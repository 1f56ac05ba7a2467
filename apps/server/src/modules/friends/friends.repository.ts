import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Database, type Db, type Executor } from '../../infra/db/database';
import { blocks, friendRequests, friendships, users } from '../../infra/db/schema';

export type UserRow = typeof users.$inferSelect;
export type FriendRequestRow = typeof friendRequests.$inferSelect;
export type BlockRow = typeof blocks.$inferSelect;

export interface FriendRequestWithUsers {
  request: FriendRequestRow;
  from: UserRow;
  to: UserRow;
}

const fromUser = alias(users, 'from_user');
const toUser = alias(users, 'to_user');

/** Every query of friends and blocking. Friendships are stored in both directions. */
@Injectable()
export class FriendsRepository {
  constructor(private readonly database: Database) {}

  private get db(): Db {
    return this.database.db;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Executor));
  }

  /**
   * Serialises every change between these two people (request, accept, block) until the
   * transaction ends: two people asking each other at the same moment make one friendship,
   * not two crossed requests.
   */
  async lockPair(tx: Executor, a: string, b: string): Promise<void> {
    const key = `friends:${[a, b].sort().join(':')}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }

  async usersByIds(ids: string[]): Promise<UserRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(users).where(inArray(users.id, ids));
  }

  // ---- friendships ----

  async areFriends(a: string, b: string, tx: Executor = this.db): Promise<{ since: Date } | undefined> {
    const [row] = await tx
      .select({ since: friendships.createdAt })
      .from(friendships)
      .where(and(eq(friendships.userId, a), eq(friendships.friendId, b)))
      .limit(1);
    return row;
  }

  /** Of `candidates`, those who are friends of `userId`. */
  async friendsAmong(userId: string, candidates: string[]): Promise<string[]> {
    if (!candidates.length) return [];
    const rows = await this.db
      .select({ id: friendships.friendId })
      .from(friendships)
      .where(and(eq(friendships.userId, userId), inArray(friendships.friendId, candidates)));
    return rows.map((r) => r.id);
  }

  /** Friend ids, at most `limit` (the friend list is capped, so this is all of them). */
  async friendIds(userId: string, limit: number): Promise<string[]> {
    const rows = await this.db.select({ id: friendships.friendId }).from(friendships).where(eq(friendships.userId, userId)).limit(limit);
    return rows.map((r) => r.id);
  }

  async friendCounts(tx: Executor, userIds: string[]): Promise<Map<string, number>> {
    const rows = await tx
      .select({ userId: friendships.userId, n: count() })
      .from(friendships)
      .where(inArray(friendships.userId, userIds))
      .groupBy(friendships.userId);
    return new Map(rows.map((r) => [r.userId, r.n]));
  }

  /** Whether `a` and `b` have a friend in common. */
  async haveMutualFriend(a: string, b: string, tx: Executor = this.db): Promise<boolean> {
    const theirs = alias(friendships, 'theirs');
    const [row] = await tx
      .select({ id: friendships.friendId })
      .from(friendships)
      .innerJoin(theirs, and(eq(theirs.friendId, friendships.friendId), eq(theirs.userId, b)))
      .where(eq(friendships.userId, a))
      .limit(1);
    return row !== undefined;
  }

  async insertFriendship(tx: Executor, a: string, b: string): Promise<Date> {
    const now = new Date();
    await tx
      .insert(friendships)
      .values([
        { userId: a, friendId: b, createdAt: now },
        { userId: b, friendId: a, createdAt: now },
      ])
      .onConflictDoNothing();
    return now;
  }

  /** true when there was a friendship to end. */
  async deleteFriendship(tx: Executor, a: string, b: string): Promise<boolean> {
    const deleted = await tx
      .delete(friendships)
      .where(or(and(eq(friendships.userId, a), eq(friendships.friendId, b)), and(eq(friendships.userId, b), eq(friendships.friendId, a))))
      .returning({ userId: friendships.userId });
    return deleted.length > 0;
  }

  /** My friends by friend id (keyset), with their accounts. */
  async friendsPage(userId: string, afterFriendId: string | undefined, limit: number): Promise<{ user: UserRow; since: Date }[]> {
    return this.db
      .select({ user: users, since: friendships.createdAt })
      .from(friendships)
      .innerJoin(users, eq(users.id, friendships.friendId))
      .where(and(eq(friendships.userId, userId), afterFriendId ? gt(friendships.friendId, afterFriendId) : undefined))
      .orderBy(asc(friendships.friendId))
      .limit(limit);
  }

  // ---- requests ----

  async findRequest(id: string, tx: Executor = this.db): Promise<FriendRequestRow | undefined> {
    const [row] = await tx.select().from(friendRequests).where(eq(friendRequests.id, id)).limit(1);
    return row;
  }

  async findRequestBetween(tx: Executor, fromUserId: string, toUserId: string): Promise<FriendRequestRow | undefined> {
    const [row] = await tx
      .select()
      .from(friendRequests)
      .where(and(eq(friendRequests.fromUserId, fromUserId), eq(friendRequests.toUserId, toUserId)))
      .limit(1);
    return row;
  }

  async insertRequest(tx: Executor, row: { id: string; fromUserId: string; toUserId: string }): Promise<FriendRequestRow> {
    const [created] = await tx.insert(friendRequests).values(row).returning();
    return created!;
  }

  async deleteRequest(tx: Executor, id: string): Promise<boolean> {
    const deleted = await tx.delete(friendRequests).where(eq(friendRequests.id, id)).returning({ id: friendRequests.id });
    return deleted.length > 0;
  }

  /** Every pending request between the two, either direction; returns what was deleted. */
  async deleteRequestsBetween(tx: Executor, a: string, b: string): Promise<FriendRequestRow[]> {
    return tx
      .delete(friendRequests)
      .where(
        or(
          and(eq(friendRequests.fromUserId, a), eq(friendRequests.toUserId, b)),
          and(eq(friendRequests.fromUserId, b), eq(friendRequests.toUserId, a)),
        ),
      )
      .returning();
  }

  /** Requests to and/or from me, newest first, keyset on the (time-ordered) id. */
  async requestsPage(
    userId: string,
    direction: 'incoming' | 'outgoing' | undefined,
    beforeId: string | undefined,
    limit: number,
  ): Promise<FriendRequestWithUsers[]> {
    const mine =
      direction === 'incoming'
        ? eq(friendRequests.toUserId, userId)
        : direction === 'outgoing'
          ? eq(friendRequests.fromUserId, userId)
          : or(eq(friendRequests.toUserId, userId), eq(friendRequests.fromUserId, userId));
    return this.db
      .select({ request: friendRequests, from: fromUser, to: toUser })
      .from(friendRequests)
      .innerJoin(fromUser, eq(fromUser.id, friendRequests.fromUserId))
      .innerJoin(toUser, eq(toUser.id, friendRequests.toUserId))
      .where(and(mine, beforeId ? lt(friendRequests.id, beforeId) : undefined))
      .orderBy(desc(friendRequests.id))
      .limit(limit);
  }

  // ---- blocks ----

  /** Inserts the block unless it exists; answers the row either way. */
  async insertBlock(tx: Executor, blockerId: string, blockedId: string): Promise<BlockRow> {
    await tx.insert(blocks).values({ blockerId, blockedId }).onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(blocks)
      .where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)))
      .limit(1);
    return row!;
  }

  async deleteBlock(tx: Executor, blockerId: string, blockedId: string): Promise<boolean> {
    const deleted = await tx
      .delete(blocks)
      .where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)))
      .returning({ blockerId: blocks.blockerId });
    return deleted.length > 0;
  }

  /** Which ways a block stands between `a` and `b`. */
  async blocksBetween(a: string, b: string, tx: Executor = this.db): Promise<{ aBlockedB: boolean; bBlockedA: boolean }> {
    const rows = await tx
      .select({ blockerId: blocks.blockerId })
      .from(blocks)
      .where(or(and(eq(blocks.blockerId, a), eq(blocks.blockedId, b)), and(eq(blocks.blockerId, b), eq(blocks.blockedId, a))));
    return { aBlockedB: rows.some((r) => r.blockerId === a), bBlockedA: rows.some((r) => r.blockerId === b) };
  }

  /** Of `candidates`, those with a block between them and `userId` (either way). */
  async blockedAmong(userId: string, candidates: string[]): Promise<Set<string>> {
    if (!candidates.length) return new Set();
    const [mine, theirs] = await Promise.all([
      this.db
        .select({ id: blocks.blockedId })
        .from(blocks)
        .where(and(eq(blocks.blockerId, userId), inArray(blocks.blockedId, candidates))),
      this.db
        .select({ id: blocks.blockerId })
        .from(blocks)
        .where(and(eq(blocks.blockedId, userId), inArray(blocks.blockerId, candidates))),
    ]);
    return new Set([...mine, ...theirs].map((r) => r.id));
  }

  /** People I blocked, by their id (keyset). */
  async blocksPage(userId: string, afterBlockedId: string | undefined, limit: number): Promise<{ user: UserRow; createdAt: Date }[]> {
    return this.db
      .select({ user: users, createdAt: blocks.createdAt })
      .from(blocks)
      .innerJoin(users, eq(users.id, blocks.blockedId))
      .where(and(eq(blocks.blockerId, userId), afterBlockedId ? gt(blocks.blockedId, afterBlockedId) : undefined))
      .orderBy(asc(blocks.blockedId))
      .limit(limit);
  }
}
