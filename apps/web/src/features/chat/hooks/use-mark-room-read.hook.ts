import type { Chatroom } from '@discordgym/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { markRead } from '../api/read';

/**
 * "Mark as read" for a whole room, wherever it is offered (the room list, the unread bar,
 * a context menu): the pointer goes to the room's newest message, the badge and the tab
 * title's count at once.
 */
export function useMarkRoomRead(): (room: Pick<Chatroom, 'id' | 'last_seq'>) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback((room) => markRead(queryClient, room.id, room.last_seq), [queryClient]);
}
