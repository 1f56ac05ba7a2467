import type { UnreadCount } from '@discordgym/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchInboxPage, fetchUnreadCount, markAllNotificationsRead, markNotificationRead, notificationKeys } from '../api/notifications.api';
import { type Inbox, inboxItems, inboxRead } from '../api/notification-cache';

/** Kept live by the socket (see useNotificationsLive); a refetch only reconciles. */
const LIVE_STALE_MS = 60_000;

export function useUnreadNotifications(): number {
  return useQuery({ queryKey: notificationKeys.unread, queryFn: ({ signal }) => fetchUnreadCount(signal), staleTime: LIVE_STALE_MS }).data?.count ?? 0;
}

/** The inbox, newest first, a page at a time. */
export function useInbox(enabled: boolean) {
  const query = useInfiniteQuery({
    queryKey: notificationKeys.inbox,
    queryFn: ({ pageParam, signal }) => fetchInboxPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: LIVE_STALE_MS,
    enabled,
  });
  return { ...query, items: inboxItems(query.data) };
}

function useApplyRead() {
  const queryClient = useQueryClient();
  return (ids: string[] | null, count: number): void => {
    const at = new Date().toISOString();
    queryClient.setQueryData<Inbox>(notificationKeys.inbox, (inbox) => (inbox ? inboxRead(inbox, ids, at) : inbox));
    queryClient.setQueryData<UnreadCount>(notificationKeys.unread, { count });
  };
}

export function useMarkNotificationRead() {
  const apply = useApplyRead();
  return useMutation({ mutationFn: (id: string) => markNotificationRead(id), onSuccess: ({ count }, id) => apply([id], count) });
}

export function useMarkAllNotificationsRead() {
  const apply = useApplyRead();
  return useMutation({ mutationFn: () => markAllNotificationsRead(), onSuccess: ({ count }) => apply(null, count) });
}
