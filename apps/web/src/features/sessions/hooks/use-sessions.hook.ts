import type { Session } from '@discordgym/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSessions, revokeOtherSessions, revokeSession, sessionKeys } from '../api/sessions.api';

export interface SessionGroups {
  current: Session | null;
  others: Session[];
}

/** The device in hand first, then the others by last use, most recent on top. */
export const groupSessions = (items: readonly Session[]): SessionGroups => ({
  current: items.find((s) => s.current) ?? null,
  others: items.filter((s) => !s.current).sort((a, b) => b.last_used_at.localeCompare(a.last_used_at)),
});

export function useSessions() {
  return useQuery({
    queryKey: sessionKeys.list,
    queryFn: ({ signal }) => fetchSessions(signal),
    select: (data) => groupSessions(data.items),
    // Devices come and go elsewhere; look again whenever the user comes back to the tab.
    refetchOnWindowFocus: 'always',
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.list }),
  });
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeOtherSessions,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.list }),
  });
}
