import type { Chatroom, PresenceStatus, PublicUser } from '@discordgym/contracts';
import { useMemo } from 'react';
import { displayName } from './room-view';
import { useMeId } from './use-me-id.hook';
import { usePresenceMap } from './use-presence.hook';
import { useRooms } from './use-rooms.hook';

export interface Contact {
  user: PublicUser;
  status: PresenceStatus;
}

/** My contacts are the people I share a room with; these are the ones online or away now. */
export function useOnlineContacts() {
  const meId = useMeId();
  const rooms = useRooms();
  const presence = usePresenceMap();
  const contacts = useMemo(() => {
    const people = new Map<string, PublicUser>();
    for (const room of rooms.data?.items ?? []) for (const p of room.participants) if (p.user.id !== meId) people.set(p.user.id, p.user);
    return [...people.values()]
      .map((user): Contact => ({ user, status: presence[user.id]?.status ?? 'offline' }))
      .filter((c) => c.status !== 'offline')
      .sort((a, b) => (a.status === b.status ? displayName(a.user).localeCompare(displayName(b.user)) : a.status === 'online' ? -1 : 1));
  }, [rooms.data, presence, meId]);
  return { contacts, isPending: rooms.isPending, error: rooms.error };
}

/** The latest message of each room, newest first: what happened while I was away. */
export function useRecentActivity(limit = 6) {
  const rooms = useRooms();
  const items = useMemo(
    () =>
      (rooms.data?.items ?? [])
        .filter((r): r is Chatroom & { last_message: NonNullable<Chatroom['last_message']> } => r.last_message !== null)
        .sort((a, b) => b.last_message.created_at.localeCompare(a.last_message.created_at))
        .slice(0, limit),
    [rooms.data, limit],
  );
  return { items, isPending: rooms.isPending, error: rooms.error };
}
