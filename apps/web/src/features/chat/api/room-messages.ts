import { type ChatroomList, HISTORY_PAGE_MAX } from '@discordgym/contracts';
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

/** Messages kept above the first unread when a room opens there, so the reader sees what it follows. */
const LANDING_CONTEXT = 25;

/**
 * A room opened at its first unread message (Discord's landing): a short page before the
 * read pointer and a full page after it. When more is unread than one page holds, the
 * slice stops short of the newest message (`hasNewer`) and pages forward as the reader scrolls.
 */
export async function loadAround(roomId: string, lastReadSeq: number, signal?: AbortSignal): Promise<RoomMessages> {
  const [before, after] = await Promise.all([
    lastReadSeq > 0 ? fetchMessagesBefore(roomId, lastReadSeq + 1, LANDING_CONTEXT, signal) : Promise.resolve({ items: [], has_more: false }),
    fetchMessagesAfter(roomId, lastReadSeq, HISTORY_PAGE_MAX, signal),
  ]);
  return { items: mergeMessages([...before.items].reverse(), after.items, true), hasOlder: before.has_more, hasNewer: after.has_more };
}

/** One page further forward in a slice that does not reach the newest message; resolves false once it does. */
export async function loadNewer(queryClient: QueryClient, roomId: string): Promise<boolean> {
  const data = queryClient.getQueryData<RoomMessages>(chatKeys.messages(roomId));
  const newest = newestSeq(data);
  if (!data?.hasNewer || newest === null) return false;
  const page = await fetchMessagesAfter(roomId, newest, HISTORY_PAGE_MAX);
  queryClient.setQueryData<RoomMessages>(chatKeys.messages(roomId), (current) =>
    current ? { ...current, items: mergeMessages(current.items, page.items, false), hasNewer: page.has_more } : current,
  );
  return page.has_more;
}

/** Straight to the newest page (Jump to present from a slice that stops short of it). */
export async function loadPresent(queryClient: QueryClient, roomId: string): Promise<void> {
  const latest = await loadLatest(queryClient, roomId);
  queryClient.setQueryData<RoomMessages>(chatKeys.messages(roomId), latest);
}
