import type { Chatroom, Message, MessageAuthor, PublicUser } from '@discordgym/contracts';

export const displayName = (user: Pick<PublicUser, 'display_name' | 'username'>): string => user.display_name ?? user.username;

/** The other person of a DM (or null for a group, or a DM whose partner is gone). */
export const dmPartner = (room: Chatroom, meId: string): PublicUser | null =>
  room.is_group ? null : (room.participants.find((p) => p.user.id !== meId)?.user ?? null);

/** What a room is called in lists and headers: the group's name, or the other person's name. */
export function roomTitle(room: Chatroom, meId: string, fallback: string): string {
  if (room.is_group) return room.name ?? fallback;
  const partner = dmPartner(room, meId);
  return partner ? displayName(partner) : fallback;
}

export const userById = (room: Chatroom | null | undefined, userId: string): PublicUser | undefined =>
  room?.participants.find((p) => p.user.id === userId)?.user;

/**
 * Who wrote a message: the room's participant while they are one (kept live by
 * `user-updated`), else the author the server named on the message (someone who left).
 */
export const authorOf = (room: Chatroom | null | undefined, message: Pick<Message, 'sender_id' | 'author'>): MessageAuthor | undefined =>
  userById(room, message.sender_id) ?? message.author;
