import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchMutualRooms, fetchPerson, peopleKeys, type PersonSummary } from '../api/people.api';

/** The card's data: the fresh profile (custom status, bio) over what the opener knew, and the groups we share. */
export function usePersonCard(user: PersonSummary, open: boolean) {
  const profile = useQuery({ queryKey: peopleKeys.user(user.id), queryFn: ({ signal }) => fetchPerson(user.id, signal), enabled: open, staleTime: 0 });
  const rooms = useInfiniteQuery({
    queryKey: peopleKeys.mutualRooms(user.id),
    queryFn: ({ pageParam, signal }) => fetchMutualRooms(user.id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    enabled: open,
    staleTime: 10_000,
  });
  return {
    user: (profile.data ?? user) as PersonSummary,
    rooms: rooms.data?.pages.flatMap((p) => p.items) ?? [],
    roomsPending: rooms.isPending,
    hasMoreRooms: rooms.hasNextPage,
    moreRooms: () => void rooms.fetchNextPage(),
    error: profile.error ?? rooms.error,
  };
}
