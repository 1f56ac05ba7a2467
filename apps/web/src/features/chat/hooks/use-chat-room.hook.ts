import type { Chatroom, Message } from '@discordgym/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useConnectionStatus } from '../../../lib/realtime/realtime';
import type { MessageActions } from './message-actions.types';
import { seenMarker } from './read-receipts';
import { layoutTimeline } from './timeline-layout';
import { useMarkRead } from './use-mark-read.hook';
import { useMarkRoomRead } from './use-mark-room-read.hook';
import { useMeId } from './use-me-id.hook';
import { useMessageActions } from './use-message-actions.hook';
import { useMessageScroller } from './use-message-scroller.hook';
import { useOutbox } from './use-outbox.hook';
import { useRoomTimeline } from './use-room-timeline.hook';

export type RoomPanel = 'members' | 'search' | null;

export interface JumpTarget {
  id: string;
  seq?: number;
}

const wideScreen = (): boolean => typeof window !== 'undefined' && window.matchMedia('(min-width: 1280px)').matches;

/**
 * Everything one open room needs: its timeline, scrolling, read state, the reply / edit /
 * delete state of the UI, the side panel, and jumping to a message (paging back to it).
 */
export function useChatRoom(room: Chatroom, initialJump: JumpTarget | null) {
  const meId = useMeId();
  const me = room.participants.find((p) => p.user.id === meId)?.user ?? null;
  const outbox = useOutbox();
  // Where "new" began when the room was opened: a divider marks it, as in Discord, and the room opens there.
  const [unreadAfter] = useState(() => (room.unread_count > 0 ? room.last_read_seq : null));
  const timeline = useRoomTimeline(room.id, unreadAfter);
  const messageActions = useMessageActions(room.id);
  const connection = useConnectionStatus();
  const firstUnread = useMemo(() => {
    if (unreadAfter === null) return null;
    return timeline.items.find((i) => i.kind === 'message' && i.message.seq > unreadAfter && i.message.sender_id !== meId) ?? null;
  }, [timeline.items, unreadAfter, meId]);
  const firstUnreadKey = firstUnread?.key ?? null;
  const scroller = useMessageScroller({
    items: timeline.items,
    meId,
    hasOlder: timeline.hasOlder,
    loadingOlder: timeline.loadingOlder,
    fetchOlder: timeline.fetchOlder,
    hasNewer: timeline.hasNewer,
    loadingNewer: timeline.loadingNewer,
    fetchNewer: timeline.fetchNewer,
    landingKey: firstUnreadKey,
  });
  const newest = timeline.messages.at(-1)?.seq ?? (timeline.isPending ? null : 0);
  useMarkRead(room.id, newest, scroller.atBottom);

  const composer = useRef<HTMLTextAreaElement>(null);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [panel, setPanel] = useState<RoomPanel>(() => (room.is_group && wideScreen() ? 'members' : null));
  const [jump, setJump] = useState<JumpTarget | null>(initialJump);
  const unreadBar = useUnreadBar(room, unreadAfter, firstUnread?.kind === 'message' ? firstUnread.message : null, setJump);

  // At once, so the very next keystroke lands in the composer.
  const focusComposer = useCallback(() => composer.current?.focus(), []);

  const actions: MessageActions = {
    reply: (message) => {
      setReplyTo(message);
      focusComposer();
    },
    edit: (message) => setEditingId(message.id),
    cancelEdit: () => {
      setEditingId(null);
      focusComposer();
    },
    saveEdit: (message, content) =>
      messageActions.edit.mutate(
        { id: message.id, content },
        {
          onSuccess: () => {
            setEditingId(null);
            focusComposer();
          },
        },
      ),
    remove: (message, skipConfirm) => (skipConfirm ? messageActions.remove.mutate(message) : setDeleting(message)),
    react: (message, emoji) => messageActions.toggleReaction(message, emoji),
    retry: (entry) => outbox.retry(entry.client_id),
    discard: (entry) => outbox.discard(entry.client_id),
    jumpTo: (id) => setJump({ id }),
  };

  const confirmDelete = (): void => {
    if (deleting) messageActions.remove.mutate(deleting);
    setDeleting(null);
  };

  const editLast = (): void => {
    const last = [...timeline.messages].reverse().find((m) => m.sender_id === meId && !m.deleted_at && !m.system);
    if (last) setEditingId(last.id);
  };

  // A jump target that is not loaded yet: page back until it is, or there is nothing older.
  const { reveal } = scroller;
  const { fetchOlder, hasOlder, loadingOlder, messages } = timeline;
  useEffect(() => {
    if (!jump || timeline.isPending) return;
    if (reveal(jump.id)) return setJump(null);
    const oldest = messages[0]?.seq;
    const worthPaging = hasOlder && (jump.seq === undefined || oldest === undefined || oldest > jump.seq);
    if (!worthPaging) return setJump(null);
    if (!loadingOlder) void fetchOlder(100);
  }, [jump, timeline.isPending, reveal, messages, hasOlder, loadingOlder, fetchOlder]);

  const laidOut = useMemo(() => layoutTimeline(timeline.items, meId), [timeline.items, meId]);
  const byId = useMemo(() => new Map(timeline.messages.map((m) => [m.id, m])), [timeline.messages]);
  // Follows the participants' pointers in the room list, which `read` events keep live.
  const seen = useMemo(() => seenMarker(room, timeline.messages, meId), [room, timeline.messages, meId]);
  const canModerate = room.is_group && room.participants.some((p) => p.user.id === meId && p.role === 'owner');

  return {
    me,
    meId,
    timeline,
    laidOut,
    firstUnreadKey,
    unreadBar,
    seen,
    parentOf: (id: string | null) => (id ? (byId.get(id) ?? null) : undefined),
    scroller,
    connected: connection === 'connected',
    actions,
    editingId,
    savingEdit: messageActions.edit.isPending,
    actionError: messageActions.error,
    resetActionError: messageActions.reset,
    deleting,
    setDeleting,
    confirmDelete,
    replyTo,
    setReplyTo,
    editLast,
    composer,
    focusComposer,
    panel,
    setPanel,
    canModerate,
    jumpTo: (target: JumpTarget) => setJump(target),
  };
}

/**
 * Discord's bar over a room opened with unread messages: how many arrived since when, a
 * jump back to the first of them, and "Mark as read". It stays until marked read, also
 * after the reader has scrolled to the bottom (which reads the room).
 */
function useUnreadBar(room: Chatroom, unreadAfter: number | null, firstUnread: Message | null, setJump: (target: JumpTarget) => void) {
  const markRoomRead = useMarkRoomRead();
  const [count] = useState(room.unread_count);
  const [dismissed, setDismissed] = useState(false);
  // The first unread message as first seen: still where "Jump" goes once other pages have replaced it.
  const [first, setFirst] = useState<{ id: string; seq: number; created_at: string } | null>(null);
  useEffect(() => {
    if (!first && firstUnread) setFirst({ id: firstUnread.id, seq: firstUnread.seq, created_at: firstUnread.created_at });
  }, [first, firstUnread]);
  if (unreadAfter === null || dismissed || count === 0) return null;
  return {
    count,
    since: first?.created_at ?? null,
    jump: () => {
      if (first) setJump({ id: first.id, seq: first.seq });
    },
    markRead: () => {
      setDismissed(true);
      void markRoomRead(room);
    },
  };
}
