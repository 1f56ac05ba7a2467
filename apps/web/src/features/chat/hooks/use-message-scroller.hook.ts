import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineItem } from './use-room-timeline.hook';

const BOTTOM_SLACK_PX = 48;
const LOAD_OLDER_PX = 300;

interface ScrollerOptions {
  items: readonly TimelineItem[];
  meId: string;
  hasOlder: boolean;
  loadingOlder: boolean;
  fetchOlder(limit?: number): Promise<boolean>;
}

/**
 * Chat scrolling, Discord's way: open at the newest message, stay pinned there while
 * new ones arrive (always for my own), keep the view still when older pages are added
 * above, and page back when the reader nears the top.
 */
export function useMessageScroller({ items, meId, hasOlder, loadingOlder, fetchOlder }: ScrollerOptions) {
  const ref = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const pinned = useRef(true);
  const last = useRef<{ first: string | null; last: string | null; height: number } | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);

  const scrollToBottom = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    pinned.current = true;
    setAtBottom(true);
  }, []);

  const maybeLoadOlder = useCallback(() => {
    const el = ref.current;
    if (!el || !hasOlder || loadingOlder) return;
    if (el.scrollTop < LOAD_OLDER_PX || el.scrollHeight <= el.clientHeight) void fetchOlder();
  }, [hasOlder, loadingOlder, fetchOlder]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    pinned.current = bottom;
    setAtBottom(bottom);
    maybeLoadOlder();
  }, [maybeLoadOlder]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const first = items[0]?.key ?? null;
    const newest = items.at(-1) ?? null;
    const prev = last.current;
    if (!prev || prev.last === null) {
      el.scrollTop = el.scrollHeight;
    } else if (first !== prev.first && newest?.key === prev.last) {
      // Older messages went in above: keep what the reader is looking at where it was.
      el.scrollTop += el.scrollHeight - prev.height;
    } else if (newest && newest.key !== prev.last) {
      const mine = newest.kind === 'outbox' || newest.message.sender_id === meId;
      if (pinned.current || mine) el.scrollTop = el.scrollHeight;
    }
    last.current = { first, last: newest?.key ?? null, height: el.scrollHeight };
    if (items.length) maybeLoadOlder();
  }, [items, meId, maybeLoadOlder]);

  // The composer growing or a phone keyboard opening must not hide the newest message.
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
      if (last.current) last.current.height = el.scrollHeight;
    });
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);

  /** Scrolls a loaded message into view and flashes it (search results, reply previews). */
  const reveal = useCallback((messageId: string) => {
    const target = ref.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
    if (!target) return false;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    setHighlight(messageId);
    setTimeout(() => setHighlight((h) => (h === messageId ? null : h)), 2_000);
    return true;
  }, []);

  return { ref, atBottom, onScroll, scrollToBottom, reveal, highlight };
}
