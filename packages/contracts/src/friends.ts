import { z } from 'zod';
import { Id, IsoDate } from './common';
// A value import of events.ts; events.ts imports only types from here, so there is no cycle at run time.
import { PresenceStatus } from './events';
import { Handle, PublicUser } from './users';

/** The largest page of friends, requests or blocked people one call answers. */
export const FRIENDS_PAGE_MAX = 100;
export const FRIENDS_PAGE_DEFAULT = 50;

const pageQuery = {
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FRIENDS_PAGE_MAX).default(FRIENDS_PAGE_DEFAULT),
};

/** A friend with their status as I may see it right now (live updates follow on the socket). */
export const Friend = z
  .object({
    user: PublicUser,
    status: PresenceStatus,
    last_seen: IsoDate.nullable(),
    /** When we became friends. */
    since: IsoDate,
  })
  .meta({ id: 'Friend' });
export type Friend = z.infer<typeof Friend>;

export const FriendPage = z.object({ items: z.array(Friend), next_cursor: z.string().nullable() }).meta({ id: 'FriendPage' });
export type FriendPage = z.infer<typeof FriendPage>;

export const FriendsQuery = z.strictObject(pageQuery);
export type FriendsQuery = z.infer<typeof FriendsQuery>;

export const FriendRequestDirection = z.enum(['incoming', 'outgoing']);
export type FriendRequestDirection = z.infer<typeof FriendRequestDirection>;

/** A pending request; `direction` is as the one reading it sees it (incoming: sent to me). */
export const FriendRequest = z
  .object({
    id: Id,
    from: PublicUser,
    to: PublicUser,
    direction: FriendRequestDirection,
    created_at: IsoDate,
  })
  .meta({ id: 'FriendRequest' });
export type FriendRequest = z.infer<typeof FriendRequest>;

export const FriendRequestPage = z
  .object({ items: z.array(FriendRequest), next_cursor: z.string().nullable() })
  .meta({ id: 'FriendRequestPage' });
export type FriendRequestPage = z.infer<typeof FriendRequestPage>;

/** Both directions, newest first, unless `direction` narrows it. */
export const FriendRequestsQuery = z.strictObject({ direction: FriendRequestDirection.optional(), ...pageQuery });
export type FriendRequestsQuery = z.infer<typeof FriendRequestsQuery>;

/** Whom to ask: by handle (`name#1234`, what people tell each other) or by id. */
export const SendFriendRequestBody = z
  .union([z.strictObject({ handle: Handle }), z.strictObject({ user_id: Id })])
  .meta({ id: 'SendFriendRequestBody' });
export type SendFriendRequestBody = z.infer<typeof SendFriendRequestBody>;

/**
 * What asking did: a new (or the already pending) request; an accept, because they had
 * asked me first; or nothing, because we are friends already.
 */
export const SendFriendRequestResult = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('requested'), request: FriendRequest }),
    z.object({ outcome: z.literal('accepted'), friend: Friend }),
    z.object({ outcome: z.literal('already_friends'), friend: Friend }),
  ])
  .meta({ id: 'SendFriendRequestResult' });
export type SendFriendRequestResult = z.infer<typeof SendFriendRequestResult>;

export const FriendRequestIdParams = z.strictObject({ id: Id });
export const FriendUserParams = z.strictObject({ userId: Id });

export const BlockedUser = z.object({ user: PublicUser, created_at: IsoDate }).meta({ id: 'BlockedUser' });
export type BlockedUser = z.infer<typeof BlockedUser>;

export const BlockedUserPage = z
  .object({ items: z.array(BlockedUser), next_cursor: z.string().nullable() })
  .meta({ id: 'BlockedUserPage' });
export type BlockedUserPage = z.infer<typeof BlockedUserPage>;

export const BlocksQuery = z.strictObject(pageQuery);
export type BlocksQuery = z.infer<typeof BlocksQuery>;

// ---- live events (server → client), to both people on any instance ----

/** Why a pending request went away. A block reads as a decline (or a cancel) to the other side. */
export const FriendRequestRemoved = z.object({
  id: Id,
  from_user_id: Id,
  to_user_id: Id,
  reason: z.enum(['accepted', 'declined', 'cancelled']),
});
export type FriendRequestRemoved = z.infer<typeof FriendRequestRemoved>;

/** The other person is no longer my friend (removed by either side, or a block). */
export const FriendRemoved = z.object({ user_id: Id });
export type FriendRemoved = z.infer<typeof FriendRemoved>;
