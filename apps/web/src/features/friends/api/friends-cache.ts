import type { BlockedUser, Friend, FriendRequest, PublicUser, UserStatusChanged } from '@discordgym/contracts';

const byName = (a: Friend, b: Friend): number =>
  (a.user.display_name ?? a.user.username).localeCompare(b.user.display_name ?? b.user.username);

/** Online first, then away, then offline; by name within each. */
const STATUS_ORDER = { online: 0, dnd: 1, away: 2, offline: 3 } as const;
export const sortFriends = (items: readonly Friend[]): Friend[] =>
  [...items].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b));

/** A new friend, or a fresher copy of one (events may repeat). */
export const friendsWith = (list: readonly Friend[], friend: Friend): Friend[] =>
  sortFriends([...list.filter((f) => f.user.id !== friend.user.id), friend]);

export const friendsWithout = (list: readonly Friend[], userId: string): Friend[] => list.filter((f) => f.user.id !== userId);

/** A status from the socket; only friends' entries change, anyone else's is not in this list. */
export function friendsWithStatus(list: readonly Friend[], status: UserStatusChanged): readonly Friend[] {
  const friend = list.find((f) => f.user.id === status.user_id);
  if (!friend || (friend.status === status.status && friend.last_seen === status.last_seen)) return list;
  return sortFriends(list.map((f) => (f === friend ? { ...f, status: status.status, last_seen: status.last_seen } : f)));
}

/** A friend's profile changed (`user-updated`): their entry shows the new name, avatar and bio. */
export function friendsWithUser(list: readonly Friend[], user: PublicUser): readonly Friend[] {
  if (!list.some((f) => f.user.id === user.id)) return list;
  return sortFriends(list.map((f) => (f.user.id === user.id ? { ...f, user } : f)));
}

/** Out of touch with the server: nobody's status is known until it tells them again. */
export const friendsAllOffline = (list: readonly Friend[]): Friend[] => sortFriends(list.map((f) => (f.status === 'offline' ? f : { ...f, status: 'offline' })));

/** Newest first, one entry per id. */
export const requestsWith = (list: readonly FriendRequest[], request: FriendRequest): FriendRequest[] =>
  [request, ...list.filter((r) => r.id !== request.id)].sort((a, b) => b.id.localeCompare(a.id));

export const requestsWithout = (list: readonly FriendRequest[], id: string): FriendRequest[] => list.filter((r) => r.id !== id);

/** Requests between me and this person (a block ends them). */
export const requestsWithoutUser = (list: readonly FriendRequest[], userId: string): FriendRequest[] =>
  list.filter((r) => r.from.id !== userId && r.to.id !== userId);

export const blocksWith = (list: readonly BlockedUser[], blocked: BlockedUser): BlockedUser[] =>
  [...list.filter((b) => b.user.id !== blocked.user.id), blocked].sort((a, b) => a.user.id.localeCompare(b.user.id));

export const blocksWithout = (list: readonly BlockedUser[], userId: string): BlockedUser[] => list.filter((b) => b.user.id !== userId);
