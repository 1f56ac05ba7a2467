import type { AccountStatus, BanBody, UserRole } from '@discordgym/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useDebounced } from '../../../lib/use-debounced.hook';
import { adminKeys, banUser, fetchAdminUsers, setUserRole, unbanUser, type UserFilter } from '../api/admin.api';

/** The users table: search as one types, a status filter, pages fetched on demand (keyset). */
export function useAdminUsers(text: string, status: AccountStatus | undefined) {
  const q = useDebounced(text.trim(), 250);
  const filter: UserFilter = { ...(q ? { q } : {}), ...(status ? { status } : {}) };
  const query = useInfiniteQuery({
    queryKey: adminKeys.users(filter),
    queryFn: ({ pageParam, signal }) => fetchAdminUsers(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  return { ...query, users: query.data?.pages.flatMap((p) => p.items) ?? [] };
}

/** Role, ban and unban: each refreshes every admin list (the audit log gains an entry too). */
export function useUserActions() {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: adminKeys.all });
  return {
    setRole: useMutation({ mutationFn: ({ id, role }: { id: string; role: UserRole }) => setUserRole(id, role), onSettled: settle }),
    ban: useMutation({ mutationFn: ({ id, body }: { id: string; body: BanBody }) => banUser(id, body), onSettled: settle }),
    unban: useMutation({ mutationFn: (id: string) => unbanUser(id), onSettled: settle }),
  };
}
