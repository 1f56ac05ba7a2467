import type { ChatroomList } from '@discordgym/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { chatKeys, fetchLatestMessages, fetchMessagesAfter, fetchMessagesBefore } from './chat.api';
import { mergeMessages, newestSeq, type RoomMessages } from './chat-cache';

/**
 * The newest page of a room, joined to what is cached when the two meet (so pages loaded
 * further back survive a refetch), and topped up when live events have already moved the
 * room past what this request saw.
 */
export async function loadLatest(queryClient: QueryClient, roomId: string, signal?: AbortSignal): Promise<RoomMessages> {
  const page = await fetchLatestMessages(roomId, signal);
  let items = [...page.items].reverse();
  let hasOlder = page.has_more;
  const cached = queryClient.getQueryData<RoomMessages>(chatKeys.messages(roomId));
  const cachedNewest = newestSeq(cached);
  const oldest = items[0]?.seq;
  if (cached && cachedNewest !== null && (oldest === undefined || cachedNewest >= oldest - 1)) {
    items = mergeMessages(cached.items, items, true);
    hasOlder = cached.hasOlder;
  }
  const head = queryClient.getQueryData<ChatroomList>(chatKeys.rooms)?.items.find((r) => r.id === roomId)?.last_seq ?? 0;
  const newest = items.at(-1)?.seq ?? 0;
  if (head > newest) items = mergeMessages(items, (await fetchMessagesAfter(roomId, newest)).items, true);
  return { items, hasOlder };
}

/** One page further back; resolves false when there is nothing older. */
export async function loadOlder(queryClient: QueryClient, roomId: string, limit?: number): Promise<boolean> {
  const data = queryClient.getQueryData<RoomMessages>(chatKeys.messages(roomId));
  const oldest = data?.items[0]?.seq;
  if (!data?.hasOlder || oldest === undefined) return false;
  const page = await fetchMessagesBefore(roomId, oldest, limit);
  queryClient.setQueryData<RoomMessages>(chatKeys.messages(roomId), (current) =>
    current ? { items: mergeMessages(current.items, page.items, false), hasOlder: page.has_more } : current,
  );
  return page.has_more;
}
