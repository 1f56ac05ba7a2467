import type { BlockedUser, Friend, FriendRequest } from '@discordgym/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchBlocks, fetchFriendRequests, fetchFriends, friendsKeys } from '../api/friends.api';
import { sortFriends } from '../api/friends-cache';

// Kept live by socket events (see FriendsLive); a refetch only reconciles after a reconnect.
const LIVE = { staleTime: 5 * 60_000 };

export const useFriends = () =>
  useQuery<Friend[]>({ queryKey: friendsKeys.list, queryFn: async ({ signal }) => sortFriends(await fetchFriends(signal)), ...LIVE });

export function useFriendRequests() {
  const query = useQuery<FriendRequest[]>({ queryKey: friendsKeys.requests, queryFn: ({ signal }) => fetchFriendRequests(signal), ...LIVE });
  const split = useMemo(() => {
    const items = query.data ?? [];
    return { incoming: items.filter((r) => r.direction === 'incoming'), outgoing: items.filter((r) => r.direction === 'outgoing') };
  }, [query.data]);
  return { ...query, ...split };
}

export const useBlocks = () => useQuery<BlockedUser[]>({ queryKey: friendsKeys.blocks, queryFn: ({ signal }) => fetchBlocks(signal), ...LIVE });

const NONE: ReadonlySet<string> = new Set();

/** The ids of the people I blocked (their messages in shared groups are collapsed). */
export function useBlockedIds(): ReadonlySet<string> {
  const blocks = useBlocks();
  return useMemo(() => (blocks.data ? new Set(blocks.data.map((b) => b.user.id)) : NONE), [blocks.data]);
}
