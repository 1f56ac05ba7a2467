import type { Chatroom, ChatroomList, Message, PresenceStatus, ReadBroadcast } from '@discordgym/contracts';

/** A room's loaded slice of history, oldest first, contiguous up to its newest message. */
export interface RoomMessages {
  items: Message[];
  /** Older messages exist on the server before `items[0]`. */
  hasOlder: boolean;
  /** Newer messages exist on the server after the last item (opened at the first unread); live ones wait until paged to. */
  hasNewer?: boolean;
}

export type PresenceMap = Readonly<Record<string, { status: PresenceStatus; last_seen: string | null }>>;
/** user id → when their typing indicator runs out (ms since epoch). */
export type TypingMap = Readonly<Record<string, number>>;

export const newestSeq = (data: RoomMessages | undefined): number | null => data?.items.at(-1)?.seq ?? null;

/**
 * Merges messages by id (the server answers a retried client_id with the first message,
 * so one id is one message) and keeps seq order. `overwrite` lets an update replace what
 * is cached; a plain delivery never replaces a copy that may already carry later edits.
 */
export function mergeMessages(items: readonly Message[], incoming: readonly Message[], overwrite: boolean): Message[] {
  if (!incoming.length) return items as Message[];
  const byId = new Map(items.map((m) => [m.id, m]));
  let changed = false;
  for (const message of incoming) {
    const cached = byId.get(message.id);
    if (cached && !overwrite) continue;
    if (cached === message) continue;
    byId.set(message.id, message);
    changed = true;
  }
  if (!changed) return items as Message[];
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function withMessages(data: RoomMessages, incoming: readonly Message[], overwrite: boolean): RoomMessages {
  const oldest = data.items[0]?.seq;
  // Something older than the loaded slice (a late replay) would leave a hole in the middle; paging back finds it.
  let inRange = data.hasOlder && oldest !== undefined ? incoming.filter((m) => m.seq >= oldest) : incoming;
  // Past the loaded slice while it does not reach the newest message: paging forward (or jumping to the present) finds them.
  const newest = newestSeq(data);
  if (data.hasNewer && newest !== null) inRange = inRange.filter((m) => m.seq <= newest);
  const items = mergeMessages(data.items, inRange, overwrite);
  return items === data.items ? data : { ...data, items };
}

const activity = (room: Chatroom): string => room.last_message?.created_at ?? room.created_at;

/** Most recently active first, as the server orders them. */
export const sortRooms = (items: readonly Chatroom[]): Chatroom[] => [...items].sort((a, b) => activity(b).localeCompare(activity(a)));

/** As on the server: others' live messages past my pointer; system lines never count. */
const countsAsUnread = (message: Message, room: Chatroom, meId: string): boolean =>
  message.sender_id !== meId && message.deleted_at === null && !message.system && message.seq > room.last_read_seq;

/**
 * A delivered message moves its room up, becomes its last message and, from someone
 * else into a room nobody is reading here, one more unread. Returns `gap` when seqs were
 * skipped, which only a sync can fill.
 */
export function roomsWithDelivered(
  list: ChatroomList,
  message: Message,
  meId: string,
  reading: boolean,
): { list: ChatroomList; known: boolean; gap: boolean } {
  const room = list.items.find((r) => r.id === message.chatroom_id);
  if (!room) return { list, known: false, gap: false };
  if (message.seq <= room.last_seq) {
    // A replay (idempotent resend, sync overlap): only refresh the preview if it is that message.
    if (room.last_message?.id !== message.id) return { list, known: true, gap: false };
    return { list: replaceRoom(list, { ...room, last_message: message }), known: true, gap: false };
  }
  const gap = message.seq > room.last_seq + 1;
  const next: Chatroom = { ...room, last_seq: message.seq, last_message: message };
  if (message.sender_id === meId) {
    // As on the server: sending reads my own message only when nothing before it was unread
    // (a reply may read further; the server's `read` event tells).
    if (room.unread_count === 0) next.last_read_seq = Math.max(room.last_read_seq, message.seq);
  } else if (!reading && countsAsUnread(message, room, meId)) {
    // A room on screen is not counted: it is marked read as the message shows.
    next.unread_count = room.unread_count + 1;
  }
  return { list: { items: sortRooms(list.items.map((r) => (r.id === room.id ? next : r))) }, known: true, gap };
}

/** An edit, delete or reaction: the preview follows, and a deleted unread message stops counting. */
export function roomsWithChanged(list: ChatroomList, message: Message, meId: string, previous: Message | undefined): ChatroomList {
  const room = list.items.find((r) => r.id === message.chatroom_id);
  if (!room) return list;
  let next = room;
  if (room.last_message?.id === message.id) next = { ...next, last_message: message };
  const wasUnread = previous ? countsAsUnread(previous, room, meId) : message.seq > room.last_read_seq && message.sender_id !== meId;
  if (message.deleted_at && wasUnread && room.unread_count > 0) next = { ...next, unread_count: room.unread_count - 1 };
  return next === room ? list : replaceRoom(list, next);
}

/** My read pointer moved (here or on another device of mine). */
export function roomsWithMyRead(list: ChatroomList, roomId: string, seq: number): { list: ChatroomList; exact: boolean } {
  const room = list.items.find((r) => r.id === roomId);
  if (!room || seq <= room.last_read_seq) return { list, exact: true };
  const all = seq >= room.last_seq;
  // Reading everything is exact; reading part of it needs the server's count.
  return { list: replaceRoom(list, { ...room, last_read_seq: seq, unread_count: all ? 0 : room.unread_count }), exact: all };
}

/** Someone else's read pointer: kept on their participant entry (for "seen"); null until they share one. */
export function roomsWithTheirRead(list: ChatroomList, read: ReadBroadcast): ChatroomList {
  const room = list.items.find((r) => r.id === read.chatroom_id);
  if (!room) return list;
  const participant = room.participants.find((p) => p.user.id === read.user_id);
  if (!participant || (participant.last_read_seq !== null && read.seq <= participant.last_read_seq)) return list;
  const participants = room.participants.map((p) => (p === participant ? { ...p, last_read_seq: read.seq } : p));
  return replaceRoom(list, { ...room, participants });
}

export const roomsWithout = (list: ChatroomList, roomId: string): ChatroomList => ({ items: list.items.filter((r) => r.id !== roomId) });

export function roomsWithRoom(list: ChatroomList, room: Chatroom): ChatroomList {
  const exists = list.items.some((r) => r.id === room.id);
  return { items: sortRooms(exists ? list.items.map((r) => (r.id === room.id ? room : r)) : [room, ...list.items]) };
}

function replaceRoom(list: ChatroomList, room: Chatroom): ChatroomList {
  return { items: list.items.map((r) => (r.id === room.id ? room : r)) };
}

// ---- typing ----

export function typingWith(map: TypingMap | undefined, userId: string, isTyping: boolean, expiresInMs: number, now = Date.now()): TypingMap {
  const next: Record<string, number> = {};
  for (const [id, until] of Object.entries(map ?? {})) if (until > now && id !== userId) next[id] = until;
  if (isTyping) next[userId] = now + expiresInMs;
  return next;
}
