import { Injectable } from '@nestjs/common';
import { roleRank, type UserRole } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { FriendsPolicy } from '../friends/friends.policy';
import { ChatRepository, type ChatroomRow, type MessageRow, type ParticipantRow } from './chat.repository';

/** Who is acting: the user and their platform role. */
export interface ChatActor {
  userId: string;
  role: UserRole;
}

const ROOM_NOT_FOUND = 'Chatroom';
/** Rooms whose kind (group, or the DM's pair) this instance remembers; a room's kind never changes. */
const ROOM_KINDS_MAX = 10_000;

/**
 * Who may do what to which room or message: the one place the chat service (REST and
 * socket alike) asks. Not being a member reads as "no such room", so the existence of
 * other people's rooms is never revealed.
 */
@Injectable()
export class ChatPolicy {
  /** room id → its DM key, or null for a group: saves the send path a query per message. */
  private readonly roomKinds = new Map<string, string | null>();

  constructor(
    private readonly repository: ChatRepository,
    private readonly friends: FriendsPolicy,
  ) {}

  /**
   * Opening a new DM, or putting people into a group (which shows them my presence and
   * me theirs): only people each of them accepts DMs from (no block either way, and
   * their "DMs from friends only" setting). 403 with the reason otherwise.
   */
  async mayReach(userId: string, otherIds: string[]): Promise<void> {
    await this.friends.assertMayDmAll(userId, otherIds);
  }

  /** An existing DM: a block either way stops new messages in it. */
  async mayWriteInDm(userId: string, dmKey: string): Promise<void> {
    const ids = dmKey.split(':');
    if (!ids.includes(userId)) return;
    const other = ids.find((id) => id !== userId);
    if (other) await this.friends.assertNotBlocked(userId, other);
  }

  /** Sending into a room: in a DM, a block either way refuses it (membership is checked with the insert). */
  async maySend(userId: string, roomId: string): Promise<void> {
    let dmKey = this.roomKinds.get(roomId);
    if (dmKey === undefined) {
      const room = await this.repository.findRoom(roomId);
      // An unknown room is not remembered: the send's membership check answers 404.
      if (!room) return;
      dmKey = room.isGroup ? null : room.dmKey;
      if (this.roomKinds.size >= ROOM_KINDS_MAX) this.roomKinds.delete(this.roomKinds.keys().next().value!);
      this.roomKinds.set(roomId, dmKey);
    }
    if (dmKey) await this.mayWriteInDm(userId, dmKey);
  }

  async member(userId: string, roomId: string): Promise<{ room: ChatroomRow; membership: ParticipantRow }> {
    const membership = await this.repository.findMembership(roomId, userId);
    const room = membership ? await this.repository.findRoom(roomId) : undefined;
    if (!membership || !room) throw AppError.notFound(ROOM_NOT_FOUND);
    return { room, membership };
  }

  /**
   * Who may read a room's history: a member, all of it; someone the owner removed (until
   * they dismiss it), up to the removal's system line. Anyone else: no such room.
   */
  async reader(userId: string, roomId: string): Promise<{ upToSeq?: number; lastReadSeq: number }> {
    const membership = await this.repository.findMembership(roomId, userId);
    if (membership) return { lastReadSeq: membership.lastReadSeq };
    const removal = await this.repository.findRemoval(roomId, userId);
    if (!removal) throw AppError.notFound(ROOM_NOT_FOUND);
    return { upToSeq: removal.removedSeq ?? 0, lastReadSeq: removal.lastReadSeq };
  }

  /** Why someone without a membership may not write: removed by the owner (403), or no such room for them (404). */
  async notMemberError(roomId: string, userId: string, tx?: Parameters<ChatRepository['findRemoval']>[2]): Promise<AppError> {
    return (await this.repository.findRemoval(roomId, userId, tx)) ? AppError.forbidden('You were removed from this group') : AppError.notFound(ROOM_NOT_FOUND);
  }

  async ownerOfGroup(userId: string, roomId: string): Promise<{ room: ChatroomRow; membership: ParticipantRow }> {
    const found = await this.member(userId, roomId);
    if (!found.room.isGroup) throw AppError.forbidden('A DM has no owner');
    if (found.membership.role !== 'owner') throw AppError.forbidden('Only the owner may do that');
    return found;
  }

  /** A message in one of my rooms. */
  async visibleMessage(userId: string, messageId: string): Promise<MessageRow> {
    const row = await this.repository.findMessage(messageId);
    if (!row || !(await this.repository.findMembership(row.chatroomId, userId))) throw AppError.notFound('Message');
    return row;
  }

  async editableMessage(actor: ChatActor, messageId: string): Promise<MessageRow> {
    const row = await this.visibleMessage(actor.userId, messageId);
    if (row.kind === 'system') throw AppError.forbidden('A system line cannot be edited');
    if (row.senderId !== actor.userId) throw AppError.forbidden('Only the author edits a message');
    if (row.deletedAt) throw AppError.notFound('Message');
    return row;
  }

  /** A live message of one of my rooms that people write (a system line takes no reactions). */
  async reactableMessage(userId: string, messageId: string): Promise<MessageRow> {
    const row = await this.visibleMessage(userId, messageId);
    if (row.deletedAt) throw AppError.notFound('Message');
    if (row.kind === 'system') throw AppError.forbidden('A system line takes no reactions');
    return row;
  }

  /** The author, the group's owner, or a moderator (any message, in any room); a system line stays. */
  async deletableMessage(actor: ChatActor, messageId: string): Promise<MessageRow> {
    if (roleRank[actor.role] >= roleRank.moderator) {
      const row = await this.repository.findMessage(messageId);
      if (!row) throw AppError.notFound('Message');
      if (row.kind === 'system') throw AppError.forbidden('A system line cannot be deleted');
      return row;
    }
    const row = await this.visibleMessage(actor.userId, messageId);
    if (row.kind === 'system') throw AppError.forbidden('A system line cannot be deleted');
    if (row.senderId === actor.userId) return row;
    const membership = await this.repository.findMembership(row.chatroomId, actor.userId);
    if (membership?.role !== 'owner') throw AppError.forbidden('Only the author, the room owner or a moderator deletes a message');
    return row;
  }
}
