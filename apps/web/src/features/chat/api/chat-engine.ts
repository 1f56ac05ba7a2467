import {
  type ChatroomList,
  type ErrorCode,
  type MembershipBroadcast,
  type Message,
  type PublicUser,
  type ReadBroadcast,
  type SearchResults,
  SYNC_ROOMS_MAX,
  type TypingBroadcast,
  type UserStatusChanged,
} from '@discordgym/contracts';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api/api-error';
import type { ConnectInfo, RealtimeClient } from '../../../lib/realtime/realtime-client';
import { chatKeys, fetchRooms } from './chat.api';
import {
  newestSeq,
  type PresenceMap,
  type RoomMessages,
  roomsWithChanged,
  roomsWithDelivered,
  roomsWithMyRead,
  roomsWithout,
  roomsWithTheirRead,
  type TypingMap,
  typingWith,
  withMessages,
} from './chat-cache';
import { deleteFiles } from './attachment-blobs';
import { isRestored } from './offline-snapshot';
import { chatSocket } from './chat-socket.api';
import { type Outbox, type OutboxEntry, outboxFor } from './outbox.store';
import { readingRoom } from './reading-room';
import { roomMessagesWithUser, roomsWithUser, searchWithUser } from './user-cache';

/** Refusals that will not change by sending again: the entry is marked failed for the user to decide. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'CLIENT_ID_CONFLICT',
  'PAYLOAD_TOO_LARGE',
  // A file on the message: not a type we take, over a quota, or already on another message.
  'FILE_TYPE_REFUSED',
  'UNSUPPORTED_MEDIA_TYPE',
  'QUOTA_EXCEEDED',
  'ATTACHMENT_ALREADY_SENT',
]);

const AWAY_AFTER_HIDDEN_MS = 60_000;
/** Rooms whose read pointers or live deliveries are kept for the next fetched list; beyond it they are forgotten (a list fetched meanwhile has them anyway). */
const ROOMS_TRACKED_MAX = 500;
/** Live deliveries kept per room: a fetch is at most a few seconds behind, so the newest hundreds are all it can miss. */
const DELIVERED_KEPT = 200;

/**
 * The chat's live side, one per signed-in user: it turns socket events into query-cache
 * updates, keeps every room joined, catches up after each reconnect (`sync` from each
 * room's newest known seq), fills seq gaps, and sends the outbox in order whenever the
 * connection is up. Components never see any of this; they read the cache.
 */
