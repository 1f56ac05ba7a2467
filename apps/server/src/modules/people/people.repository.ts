import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Database } from '../../infra/db/database';
import { chatroomParticipants, chatrooms } from '../../infra/db/schema';

export interface MutualRoomRow {
  id: string;
  name: string | null;
  icon: string | null;
}

@Injectable()
export class PeopleRepository {
  constructor(private readonly database: Database) {}

  /** Groups where both are active members, by room id (keyset after `afterId`). */
  async mutualGroups(viewerId: string, otherId: string, afterId: string | undefined, limit: number): Promise<MutualRoomRow[]> {
    const mine = alias(chatroomParticipants, 'mine');
    const theirs = alias(chatroomParticipants, 'theirs');
    return this.database.db
      .select({ id: chatrooms.id, name: chatrooms.name, icon: chatrooms.icon })
      .from(chatrooms)
      .innerJoin(mine, and(eq(mine.chatroomId, chatrooms.id), eq(mine.userId, viewerId), isNull(mine.removedAt)))
      .innerJoin(theirs, and(eq(theirs.chatroomId, chatrooms.id), eq(theirs.userId, otherId), isNull(theirs.removedAt)))
      .where(and(eq(chatrooms.isGroup, true), afterId ? gt(chatrooms.id, afterId) : undefined))
      .orderBy(asc(chatrooms.id))
      .limit(limit);
  }
}
