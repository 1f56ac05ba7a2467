import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDocumentVisible } from '../../../lib/use-document-visible.hook';
import { markRead } from '../api/read';
import { readingRoom } from '../api/reading-room';
import { useRoom } from './use-rooms.hook';

/**
 * A room counts as read while it is open, the tab is visible and the newest message is
 * on screen; then the pointer follows every message that arrives.
 */
export function useMarkRead(roomId: string, newestSeq: number | null, atBottom: boolean): void {
  const queryClient = useQueryClient();
  const visible = useDocumentVisible();
  const room = useRoom(roomId).data;
  const reading = atBottom && visible && newestSeq !== null;
  const lastRead = room?.last_read_seq ?? null;
  const unread = room?.unread_count ?? 0;
  const removed = room?.removed != null;

  useEffect(() => {
    readingRoom.set(reading ? roomId : null);
    return () => readingRoom.set(null);
  }, [reading, roomId]);

  useEffect(() => {
    // Someone removed reads the room's past only: there is no pointer left to move.
    if (!reading || lastRead === null || newestSeq === null || removed) return;
    if (newestSeq <= lastRead && unread === 0) return;
    const timer = setTimeout(() => void markRead(queryClient, roomId, newestSeq), 120);
    return () => clearTimeout(timer);
  }, [reading, lastRead, unread, removed, newestSeq, queryClient, roomId]);
}
