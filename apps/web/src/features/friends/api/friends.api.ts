import {
  type BlockedUser,
  type Friend,
  FRIENDS_PAGE_MAX,
  type FriendRequest,
  type SendFriendRequestBody,
  type SendFriendRequestResult,
} from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export const friendsKeys = {
  all: ['friends'] as const,
  list: ['friends', 'list'] as const,
  requests: ['friends', 'requests'] as const,
  blocks: ['friends', 'blocks'] as const,
};

/**
 * Pages through a list by its cursor. A friend list holds at most 1000 people (the
 * server's cap), so ten pages of 100 are all of it; requests and blocks stop there too.
 */
const MAX_PAGES = 10;

async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    if (!result.next_cursor) break;
    cursor = result.next_cursor;
  }
  return items;
}

export const fetchFriends = (signal?: AbortSignal): Promise<Friend[]> =>
  allPages((cursor) => api('listFriends', { query: { limit: FRIENDS_PAGE_MAX, cursor }, signal }));

export const fetchFriendRequests = (signal?: AbortSignal): Promise<FriendRequest[]> =>
  allPages((cursor) => api('listFriendRequests', { query: { limit: FRIENDS_PAGE_MAX, cursor }, signal }));

export const fetchBlocks = (signal?: AbortSignal): Promise<BlockedUser[]> =>
  allPages((cursor) => api('listBlocks', { query: { limit: FRIENDS_PAGE_MAX, cursor }, signal }));

export const sendFriendRequest = (body: SendFriendRequestBody): Promise<SendFriendRequestResult> => api('sendFriendRequest', { body });

export const acceptFriendRequest = (id: string): Promise<Friend> => api('acceptFriendRequest', { params: { id } });

export const declineFriendRequest = (id: string): Promise<void> => api('declineFriendRequest', { params: { id } });

export const cancelFriendRequest = (id: string): Promise<void> => api('cancelFriendRequest', { params: { id } });

export const removeFriend = (userId: string): Promise<void> => api('removeFriend', { params: { userId } });

export const blockUser = (userId: string): Promise<BlockedUser> => api('blockUser', { params: { userId } });

export const unblockUser = (userId: string): Promise<void> => api('unblockUser', { params: { userId } });
