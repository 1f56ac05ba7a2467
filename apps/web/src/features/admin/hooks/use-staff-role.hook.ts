import { roleRank, type UserRole } from '@discordgym/contracts';
import { useMe } from '../../auth/hooks/use-me.hook';

/** The signed-in user's platform role, and what it opens in the admin area. */
export function useStaffRole(): { loading: boolean; role: UserRole | undefined; isStaff: boolean; isAdmin: boolean } {
  const me = useMe();
  const role = me.data?.role;
  return {
    loading: me.isPending,
    role,
    isStaff: role !== undefined && roleRank[role] >= roleRank.moderator,
    isAdmin: role === 'admin',
  };
}