export class ChatEngine {
  private readonly outbox: Outbox;
  private readonly joined = new Set<string>();
  /** My read pointers announced since the room list last had them (see `reapplyMyReads`). */
  private readonly myReads = new Map<string, { seq: number; refetched: boolean }>();
  /** Messages delivered live per room (the newest few), and whether each counted as unread (see `reapplyMyReads`). */
  private readonly delivered = new Map<string, { seq: number; counted: boolean }[]>();
  private readonly cleanups: Array<() => void> = [];
  private readonly syncQueue = new Map<string, number>();
  private syncTimer: ReturnType<typeof setTimeout> | undefined;
  private roomsTimer: ReturnType<typeof setTimeout> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private awayTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing = false;
  private retryDelay = 1_000;
  private connects = 0;
  private away = false;
  private stopped = false;
  /** Outbox entries that carry files (by files_id), to notice when one has gone. */
  private withFiles: Set<string>;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly realtime: RealtimeClient,
    private readonly meId: string,
  ) {
    this.outbox = outboxFor(meId);
    this.withFiles = this.filesIds();
  }

  start(): void {
    const rt = this.realtime;
    this.cleanups.push(
      rt.on('new-message', (message) => this.deliver([message])),
      rt.on('message-updated', (message) => this.changed(message)),
      rt.on('message-deleted', (message) => this.changed(message)),
      rt.on('reaction', (payload) => this.changed(payload.message)),
      rt.on('typing', (payload) => this.typing(payload)),
      rt.on('read', (payload) => this.read(payload)),
      rt.on('user-joined', (payload) => this.membership(payload)),
      rt.on('user-left', (payload) => this.membership(payload)),
      rt.on('user-status-changed', (payload) => this.presence(payload)),
      rt.on('user-updated', ({ user }) => this.userUpdated(user)),
      rt.on('rooms-changed', ({ chatroom_id, reason }) => this.roomsChanged(chatroom_id, reason)),
      rt.onConnect((info) => void this.connected(info)),
      // Out of touch, nobody's status or typing is known; the server tells them again on connect.
      rt.onDisconnect(() => {
        this.queryClient.setQueryData<PresenceMap>(chatKeys.presence, {});
        this.queryClient.setQueriesData<TypingMap>({ queryKey: ['chat', 'typing'] }, {});
      }),
      this.queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success' && event.query.queryKey.join('/') === chatKeys.rooms.join('/')) {
          if (!event.action.manual) this.reapplyMyReads();
          void this.joinMissing(true);
        }
      }),
      this.outbox.subscribe(() => {
        this.forgetSentFiles();
        this.scheduleFlush(0);
      }),
    );
    document.addEventListener('visibilitychange', this.onVisibility);
    if (rt.isConnected()) void this.connected({ recovered: false });
  }

  stop(): void {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const timer of [this.syncTimer, this.roomsTimer, this.flushTimer, this.awayTimer]) clearTimeout(timer);
  }

  // ---- connection ----

  private async connected(info: ConnectInfo): Promise<void> {
    this.connects += 1;
    // The server forgot this socket's rooms unless Socket.IO recovered the session.
    if (!info.recovered) this.joined.clear();
    this.away = false;
    if (document.visibilityState === 'hidden') this.onVisibility();
    try {
      const rooms = await this.queryClient.ensureQueryData({ queryKey: chatKeys.rooms, queryFn: ({ signal }) => fetchRooms(signal) });
      await this.joinMissing(false);
      const delivered = await this.syncRooms(
        rooms.items.map((room) => ({
          chatroom_id: room.id,
          after_seq: Math.max(room.last_seq, newestSeq(this.messagesOf(room.id)) ?? 0),
        })),
      );
      // After a reconnect the server's unread counts are the truth; a first connect has just fetched them
      // (unless the app started offline and showed what it had kept: then all of that is refetched).
      if (this.connects > 1 || delivered || isRestored(rooms)) this.invalidateRoomsSoon(0);
      for (const room of rooms.items) {
        if (isRestored(this.messagesOf(room.id))) void this.queryClient.invalidateQueries({ queryKey: chatKeys.messages(room.id) });
      }
    } catch {
      // Not connected any more, or the list could not be fetched: the next connect tries again.
    }
    this.scheduleFlush(0);
  }

  private async joinMissing(syncNew: boolean): Promise<void> {
    if (!this.realtime.isConnected()) return;
    const rooms = this.queryClient.getQueryData<ChatroomList>(chatKeys.rooms)?.items ?? [];
    // A room I was removed from cannot be joined: it is read-only history.
    const fresh = rooms.filter((room) => !this.joined.has(room.id) && !room.removed);
    for (const room of fresh) this.joined.add(room.id);
    await Promise.all(
      fresh.map((room) =>
        chatSocket.join(room.id).then(
          ({ last_seq }) => {
            // A room that appeared while connected: catch up on anything sent before we joined.
            if (syncNew && last_seq > room.last_seq) this.requestSync(room.id, room.last_seq);
          },
          () => this.joined.delete(room.id),
        ),
      ),
    );
  }

  // ---- catching up ----

  /** Asks for a room's messages after `afterSeq`; batched, so a burst of gaps is one round trip. */
  private requestSync(roomId: string, afterSeq: number): void {
    const queued = this.syncQueue.get(roomId);
    this.syncQueue.set(roomId, queued === undefined ? afterSeq : Math.min(queued, afterSeq));
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => {
      const rooms = [...this.syncQueue].map(([chatroom_id, after_seq]) => ({ chatroom_id, after_seq }));
      this.syncQueue.clear();
      void this.syncRooms(rooms)
        .then(() => this.invalidateRoomsSoon(0))
        .catch(() => undefined);
    }, 100);
  }

  /** Returns whether anything new arrived. */
  private async syncRooms(rooms: Array<{ chatroom_id: string; after_seq: number }>): Promise<boolean> {
    let delivered = false;
    for (let i = 0; i < rooms.length; i += SYNC_ROOMS_MAX) {
      const result = await chatSocket.sync(rooms.slice(i, i + SYNC_ROOMS_MAX));
      for (const room of result.rooms) {
        // Not mine any more (left, removed or deleted while this tab was away): it goes from the list.
        if (room.error) {
          this.dropRoom(room.chatroom_id);
          continue;
        }
        if (room.messages.length) delivered = true;
        this.deliver(room.messages);
        // Too much to catch up on message by message: the room starts again from its newest page.
        if (room.has_more) void this.queryClient.invalidateQueries({ queryKey: chatKeys.messages(room.chatroom_id) });
      }
    }
    return delivered;
  }

  // ---- events into the cache ----

  /** New messages (live, acked, or from a sync), in any order and possibly repeated. */
  private deliver(messages: readonly Message[]): void {
    if (!messages.length) return;
    const sorted = [...messages].sort((a, b) => a.seq - b.seq);
    const rooms = new Set(sorted.map((m) => m.chatroom_id));
    for (const roomId of rooms) {
      const incoming = sorted.filter((m) => m.chatroom_id === roomId);
      const cached = this.messagesOf(roomId);
      if (cached) {
        const newest = newestSeq(cached);
        const first = incoming[0]!;
        if (newest !== null && first.seq > newest + 1 && !cached.hasNewer) this.requestSync(roomId, newest);
        this.queryClient.setQueryData<RoomMessages>(chatKeys.messages(roomId), (data) => (data ? withMessages(data, incoming, false) : data));
      }
      const reading = readingRoom.get() === roomId;
      for (const message of incoming) {
        const list = this.queryClient.getQueryData<ChatroomList>(chatKeys.rooms);
        if (!list) break;
        const knownSeq = list.items.find((r) => r.id === roomId)?.last_seq ?? 0;
        const result = roomsWithDelivered(list, message, this.meId, reading);
        const unreadOf = (l: ChatroomList) => l.items.find((r) => r.id === roomId)?.unread_count ?? 0;
        this.rememberDelivered(roomId, message.seq, unreadOf(result.list) > unreadOf(list));
        if (!result.known) this.invalidateRoomsSoon();
        else if (result.list !== list) this.queryClient.setQueryData(chatKeys.rooms, result.list);
        // Nothing of this room is loaded, but its unread count would be off: catch up from the list's seq.
        if (result.gap && !cached) this.requestSync(roomId, knownSeq);
      }
      const senders = new Set(incoming.map((m) => m.sender_id));
      this.queryClient.setQueryData<TypingMap>(chatKeys.typing(roomId), (map) => {
        if (!map || ![...senders].some((id) => id in map)) return map;
        return Object.fromEntries(Object.entries(map).filter(([id]) => !senders.has(id)));
      });
    }
    for (const message of sorted) if (message.sender_id === this.meId) this.outbox.delivered(message.client_id);
  }

  /** Edited, deleted or reacted to: replace the cached copy, if this message is loaded at all. */
  private changed(message: Message): void {
    const previous = this.messagesOf(message.chatroom_id)?.items.find((m) => m.id === message.id);
    if (previous) {
      this.queryClient.setQueryData<RoomMessages>(chatKeys.messages(message.chatroom_id), (data) =>
        data ? withMessages(data, [message], true) : data,
      );
    }
    this.queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithChanged(list, message, this.meId, previous) : list));
  }

  private typing(payload: TypingBroadcast): void {
    if (payload.user_id === this.meId) return;
    this.queryClient.setQueryData<TypingMap>(chatKeys.typing(payload.chatroom_id), (map) =>
      typingWith(map, payload.user_id, payload.is_typing, payload.expires_in_ms),
    );
  }

  private read(payload: ReadBroadcast): void {
    const list = this.queryClient.getQueryData<ChatroomList>(chatKeys.rooms);
    if (!list) return;
    if (payload.user_id !== this.meId) {
      this.queryClient.setQueryData(chatKeys.rooms, roomsWithTheirRead(list, payload));
      return;
    }
    if (this.myReads.size >= ROOMS_TRACKED_MAX) this.myReads.clear();
    this.myReads.set(payload.chatroom_id, { seq: Math.max(payload.seq, this.myReads.get(payload.chatroom_id)?.seq ?? 0), refetched: false });
    const result = roomsWithMyRead(list, payload.chatroom_id, payload.seq);
    this.queryClient.setQueryData(chatKeys.rooms, result.list);
    const listed = list.items.some((room) => room.id === payload.chatroom_id);
    if (!result.exact || !listed) this.invalidateRoomsSoon();
  }

  /**
   * A room list fetched before one of my reads committed, landing after it, would bring the
   * read's unread messages back; one fetched before a message committed and landing after it
   * was delivered would count it out. My pointers stay here until a fetched list has them, and
   * are laid over every list fetched before that; messages delivered after what a list saw
   * are added to it.
   */
  private reapplyMyReads(): void {
    const list = this.queryClient.getQueryData<ChatroomList>(chatKeys.rooms);
    if (!list) return;
    let next = list;
    let refetch = false;
    for (const [roomId, mine] of this.myReads) {
      const room = list.items.find((r) => r.id === roomId);
      if (!room) continue;
      if (room.last_read_seq >= mine.seq) {
        this.myReads.delete(roomId);
        continue;
      }
      const result = roomsWithMyRead(next, roomId, mine.seq);
      next = result.list;
      // A part read needs the server's count: asked for once, so a pointer the server never reaches cannot loop.
      if (!result.exact && !mine.refetched) refetch = mine.refetched = true;
    }
    // Messages delivered live that the fetch did not see yet (committed after it read): counted in again.
    for (const room of next.items) {
      const later = (this.delivered.get(room.id) ?? []).filter((d) => d.seq > room.last_seq);
      if (!later.length) continue;
      const unread = later.filter((d) => d.counted && d.seq > room.last_read_seq).length;
      next = { items: next.items.map((r) => (r.id === room.id ? { ...r, last_seq: later.at(-1)!.seq, unread_count: r.unread_count + unread } : r)) };
    }
    if (next !== list) this.queryClient.setQueryData(chatKeys.rooms, next);
    if (refetch) this.invalidateRoomsSoon();
  }

  private rememberDelivered(roomId: string, seq: number, counted: boolean): void {
    if (!this.delivered.has(roomId) && this.delivered.size >= ROOMS_TRACKED_MAX) this.delivered.clear();
    const list = this.delivered.get(roomId) ?? [];
    // Deliveries come in seq order (sorted per batch); a repeat or an older one (a sync behind live) is not news.
    if (list.length && list.at(-1)!.seq >= seq) return;
    list.push({ seq, counted });
    if (list.length > DELIVERED_KEPT) list.shift();
    this.delivered.set(roomId, list);
  }

  private membership(_payload: MembershipBroadcast): void {
    this.invalidateRoomsSoon();
  }

  private presence(payload: UserStatusChanged): void {
    this.queryClient.setQueryData<PresenceMap>(chatKeys.presence, (map) => ({
      ...map,
      [payload.user_id]: { status: payload.status, last_seen: payload.last_seen },
    }));
  }

  /** A profile changed: names and avatars in the room list, the loaded messages and search results follow. */
  private userUpdated(user: PublicUser): void {
    this.queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithUser(list, user) : list));
    this.queryClient.setQueriesData<RoomMessages>({ queryKey: chatKeys.messages('').slice(0, 2) }, (data) =>
      data?.items ? roomMessagesWithUser(data, user) : data,
    );
    this.queryClient.setQueriesData<InfiniteData<SearchResults>>({ queryKey: chatKeys.search('', null).slice(0, 2) }, (data) =>
      data?.pages ? { ...data, pages: data.pages.map((page) => searchWithUser(page, user)) } : data,
    );
  }

  private roomsChanged(roomId: string, reason: 'added' | 'removed' | 'updated' | 'deleted'): void {
    if (reason === 'added' || reason === 'updated') return this.invalidateRoomsSoon(0);
    if (reason === 'removed') {
      // Removed by the owner: the room stays listed, read-only, with what I have of it, until I dismiss it.
      this.joined.delete(roomId);
      this.queryClient.removeQueries({ queryKey: chatKeys.typing(roomId) });
      return this.invalidateRoomsSoon(0);
    }
    this.dropRoom(roomId);
  }

  /** Forgets a room that is not mine any more: its list entry, its messages and who was typing there. */
  private dropRoom(roomId: string): void {
    this.joined.delete(roomId);
    this.queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithout(list, roomId) : list));
    this.queryClient.removeQueries({ queryKey: chatKeys.messages(roomId) });
    this.queryClient.removeQueries({ queryKey: chatKeys.typing(roomId) });
  }

  // ---- the outbox ----

  private scheduleFlush(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), delayMs);
  }

  /** One at a time and oldest first, so messages arrive in the order they were written. */
  private async flush(): Promise<void> {
    if (this.flushing || this.stopped) return;
    this.flushing = true;
    try {
      while (!this.stopped && this.realtime.isConnected()) {
        const next = this.outbox.entries().find((e) => e.status === 'pending');
        if (!next) break;
        try {
          const attachmentIds = next.attachments?.length ? await this.uploadFiles(next) : undefined;
          const message = await chatSocket.send({
            chatroom_id: next.chatroom_id,
            content: next.content,
            client_id: next.client_id,
            ...(next.reply_to_id ? { reply_to_id: next.reply_to_id } : {}),
            ...(next.card ? { card: next.card } : {}),
            ...(attachmentIds ? { attachment_ids: attachmentIds } : {}),
          });
          this.retryDelay = 1_000;
          this.deliver([message]);
          // An ack for an entry discarded meanwhile (or another tab's): it is delivered either way.
          this.outbox.delivered(next.client_id);
        } catch (error) {
          if (error instanceof ApiError && PERMANENT.has(error.code)) {
            this.outbox.fail(next.client_id, error.code);
            continue;
          }
          if (error instanceof Error && error.name === 'AttachmentRefused') {
            const refused = error as Error & { reason: string; index: number };
            this.outbox.fail(next.client_id, 'FILE_TYPE_REFUSED', `${refused.reason}:${refused.index}`);
            continue;
          }
          // Offline, timed out, rate limited or a server hiccup: it stays pending and goes again later.
          this.scheduleFlush(this.retryDelay);
          this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
          break;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The message's files uploaded and ready (the upload code loads with the first message that has any). */
  private async uploadFiles(entry: OutboxEntry): Promise<string[]> {
    const { uploadAttachments } = await import('./attachment-upload');
    return uploadAttachments(entry, this.meId);
  }

  private filesIds(): Set<string> {
    return new Set(this.outbox.entries().flatMap((e) => (e.attachments?.length ? [e.files_id ?? e.client_id] : [])));
  }

  /** Entries with files that left the outbox (sent, discarded, here or in another tab): their bytes go too. */
  private forgetSentFiles(): void {
    const now = this.filesIds();
    const gone = [...this.withFiles].filter((id) => !now.has(id));
    this.withFiles = now;
    if (gone.length) void Promise.all(gone.map((id) => deleteFiles(this.meId, id)));
  }

  // ---- presence ----

  private readonly onVisibility = (): void => {
    clearTimeout(this.awayTimer);
    if (document.visibilityState === 'hidden') {
      this.awayTimer = setTimeout(() => {
        this.away = true;
        void chatSocket.presence('away').catch(() => undefined);
      }, AWAY_AFTER_HIDDEN_MS);
    } else if (this.away) {
      this.away = false;
      void chatSocket.presence('online').catch(() => undefined);
    }
  };

  // ---- helpers ----

  private messagesOf(roomId: string): RoomMessages | undefined {
    return this.queryClient.getQueryData<RoomMessages>(chatKeys.messages(roomId));
  }

  private invalidateRoomsSoon(delayMs = 300): void {
    clearTimeout(this.roomsTimer);
    this.roomsTimer = setTimeout(() => void this.queryClient.invalidateQueries({ queryKey: chatKeys.rooms }), delayMs);
  }
}
