import type { Notification, NotificationPage } from '@discordgym/contracts';
import type { InfiniteData } from '@tanstack/react-query';

export type Inbox = InfiniteData<NotificationPage, string | undefined>;

/** A new notification on top of the first page, once (a repeat after a reconnect is dropped). */
export function inboxWith(inbox: Inbox, notification: Notification): Inbox {
  if (inbox.pages.some((page) => page.items.some((n) => n.id === notification.id))) return inbox;
  const [first, ...rest] = inbox.pages;
  const top: NotificationPage = first ? { ...first, items: [notification, ...first.items] } : { items: [notification], next_cursor: null };
  return { ...inbox, pages: [top, ...rest] };
}

/** Marks these notifications (or, with `ids` null, every unread one) read at `readAt`. */
export function inboxRead(inbox: Inbox, ids: readonly string[] | null, readAt: string): Inbox {
  const wanted = ids ? new Set(ids) : null;
  let changed = false;
  const pages = inbox.pages.map((page) => ({
    ...page,
    items: page.items.map((n) => {
      if (n.read_at !== null || (wanted && !wanted.has(n.id))) return n;
      changed = true;
      return { ...n, read_at: readAt };
    }),
  }));
  return changed ? { ...inbox, pages } : inbox;
}

export const inboxItems = (inbox: { pages: NotificationPage[] } | undefined): Notification[] => inbox?.pages.flatMap((page) => page.items) ?? [];
