import type { CardRef, Message, SyncResult } from '@discordgym/contracts';
import { realtime } from '../../../lib/realtime/realtime';

/** The chat's socket requests; each resolves with the ack's data or rejects with an ApiError / TransportError. */
export const chatSocket = {
  isConnected: (): boolean => realtime.isConnected(),
  join: (roomId: string): Promise<{ chatroom_id: string; last_seq: number }> => realtime.request('join-room', { chatroom_id: roomId }),
  leave: (roomId: string): Promise<{ chatroom_id: string }> => realtime.request('leave-room', { chatroom_id: roomId }),
  send: (body: { chatroom_id: string; content: string; client_id: string; reply_to_id?: string; card?: CardRef; attachment_ids?: string[] }): Promise<Message> =>
    realtime.request('send-message', body, 10_000),
  typing: (roomId: string, isTyping: boolean): Promise<null> => realtime.request('typing', { chatroom_id: roomId, is_typing: isTyping }),
  read: (roomId: string, seq: number): Promise<{ chatroom_id: string; seq: number }> => realtime.request('read', { chatroom_id: roomId, seq }),
  sync: (rooms: { chatroom_id: string; after_seq: number }[]): Promise<SyncResult> => realtime.request('sync', { rooms, limit: 200 }, 20_000),
  presence: (status: 'online' | 'away'): Promise<null> => realtime.request('presence', { status }),
};
