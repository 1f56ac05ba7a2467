import { Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  BlockedUser,
  BlockedUserPage,
  BlocksQuery,
  Friend,
  FriendPage,
  FriendRequest,
  FriendRequestPage,
  FriendRequestRemoved,
  FriendRequestsQuery,
  FriendsQuery,
  SendFriendRequestBody,
  SendFriendRequestResult,
  UserStatusChanged,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { DomainEvents } from '../../events/domain-events.service';
import type { Executor } from '../../infra/db/database';
import { PresenceRules } from '../../realtime/presence-rules';
import { PresenceService } from '../../realtime/presence.service';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { toPublicUser, UsersService } from '../users/users.service';
import { FriendsPolicy } from './friends.policy';
import { type FriendRequestRow, FriendsRepository, type UserRow } from './friends.repository';

/** Discord's cap: it bounds the presence audience and every "all my friends" query. */
export const FRIENDS_MAX = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const encodeCursor = (id: string): string => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID.test(id)) throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  return id;
}

type Asked =
  | { kind: 'created'; request: FriendRequestRow }
  | { kind: 'pending'; request: FriendRequestRow }
  | { kind: 'accepted'; request: FriendRequestRow; since: Date }
  | { kind: 'already_friends'; since: Date };

/**
 * Friend requests, friendships and blocks. Each change between two people runs in one
 * transaction under a lock on the pair, records its domain event there, and is told to
 * both of them (every device, any instance) only after it committed.
 */
@Injectable()
export class FriendsService implements OnModuleInit {
  constructor(
    private readonly repository: FriendsRepository,
    private readonly policy: FriendsPolicy,
    private readonly users: UsersService,
    private readonly presence: PresenceService,
    private readonly presenceRules: PresenceRules,
    private readonly emitter: RealtimeEmitter,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    // Friends see each other's presence without sharing a room; a block hides it both ways,
    // whatever else (a shared group) would show it.
    this.presenceRules.addSource((userId) => this.repository.friendIds(userId, FRIENDS_MAX));
    this.presenceRules.addFilter(async (userId, candidates) => {
      const blocked = await this.repository.blockedAmong(userId, candidates);
      return blocked.size ? candidates.filter((id) => !blocked.has(id)) : candidates;
    });
  }

  // ---- lists ----

