import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../../lib/use-debounced.hook';
import { chatKeys, searchMessages, searchPeople } from '../api/chat.api';

/** Full-text search over my rooms (or one room), as the user types; `fetchNextPage` pages on to the last hit. */
export function useMessageSearch(text: string, roomId: string | null) {
  const q = useDebounced(text.trim(), 250);
  const query = useInfiniteQuery({
    queryKey: chatKeys.search(q, roomId),
    queryFn: ({ pageParam, signal }) => searchMessages(q, roomId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  const pages = query.data?.pages ?? [];
  return { ...query, q, settling: text.trim() !== q, items: pages.flatMap((p) => p.items), total: pages[0]?.total ?? 0 };
}

/** People by name or handle, for a DM or a group. */
export function usePeopleSearch(text: string) {
  const q = useDebounced(text.trim(), 200);
  const query = useQuery({
    queryKey: chatKeys.people(q),
    queryFn: ({ signal }) => searchPeople(q, signal),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
  return { ...query, q };
}
