import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import type { Executor } from '../../infra/db/database';
import { handleOf } from '../users/users.service';
import { FriendsRepository, type UserRow } from './friends.repository';

const YOU_BLOCKED_DM = 'You blocked this person; unblock them to write to them';
const YOU_BLOCKED_REQUEST = 'You blocked this person; unblock them before sending a friend request';
/**
 * One wording for "they blocked me" and "their settings say no", for DMs and for
 * requests alike: what the other person did is never revealed.
 */
const dmRefused = (user: Pick<UserRow, 'username' | 'discriminator'>) => `${handleOf(user)} does not accept direct messages from you`;
const requestRefused = (user: Pick<UserRow, 'username' | 'discriminator'>) => `${handleOf(user)} does not accept friend requests from you`;

/**
 * Who may reach whom: friend requests and direct messages, by blocks (both ways) and by
 * the privacy settings of the person reached. Chat asks here before opening a DM, adding
 * someone to a group or sending into a DM; the friends service asks before a request.
 */
@Injectable()
export class FriendsPolicy {
  constructor(private readonly repository: FriendsRepository) {}

  /** Throws FORBIDDEN unless `actorId` may open a DM with `targetId`. */
  async assertMayDm(actorId: string, targetId: string): Promise<void> {
    await this.assertMayDmAll(actorId, [targetId]);
  }

  /**
   * The same for several people at once (creating a group, adding people to one): being
   * put into a group shows my presence to its members, so it takes what a DM takes.
   */
  async assertMayDmAll(actorId: string, targetIds: string[]): Promise<void> {
    const targets = [...new Set(targetIds)].filter((id) => id !== actorId);
    if (!targets.length) return;
    const [blocked, rows] = await Promise.all([this.repository.blockedAmong(actorId, targets), this.repository.usersByIds(targets)]);
    const friendsOnly = rows.filter((u) => u.dmsFrom === 'friends' && !blocked.has(u.id));
    const friends = new Set(friendsOnly.length ? await this.repository.friendsAmong(actorId, friendsOnly.map((u) => u.id)) : []);
    const refused = rows.find((u) => blocked.has(u.id) || (u.dmsFrom === 'friends' && !friends.has(u.id)));
    if (!refused) return;
    if (blocked.has(refused.id) && (await this.repository.blocksBetween(actorId, refused.id)).aBlockedB) throw AppError.forbidden(YOU_BLOCKED_DM);
    throw AppError.forbidden(dmRefused(refused));
  }

  /** A block either way refuses messages in a DM the two already share. */
  async assertNotBlocked(actorId: string, otherId: string): Promise<void> {
    const { aBlockedB, bBlockedA } = await this.repository.blocksBetween(actorId, otherId);
    if (aBlockedB) throw AppError.forbidden(YOU_BLOCKED_DM);
    if (bBlockedA) {
      const [other] = await this.repository.usersByIds([otherId]);
      throw AppError.forbidden(other ? dmRefused(other) : 'This person does not accept direct messages from you');
    }
  }

  /** Throws FORBIDDEN unless `actorId` may ask `target` to be friends: blocks both ways, then their setting. */
  async assertMayRequest(actorId: string, target: UserRow, tx: Executor): Promise<void> {
    const { aBlockedB, bBlockedA } = await this.repository.blocksBetween(actorId, target.id, tx);
    if (aBlockedB) throw AppError.forbidden(YOU_BLOCKED_REQUEST);
    const refused =
      bBlockedA ||
      target.friendRequestsFrom === 'nobody' ||
      (target.friendRequestsFrom === 'friends_of_friends' && !(await this.repository.haveMutualFriend(actorId, target.id, tx)));
    if (refused) throw AppError.forbidden(requestRefused(target));
  }

  /** Before a request or its accept: a block either way stops both. */
  async blocksBetween(a: string, b: string, tx?: Executor): Promise<{ aBlockedB: boolean; bBlockedA: boolean }> {
    return this.repository.blocksBetween(a, b, tx);
  }
}
