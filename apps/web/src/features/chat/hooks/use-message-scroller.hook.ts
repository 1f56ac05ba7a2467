import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineItem } from './use-room-timeline.hook';

const BOTTOM_SLACK_PX = 48;
const LOAD_OLDER_PX = 300;
/** Where a room opened at its first unread puts the NEW divider: below the unread bar that overlays the top. */
const LANDING_TOP_PX = 56;

interface ScrollerOptions {
  items: readonly TimelineItem[];
  meId: string;
  hasOlder: boolean;
  loadingOlder: boolean;
  fetchOlder(limit?: number): Promise<boolean>;
  /** The loaded slice stops short of the newest message (the room opened at its first unread). */
  hasNewer?: boolean;
  loadingNewer?: boolean;
  fetchNewer?(present?: boolean): Promise<void>;
  /** The item the NEW divider sits above, if the room opened with unread messages. */
  landingKey?: string | null;
}

/**
 * Chat scrolling, Discord's way: open at the newest message, or at the NEW divider when
 * something is unread; stay pinned to the bottom while new ones arrive (always for my own),
 * keep the view still when older pages are added above, page back when the reader nears
 * the top and forward when a slice that stops short of the present nears its bottom.
 * `atBottom` means the newest message of the room is on screen.
 */
export function useMessageScroller({
  items,
  meId,
  hasOlder,
  loadingOlder,
  fetchOlder,
  hasNewer = false,
  loadingNewer = false,
  fetchNewer,
  landingKey = null,
}: ScrollerOptions) {
  const ref = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const pinned = useRef(true);
  const last = useRef<{ first: string | null; last: string | null; height: number } | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  /** Jump to present asked for a page that is still loading: scroll down once it is in. */
  const wantPresent = useRef(false);
  const landingRef = useRef(landingKey);
  landingRef.current = landingKey;

  const scrollToBottom = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    if (hasNewer && fetchNewer) {
      wantPresent.current = true;
      void fetchNewer(true);
      return;
    }
    pinned.current = true;
    setAtBottom(true);
  }, [hasNewer, fetchNewer]);

  const maybeLoadNewer = useCallback(
    (bottom: boolean) => {
      if (bottom && hasNewer && !loadingNewer && fetchNewer) void fetchNewer();
    },
    [hasNewer, loadingNewer, fetchNewer],
  );

  const maybeLoadOlder = useCallback(() => {
    const el = ref.current;
    if (!el || !hasOlder || loadingOlder) return;
    if (el.scrollTop < LOAD_OLDER_PX || el.scrollHeight <= el.clientHeight) void fetchOlder();
  }, [hasOlder, loadingOlder, fetchOlder]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    pinned.current = bottom && !hasNewer;
    setAtBottom(bottom);
    maybeLoadOlder();
    maybeLoadNewer(bottom);
  }, [maybeLoadOlder, maybeLoadNewer, hasNewer]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const first = items[0]?.key ?? null;
    const newest = items.at(-1) ?? null;
    const prev = last.current;
    if (!prev || prev.last === null) {
      const divider = landingRef.current ? el.querySelector<HTMLElement>('[data-testid="new-messages"]') : null;
      if (divider) {
        // Opened with unread messages: the first of them near the top, not the newest at the bottom.
        el.scrollTop += divider.getBoundingClientRect().top - el.getBoundingClientRect().top - LANDING_TOP_PX;
        const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
        pinned.current = bottom && !hasNewer;
        setAtBottom(bottom);
      } else {
        el.scrollTop = el.scrollHeight;
      }
    } else if (wantPresent.current && !hasNewer) {
      wantPresent.current = false;
      el.scrollTop = el.scrollHeight;
      pinned.current = true;
      setAtBottom(true);
    } else if (first !== prev.first && newest?.key === prev.last) {
      // Older messages went in above: keep what the reader is looking at where it was.
      el.scrollTop += el.scrollHeight - prev.height;
    } else if (newest && newest.key !== prev.last) {
      const mine = newest.kind === 'outbox' || newest.message.sender_id === meId;
      if (pinned.current || mine) el.scrollTop = el.scrollHeight;
    }
    last.current = { first, last: newest?.key ?? null, height: el.scrollHeight };
    if (items.length) maybeLoadOlder();
  }, [items, meId, maybeLoadOlder, hasNewer]);

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

  return { ref, atBottom: atBottom && !hasNewer, onScroll, scrollToBottom, reveal, highlight };
}
