import { useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../../lib/use-debounced.hook';
import { chatKeys, searchMessages, searchPeople } from '../api/chat.api';

/** Full-text search over my rooms (or one room), as the user types. */
export function useMessageSearch(text: string, roomId: string | null) {
  const q = useDebounced(text.trim(), 250);
  const query = useQuery({
    queryKey: chatKeys.search(q, roomId),
    queryFn: ({ signal }) => searchMessages(q, roomId, signal),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  return { ...query, q, settling: text.trim() !== q };
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
