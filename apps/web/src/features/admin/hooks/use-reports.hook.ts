import type { ReportStatus, ResolveReportBody } from '@discordgym/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { adminKeys, fetchReports, resolveReport } from '../api/admin.api';

export function useReports(status: ReportStatus) {
  const query = useInfiniteQuery({
    queryKey: adminKeys.reports(status),
    queryFn: ({ pageParam, signal }) => fetchReports(status, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  return { ...query, reports: query.data?.pages.flatMap((p) => p.items) ?? [] };
}

export function useResolveReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveReportBody }) => resolveReport(id, body),
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.all }),
  });
}
