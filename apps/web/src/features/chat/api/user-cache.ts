import type { ChatroomList, Message, MessageAuthor, PublicUser, SearchResults } from '@discordgym/contracts';
import type { RoomMessages } from './chat-cache';

const authorFrom = (user: PublicUser): MessageAuthor => ({
  id: user.id,
  username: user.username,
  handle: user.handle,
  display_name: user.display_name,
  avatar: user.avatar,
});

const sameAuthor = (a: MessageAuthor | undefined, b: MessageAuthor): boolean =>
  a !== undefined && a.display_name === b.display_name && a.avatar === b.avatar && a.username === b.username && a.handle === b.handle;

/** A message by this person names them as they are now; anyone else's stays the same object. */
function messageWithAuthor<M extends Message>(message: M, author: MessageAuthor): M {
  if (message.sender_id !== author.id || sameAuthor(message.author, author)) return message;
  return { ...message, author };
}

function messagesWithAuthor<M extends Message>(items: M[], author: MessageAuthor): M[] {
  let changed = false;
  const next = items.map((m) => {
    const updated = messageWithAuthor(m, author);
    if (updated !== m) changed = true;
    return updated;
  });
  return changed ? next : items;
}

/**
 * Someone's profile changed (`user-updated`): their participant entries in every room and
 * the author named on their last messages follow. Unchanged rooms stay the same objects.
 */
export function roomsWithUser(list: ChatroomList, user: PublicUser): ChatroomList {
  const author = authorFrom(user);
  let changed = false;
  const items = list.items.map((room) => {
    const inRoom = room.participants.some((p) => p.user.id === user.id);
    const last = room.last_message ? messageWithAuthor(room.last_message, author) : null;
    if (!inRoom && last === room.last_message) return room;
    changed = true;
    return {
      ...room,
      last_message: last,
      participants: inRoom ? room.participants.map((p) => (p.user.id === user.id ? { ...p, user } : p)) : room.participants,
    };
  });
  return changed ? { items } : list;
}

/** A room's loaded messages by this person name them as they are now (also after they left the room). */
export function roomMessagesWithUser(data: RoomMessages, user: PublicUser): RoomMessages {
  const items = messagesWithAuthor(data.items, authorFrom(user));
  return items === data.items ? data : { ...data, items };
}

export function searchWithUser(data: SearchResults, user: PublicUser): SearchResults {
  const items = messagesWithAuthor(data.items, authorFrom(user));
  return items === data.items ? data : { ...data, items };
}
