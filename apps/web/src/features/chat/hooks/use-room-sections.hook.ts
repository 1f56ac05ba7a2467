import type { Chatroom } from '@discordgym/contracts';
import { useMemo } from 'react';
import { useRooms } from './use-rooms.hook';

/** The sidebar's order: DMs, then groups, each most recently active first. */
export function useRoomSections() {
  const rooms = useRooms();
  const sections = useMemo(() => {
    const items: Chatroom[] = rooms.data?.items ?? [];
    const dms = items.filter((r) => !r.is_group);
    const groups = items.filter((r) => r.is_group);
    return { dms, groups, ordered: [...dms, ...groups] };
  }, [rooms.data]);
  return { ...sections, isPending: rooms.isPending, error: rooms.error, refetch: rooms.refetch };
}
