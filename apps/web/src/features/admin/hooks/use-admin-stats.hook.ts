import { useQuery } from '@tanstack/react-query';
import { adminKeys, fetchAdminStats } from '../api/admin.api';

/** Refreshed every 15 s while the page is open: "online now" should stay roughly now. */
export const useAdminStats = () => useQuery({ queryKey: adminKeys.stats, queryFn: ({ signal }) => fetchAdminStats(signal), refetchInterval: 15_000 });
