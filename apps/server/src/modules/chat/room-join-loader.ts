import { Injectable } from '@nestjs/common';
import { TickBatcher } from '../../common/tick-batcher';
import { ChatRepository, type ChatroomRow, type ParticipantRow } from './chat.repository';

/**
 * What `join-room` reads, batched: a client joins all its rooms at once after connecting,
 * and a reconnect storm brings many clients at once, so the membership checks and member
 * lists asked for in one turn of the event loop are one query each instead of two and one
 * per join. Nothing is cached: each answer is read after its join arrived.
 */
@Injectable()
export class RoomJoinLoader {
  private readonly memberships = new TickBatcher<string, { room: ChatroomRow; membership: ParticipantRow }>(async (keys) => {
    const pairs = keys.map((key) => key.split(' ') as [string, string]);
    const rows = await this.repository.membershipsAmong([...new Set(pairs.map(([userId]) => userId))], [...new Set(pairs.map(([, roomId]) => roomId))]);
    return new Map(rows.map((row) => [pairKey(row.membership.userId, row.membership.chatroomId), row]));
  });

  private readonly members = new TickBatcher<string, string[]>(async (roomIds) => {
    const byRoom = new Map<string, string[]>(roomIds.map((id) => [id, []]));
    for (const row of await this.repository.participantIdsOf(roomIds)) byRoom.get(row.chatroomId)?.push(row.userId);
    return byRoom;
  });

  constructor(private readonly repository: ChatRepository) {}

  /** The room and the user's membership, or undefined when they are not a member now. */
  membership(userId: string, roomId: string): Promise<{ room: ChatroomRow; membership: ParticipantRow } | undefined> {
    return this.memberships.get(pairKey(userId, roomId));
  }

  async participantIds(roomId: string): Promise<string[]> {
    return (await this.members.get(roomId)) ?? [];
  }
}

const pairKey = (userId: string, roomId: string): string => `${userId} ${roomId}`;
