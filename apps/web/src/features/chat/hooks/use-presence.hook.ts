import type { PresenceStatus } from '@discordgym/contracts';
import { useQuery } from '@tanstack/react-query';
import { chatKeys } from '../api/chat.api';
import type { PresenceMap } from '../api/chat-cache';

const EMPTY: PresenceMap = {};

/** Everyone's status as the socket last told it; anybody not in the map is offline. */
export function usePresenceMap(): PresenceMap {
  const query = useQuery<PresenceMap>({ queryKey: chatKeys.presence, queryFn: () => EMPTY, initialData: EMPTY, staleTime: Infinity, gcTime: Infinity });
  return query.data;
}

export function usePresence(userId: string | null | undefined): PresenceStatus {
  const map = usePresenceMap();
  return (userId && map[userId]?.status) || 'offline';
}