  async friends(userId: string, query: FriendsQuery): Promise<FriendPage> {
    const rows = await this.repository.friendsPage(userId, decodeCursor(query.cursor), query.limit + 1);
    const page = rows.slice(0, query.limit);
    const statuses = await this.statusesFor(userId, page.map((r) => r.user.id));
    return {
      items: page.map((r) => toFriend(r.user, r.since, statuses)),
      next_cursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.user.id) : null,
    };
  }

  async requests(userId: string, query: FriendRequestsQuery): Promise<FriendRequestPage> {
    const rows = await this.repository.requestsPage(userId, query.direction, decodeCursor(query.cursor), query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => toFriendRequest(r.request, r.from, r.to, userId)),
      next_cursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.request.id) : null,
    };
  }

  async blocks(userId: string, query: BlocksQuery): Promise<BlockedUserPage> {
    const rows = await this.repository.blocksPage(userId, decodeCursor(query.cursor), query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({ user: toPublicUser(r.user), created_at: r.createdAt.toISOString() })),
      next_cursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.user.id) : null,
    };
  }

  // ---- requests ----

  /** `created` tells the controller to answer 201; everything else is 200. */
  async sendRequest(userId: string, body: SendFriendRequestBody): Promise<{ result: SendFriendRequestResult; created: boolean }> {
    const field = 'handle' in body ? 'handle' : 'user_id';
    const target = 'handle' in body ? await this.users.findForLogin({ handle: body.handle }) : await this.users.findById(body.user_id);
    if (!target) throw AppError.notFound('User');
    if (target.id === userId) {
      throw new AppError('VALIDATION_FAILED', 'You cannot send yourself a friend request', [{ path: field, message: 'that is you' }]);
    }
    const me = await this.requireUser(userId);

    const asked = await this.repository.transaction(async (tx): Promise<Asked> => {
      await this.repository.lockPair(tx, userId, target.id);
      const friends = await this.repository.areFriends(userId, target.id, tx);
      if (friends) return { kind: 'already_friends', since: friends.since };
      // They asked me first: asking back is accepting. (A block deletes every request
      // between the two under this same lock, so a reverse request means no block.)
      const reverse = await this.repository.findRequestBetween(tx, target.id, userId);
      if (reverse) return { kind: 'accepted', request: reverse, since: await this.befriend(tx, reverse) };
      const pending = await this.repository.findRequestBetween(tx, userId, target.id);
      if (pending) return { kind: 'pending', request: pending };
      await this.policy.assertMayRequest(userId, target, tx);
      const request = await this.repository.insertRequest(tx, { id: uuidv7(), fromUserId: userId, toUserId: target.id });
      await this.events.record(tx, 'friend.request.created', { request_id: request.id, from_user_id: userId, to_user_id: target.id });
      return { kind: 'created', request };
    });

    switch (asked.kind) {
      case 'created':
        this.events.kick();
        this.emitter.toUsers([target.id], 'friend-request', toFriendRequest(asked.request, me, target, target.id));
        this.emitter.toUsers([userId], 'friend-request', toFriendRequest(asked.request, me, target, userId));
        return { result: { outcome: 'requested', request: toFriendRequest(asked.request, me, target, userId) }, created: true };
      case 'pending':
        return { result: { outcome: 'requested', request: toFriendRequest(asked.request, me, target, userId) }, created: false };
      case 'accepted':
        return { result: { outcome: 'accepted', friend: await this.announceFriendship(asked.request, target, me, asked.since) }, created: false };
      case 'already_friends': {
        const statuses = await this.statusesFor(userId, [target.id]);
        return { result: { outcome: 'already_friends', friend: toFriend(target, asked.since, statuses) }, created: false };
      }
    }
  }

  /** Only the person asked accepts; answers them their new friend. */
  async accept(userId: string, requestId: string): Promise<Friend> {
    const { request, since } = await this.repository.transaction(async (tx) => {
      const request = await this.lockedRequest(tx, userId, requestId, 'to', 'Only the person asked accepts a friend request');
      return { request, since: await this.befriend(tx, request) };
    });
    const [from, me] = await Promise.all([this.requireUser(request.fromUserId), this.requireUser(userId)]);
    return this.announceFriendship(request, from, me, since);
  }

  async decline(userId: string, requestId: string): Promise<void> {
    const request = await this.repository.transaction(async (tx) => {
      const request = await this.lockedRequest(tx, userId, requestId, 'to', 'You sent this request: cancel it with DELETE /api/friends/requests/:id');
      await this.repository.deleteRequest(tx, request.id);
      return request;
    });
    this.announceRemovedRequests([request], 'declined');
  }

  async cancel(userId: string, requestId: string): Promise<void> {
    const request = await this.repository.transaction(async (tx) => {
      const request = await this.lockedRequest(tx, userId, requestId, 'from', 'This request was sent to you: decline it instead');
      await this.repository.deleteRequest(tx, request.id);
      return request;
    });
    this.announceRemovedRequests([request], 'cancelled');
  }

  // ---- friendships ----

  async removeFriend(userId: string, friendId: string): Promise<void> {
    const ended = await this.repository.transaction(async (tx) => {
      await this.repository.lockPair(tx, userId, friendId);
      return this.repository.deleteFriendship(tx, userId, friendId);
    });
    if (!ended) throw AppError.notFound('Friend');
    this.announceFriendshipEnded(userId, friendId);
    await this.presence.relationChanged(userId, friendId);
  }

  // ---- blocks ----

  /** Idempotent. Ends the friendship and every pending request between the two, then hides presence both ways. */
  async block(userId: string, targetId: string): Promise<BlockedUser> {
    const target = await this.otherUser(userId, targetId, 'block');
    const { row, ended, requests } = await this.repository.transaction(async (tx) => {
      await this.repository.lockPair(tx, userId, target.id);
      const row = await this.repository.insertBlock(tx, userId, target.id);
      const ended = await this.repository.deleteFriendship(tx, userId, target.id);
      const requests = await this.repository.deleteRequestsBetween(tx, userId, target.id);
      return { row, ended, requests };
    });
    if (ended) this.announceFriendshipEnded(userId, target.id);
    // To the blocked person this reads as a decline (of theirs) or a cancel (of mine).
    this.announceRemovedRequests(requests.filter((r) => r.toUserId === userId), 'declined');
    this.announceRemovedRequests(requests.filter((r) => r.fromUserId === userId), 'cancelled');
    await this.presence.relationChanged(userId, target.id);
    return { user: toPublicUser(target), created_at: row.createdAt.toISOString() };
  }

  /** Idempotent: unblocking someone not blocked changes nothing. */
  async unblock(userId: string, targetId: string): Promise<void> {
    const target = await this.otherUser(userId, targetId, 'unblock');
    const removed = await this.repository.transaction(async (tx) => {
      await this.repository.lockPair(tx, userId, target.id);
      return this.repository.deleteBlock(tx, userId, target.id);
    });
    if (removed) await this.presence.relationChanged(userId, target.id);
  }

  // ---- internals ----

  /** Inside a pair-locked transaction: the request becomes a friendship and its event. */
  private async befriend(tx: Executor, request: FriendRequestRow): Promise<Date> {
    const counts = await this.repository.friendCounts(tx, [request.fromUserId, request.toUserId]);
    if ([...counts.values()].some((n) => n >= FRIENDS_MAX)) {
      throw AppError.forbidden(`A friend list holds at most ${FRIENDS_MAX} people; one of yours is full`);
    }
    const since = await this.repository.insertFriendship(tx, request.fromUserId, request.toUserId);
    await this.repository.deleteRequest(tx, request.id);
    await this.events.record(tx, 'friend.request.accepted', {
      request_id: request.id,
      from_user_id: request.fromUserId,
      to_user_id: request.toUserId,
    });
    return since;
  }

  /**
   * The request, re-read under the pair's lock (a decline, a cancel or a block may have
   * taken it meanwhile). Not one of mine reads as "no such request"; mine from the wrong
   * side is a 403 that says what to do instead.
   */
  private async lockedRequest(tx: Executor, userId: string, requestId: string, mySide: 'from' | 'to', wrongSide: string): Promise<FriendRequestRow> {
    const found = await this.repository.findRequest(requestId, tx);
    if (!found || (found.fromUserId !== userId && found.toUserId !== userId)) throw AppError.notFound('Friend request');
    if ((mySide === 'to' ? found.toUserId : found.fromUserId) !== userId) throw AppError.forbidden(wrongSide);
    await this.repository.lockPair(tx, found.fromUserId, found.toUserId);
    const request = await this.repository.findRequest(requestId, tx);
    if (!request) throw AppError.notFound('Friend request');
    return request;
  }

  /** After commit: the request is gone, both are friends, both see each other's presence. */
  private async announceFriendship(request: FriendRequestRow, from: UserRow, to: UserRow, since: Date): Promise<Friend> {
    this.events.kick();
    const removed: FriendRequestRemoved = { id: request.id, from_user_id: from.id, to_user_id: to.id, reason: 'accepted' };
    this.emitter.toUsers([from.id, to.id], 'friend-request-removed', removed);
    const [fromStatus, toStatus] = await Promise.all([this.statusesFor(to.id, [from.id]), this.statusesFor(from.id, [to.id])]);
    this.emitter.toUsers([from.id], 'friend-added', toFriend(to, since, toStatus));
    const forAcceptor = toFriend(from, since, fromStatus);
    this.emitter.toUsers([to.id], 'friend-added', forAcceptor);
    await this.presence.relationChanged(from.id, to.id);
    // The answer goes to whoever accepted (the request's recipient).
    return forAcceptor;
  }

  private announceFriendshipEnded(a: string, b: string): void {
    this.emitter.toUsers([a], 'friend-removed', { user_id: b });
    this.emitter.toUsers([b], 'friend-removed', { user_id: a });
  }

  private announceRemovedRequests(requests: FriendRequestRow[], reason: FriendRequestRemoved['reason']): void {
    for (const r of requests) {
      this.emitter.toUsers([r.fromUserId, r.toUserId], 'friend-request-removed', { id: r.id, from_user_id: r.fromUserId, to_user_id: r.toUserId, reason });
    }
  }

  private async statusesFor(viewerId: string, userIds: string[]): Promise<Map<string, UserStatusChanged>> {
    const statuses = await this.presence.statusesVisibleTo(viewerId, userIds);
    return new Map(statuses.map((s) => [s.user_id, s]));
  }

  private async requireUser(id: string): Promise<UserRow> {
    const row = await this.users.findById(id);
    if (!row) throw AppError.notFound('User');
    return row;
  }

  private async otherUser(userId: string, targetId: string, what: 'block' | 'unblock'): Promise<UserRow> {
    if (targetId === userId) throw new AppError('VALIDATION_FAILED', `You cannot ${what} yourself`, [{ path: 'userId', message: 'that is you' }]);
    return this.requireUser(targetId);
  }
}

function toFriend(user: UserRow, since: Date, statuses: Map<string, UserStatusChanged>): Friend {
  const state = statuses.get(user.id);
  return { user: toPublicUser(user), status: state?.status ?? 'offline', last_seen: state?.last_seen ?? null, since: since.toISOString() };
}

function toFriendRequest(row: FriendRequestRow, from: UserRow, to: UserRow, viewerId: string): FriendRequest {
  return {
    id: row.id,
    from: toPublicUser(from),
    to: toPublicUser(to),
    direction: row.toUserId === viewerId ? 'incoming' : 'outgoing',
    created_at: row.createdAt.toISOString(),
  };
}
