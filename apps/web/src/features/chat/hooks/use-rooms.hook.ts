import type { Chatroom, ChatroomList } from '@discordgym/contracts';
import { useQuery } from '@tanstack/react-query';
import { chatKeys, fetchRooms } from '../api/chat.api';
import { chatSnapshot } from '../api/offline-snapshot';

const roomsQuery = {
  queryKey: chatKeys.rooms,
  // Started offline (the service worker's shell): the list as it was, until the server answers.
  queryFn: ({ signal }: { signal: AbortSignal }) => chatSnapshot.roomsOr(() => fetchRooms(signal)),
  // Kept live by socket events; a refetch only reconciles unread counts.
  staleTime: 60_000,
};

export function useRooms<T = ChatroomList>(select?: (data: ChatroomList) => T) {
  return useQuery({ ...roomsQuery, select });
}

export function useRoom(roomId: string | undefined) {
  return useQuery({ ...roomsQuery, select: (data: ChatroomList): Chatroom | null => data.items.find((r) => r.id === roomId) ?? null });
}

export const totalUnread = (data: ChatroomList): number => data.items.reduce((sum, r) => sum + r.unread_count, 0);
