import type { ChatroomList } from '@discordgym/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RoomMessages } from '../api/chat-cache';
import { chatSnapshot } from '../api/offline-snapshot';
import { useMeId } from './use-me-id.hook';

/** Keeps the offline snapshot (api/offline-snapshot.ts) following the room list and the loaded histories, a little behind. */
export function useChatSnapshot(): void {
  const queryClient = useQueryClient();
  const meId = useMeId();
  useEffect(() => {
    if (!meId) return;
    const pending = new Map<string, () => void>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      clearTimeout(timer);
      timer = undefined;
      for (const write of pending.values()) write();
      pending.clear();
    };
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      const [scope, kind, roomId] = event.query.queryKey as readonly unknown[];
      const data = event.query.state.data as unknown;
      if (scope !== 'chat' || !data) return;
      if (kind === 'rooms') pending.set('rooms', () => chatSnapshot.saveRooms(meId, data as ChatroomList));
      else if (kind === 'messages' && typeof roomId === 'string') pending.set(roomId, () => chatSnapshot.saveMessages(meId, roomId, data as RoomMessages));
      else return;
      timer ??= setTimeout(flush, 500);
    });
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [queryClient, meId]);
}
