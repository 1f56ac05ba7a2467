import type { Message } from '@discordgym/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { chatKeys } from '../api/chat.api';
import { type RoomMessages } from '../api/chat-cache';
import { chatSnapshot } from '../api/offline-snapshot';
import { loadAround, loadLatest, loadNewer, loadOlder, loadPresent } from '../api/room-messages';
import type { OutboxEntry } from '../api/outbox.store';
import { useMeId } from './use-me-id.hook';
import { useOutboxEntries } from './use-outbox.hook';

export type TimelineItem =
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'outbox'; key: string; entry: OutboxEntry };

/**
 * A room's messages as the list shows them: the loaded history, oldest first, then what
 * is still in the outbox. An outbox entry whose client_id the server already answered is
 * left out, so a message is never on screen twice, whatever order ack and echo come in.
 */
export function useRoomTimeline(roomId: string, landAfter: number | null = null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: chatKeys.messages(roomId),
    // Opened with unread messages and nothing cached: load around the first unread, not the newest page.
    // Started offline: the newest messages as they were, until the server answers.
    queryFn: ({ signal }) =>
      chatSnapshot.messagesOr(roomId, () =>
        landAfter !== null && !queryClient.getQueryData<RoomMessages>(chatKeys.messages(roomId))
          ? loadAround(roomId, landAfter, signal)
          : loadLatest(queryClient, roomId, signal),
      ),
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const outbox = useOutboxEntries(roomId);
  const meId = useMeId();

  const items = useMemo<TimelineItem[]>(() => {
    const messages = query.data?.items ?? [];
    const sent = new Set(messages.filter((m) => m.sender_id === meId).map((m) => m.client_id));
    // My messages keep their client_id as key: pending turns into sent without a remount.
    return [
      ...messages.map((message): TimelineItem => ({ kind: 'message', key: message.sender_id === meId ? message.client_id : message.id, message })),
      ...outbox.filter((e) => !sent.has(e.client_id)).map((entry): TimelineItem => ({ kind: 'outbox', key: entry.client_id, entry })),
    ];
  }, [query.data, outbox, meId]);

  const [olderState, setOlderState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  const inFlight = useRef(false);
  const fetchOlder = useCallback(
    async (limit?: number): Promise<boolean> => {
      if (inFlight.current) return true;
      inFlight.current = true;
      setOlderState({ loading: true, error: null });
      try {
        const more = await loadOlder(queryClient, roomId, limit);
        setOlderState({ loading: false, error: null });
        return more;
      } catch (error) {
        setOlderState({ loading: false, error });
        return false;
      } finally {
        inFlight.current = false;
      }
    },
    [queryClient, roomId],
  );

  const [newerState, setNewerState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  const newerInFlight = useRef(false);
  /** Pages forward (`more` false: nothing newer), or with `present` goes straight to the newest page. */
  const fetchNewer = useCallback(
    async (present = false): Promise<void> => {
      if (newerInFlight.current) return;
      newerInFlight.current = true;
      setNewerState({ loading: true, error: null });
      try {
        if (present) await loadPresent(queryClient, roomId);
        else await loadNewer(queryClient, roomId);
        setNewerState({ loading: false, error: null });
      } catch (error) {
        setNewerState({ loading: false, error });
      } finally {
        newerInFlight.current = false;
      }
    },
    [queryClient, roomId],
  );

  return {
    items,
    hasNewer: query.data?.hasNewer ?? false,
    fetchNewer,
    loadingNewer: newerState.loading,
    newerError: newerState.error,
    messages: query.data?.items ?? [],
    hasOlder: query.data?.hasOlder ?? false,
    isPending: query.isPending,
    error: query.error,
    refetch: query.refetch,
    fetchOlder,
    loadingOlder: olderState.loading,
    olderError: olderState.error,
  };
}
