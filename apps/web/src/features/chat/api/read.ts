import type { ChatroomList } from '@discordgym/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { chatKeys, markReadOverHttp } from './chat.api';
import { roomsWithMyRead } from './chat-cache';
import { chatSocket } from './chat-socket.api';

/** Moves my read pointer: the badge goes at once, the server hears it over the socket (or HTTP without one). */
export async function markRead(queryClient: QueryClient, roomId: string, seq: number): Promise<void> {
  queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithMyRead(list, roomId, seq).list : list));
  try {
    if (chatSocket.isConnected()) await chatSocket.read(roomId, seq);
    else await markReadOverHttp(roomId, seq);
  } catch {
    // Offline or refused: the room is read again on the next visit, and a reconnect refetches the counts.
  }
}
