import type { ChatroomList, Message } from '@discordgym/contracts';
import { TransportError } from '../../../lib/api/api-error';
import { authSession } from '../../../lib/auth/auth-session.store';
import { forgetStoredWithPrefix, readStored, writeStored } from '../../../lib/storage/local-store';
import type { RoomMessages } from './chat-cache';

/**
 * What the chat shows when the app starts without a network (the service worker's shell):
 * the room list and the newest messages of the rooms last looked at, as they were, per
 * account. Written as the caches change, read only when the server cannot be reached, and
 * replaced by the server's truth once the socket is back.
 */
const PREFIX = 'discordgym.chat-snapshot.';
/** Rooms whose history is kept, most recently changed first, and messages per room. */
const ROOMS_KEPT = 15;
const MESSAGES_KEPT = 50;

interface Snapshot {
  rooms: ChatroomList | null;
  /** room id → its newest messages, oldest first, and whether older ones exist; most recently written first. */
  messages: Array<[string, Message[], boolean?]>;
}

const keyOf = (userId: string): string => `${PREFIX}${userId}`;
const isSnapshot = (value: unknown): Snapshot | null => {
  const s = value as Snapshot | null;
  return s && typeof s === 'object' && Array.isArray(s.messages) && (s.rooms === null || Array.isArray(s.rooms.items)) ? s : null;
};
const read = (userId: string): Snapshot => readStored(keyOf(userId), isSnapshot) ?? { rooms: null, messages: [] };

/** Data answered from the snapshot: the first connect refetches it. */
const restored = new WeakSet<object>();
export const isRestored = (data: object | undefined): boolean => data !== undefined && restored.has(data);

/** Only a request that never reached the server falls back to the snapshot; a refusal stays a refusal. */
const unreachable = (error: unknown): boolean => error instanceof TransportError && error.kind === 'network';
const signedIn = (): string => {
  const state = authSession.getState();
  return state.status === 'signed-in' ? state.userId : '';
};

export const chatSnapshot = {
  saveRooms(userId: string, rooms: ChatroomList): void {
    if (!userId || isRestored(rooms)) return;
    writeStored(keyOf(userId), { ...read(userId), rooms } satisfies Snapshot);
  },
  saveMessages(userId: string, roomId: string, data: RoomMessages): void {
    if (!userId || isRestored(data) || data.hasNewer) return;
    const snapshot = read(userId);
    const others = snapshot.messages.filter(([id]) => id !== roomId);
    const mine: [string, Message[], boolean] = [roomId, data.items.slice(-MESSAGES_KEPT), data.hasOlder || data.items.length > MESSAGES_KEPT];
    const messages: Snapshot['messages'] = [mine, ...others].slice(0, ROOMS_KEPT);
    writeStored(keyOf(userId), { ...snapshot, messages } satisfies Snapshot);
  },
  async roomsOr(load: () => Promise<ChatroomList>): Promise<ChatroomList> {
    const userId = signedIn();
    try {
      return await load();
    } catch (error) {
      const rooms = unreachable(error) && userId ? read(userId).rooms : null;
      if (!rooms) throw error;
      restored.add(rooms);
      return rooms;
    }
  },
  async messagesOr(roomId: string, load: () => Promise<RoomMessages>): Promise<RoomMessages> {
    const userId = signedIn();
    try {
      return await load();
    } catch (error) {
      const kept = unreachable(error) && userId ? read(userId).messages.find(([id]) => id === roomId) : undefined;
      if (!kept) throw error;
      const data: RoomMessages = { items: kept[1], hasOlder: kept[2] ?? true };
      restored.add(data);
      return data;
    }
  },
};

/** An explicit logout: nobody's chat stays readable on this browser. */
export function forgetChatSnapshots(): void {
  forgetStoredWithPrefix(PREFIX);
}
