import { useInfiniteQuery } from '@tanstack/react-query';
import { type AuditFilter, adminKeys, fetchAuditLog } from '../api/admin.api';

export function useAuditLog(filter: AuditFilter) {
  const query = useInfiniteQuery({
    queryKey: adminKeys.audit(filter),
    queryFn: ({ pageParam, signal }) => fetchAuditLog(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  return { ...query, entries: query.data?.pages.flatMap((p) => p.items) ?? [] };
}
