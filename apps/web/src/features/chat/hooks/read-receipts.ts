import type { Chatroom, Message, PublicUser } from '@discordgym/contracts';

/**
 * Where "seen" goes in a room and what it says. In a DM: under my last message, once the
 * other person's read pointer has reached it. In a group: under the newest message, the
 * members (neither me nor its author) whose pointer has reached it. A participant whose
 * pointer is null keeps read receipts to themselves and is never counted.
 */
export type SeenMarker = { messageId: string; kind: 'dm' } | { messageId: string; kind: 'group'; readers: PublicUser[] };

const hasRead = (pointer: number | null, message: Message): boolean => pointer !== null && pointer >= message.seq;

export function seenMarker(room: Chatroom, messages: readonly Message[], meId: string): SeenMarker | null {
  const live = messages.filter((m) => m.deleted_at === null && !m.system);
  if (!room.is_group) {
    const mine = live.findLast((m) => m.sender_id === meId);
    const partner = room.participants.find((p) => p.user.id !== meId);
    if (!mine || !partner || !hasRead(partner.last_read_seq, mine)) return null;
    return { messageId: mine.id, kind: 'dm' };
  }
  const newest = live.at(-1);
  if (!newest) return null;
  const readers = room.participants
    .filter((p) => p.user.id !== meId && p.user.id !== newest.sender_id && hasRead(p.last_read_seq, newest))
    .map((p) => p.user);
  return readers.length ? { messageId: newest.id, kind: 'group', readers } : null;
}

/** How many names "Seen by" spells out before "+N". */
export const SEEN_BY_NAMES = 2;
