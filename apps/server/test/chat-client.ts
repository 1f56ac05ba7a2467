import type { ErrorCode, Message, ReadBroadcast, TypingBroadcast, UserStatusChanged } from '@discordgym/contracts';
import { io } from 'socket.io-client';
import { emitAck, type TestSocket } from './sockets';

/** Refusals that a retry cannot fix; anything else (a timeout, a lost socket, INTERNAL, 503, 429) is retried. */
const FINAL_ERRORS: ReadonlySet<ErrorCode> = new Set(['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'CLIENT_ID_CONFLICT', 'SESSION_REVOKED']);

export interface Delivery {
  message: Message;
  via: 'ack' | 'live' | 'sync';
  at: number;
}

export interface ChatClientOptions {
  /** On an unexpected disconnect, connect again, trying `urls` in order (what a load balancer does). */
  failover?: boolean;
  /** How long to keep trying to reach an instance before giving up on a reconnect. */
  failoverDeadlineMs?: number;
  connectTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A chat client kept the way the web app keeps one: every message it is told about (send
 * acks, `new-message` events, `sync` pages) goes into one map by id, so repeats are
 * dropped; the list a person sees is that map in `seq` order. A live message past a hole
 * starts a sync; with `failover`, every reconnect joins the rooms again and syncs each
 * from the highest seq held without a gap. `deliveries` keeps everything raw, repeats
 * included, for the tests to count.
 */
export class ChatClient {
  socket: TestSocket | undefined;
  url: string | undefined;
  readonly deliveries: Delivery[] = [];
  readonly messages = new Map<string, Message>();
  readonly statuses: UserStatusChanged[] = [];
  readonly typing: TypingBroadcast[] = [];
  readonly reads: ReadBroadcast[] = [];
  readonly rooms = new Set<string>();
  /** One entry per connection: where, and whether Socket.IO recovered the previous session. */
  readonly connections: { url: string; at: number; recovered: boolean }[] = [];
  readonly sendErrors: string[] = [];
  readonly failoverErrors: string[] = [];
  /** Syncs started because a live message arrived past a hole. */
  gapSyncCount = 0;
  private readonly gapSyncs = new Map<string, Promise<unknown>>();
  private reconnecting: Promise<void> | undefined;
  private closed = false;

  constructor(
    readonly urls: string[],
    readonly token: string,
    private readonly options: ChatClientOptions = {},
  ) {}

  /** Connects to the first reachable URL. */
  async connect(): Promise<this> {
    await this.open(Date.now() + (this.options.failoverDeadlineMs ?? 10_000));
    return this;
  }

  async join(chatroomId: string): Promise<number> {
    const ack = await emitAck(this.requireSocket(), 'join-room', { chatroom_id: chatroomId });
    if (!ack.ok) throw new Error(`join-room ${chatroomId}: ${JSON.stringify(ack.error)}`);
    this.rooms.add(chatroomId);
    return ack.data.last_seq;
  }

  /**
   * Sends until acked: the same client_id on every attempt, on whichever instance the
   * client is connected to by then. Bounded by `deadlineMs`.
   */
  async send(
    chatroomId: string,
    content: string,
    clientId: string,
    { attemptTimeoutMs = 3_000, deadlineMs = 30_000 }: { attemptTimeoutMs?: number; deadlineMs?: number } = {},
  ): Promise<{ message: Message; attempts: number; url: string }> {
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 1; ; attempt++) {
      if (Date.now() > deadline) throw new Error(`send ${clientId}: no ack within ${deadlineMs} ms (${attempt - 1} attempts)`);
      try {
        const socket = await this.connected(deadline);
        const ack = await emitAck(socket, 'send-message', { chatroom_id: chatroomId, content, client_id: clientId }, attemptTimeoutMs);
        if (ack.ok) {
          this.record(ack.data, 'ack');
          return { message: ack.data, attempts: attempt, url: this.url! };
        }
        this.sendErrors.push(ack.error.code);
        if (FINAL_ERRORS.has(ack.error.code)) throw Object.assign(new Error(`send ${clientId}: ${JSON.stringify(ack.error)}`), { final: true });
      } catch (error) {
        if ((error as { final?: boolean }).final) throw error;
        this.sendErrors.push(error instanceof Error ? error.message : String(error));
      }
      await sleep(Math.min(50 * attempt, 500));
    }
  }

  /** Everything after `afterSeq`, page by page, into the map. */
  async sync(chatroomId: string, afterSeq = this.contiguousSeq(chatroomId)): Promise<Message[]> {
    const fetched: Message[] = [];
    let after = afterSeq;
    for (let page = 0; page < 100; page++) {
      const ack = await emitAck(this.requireSocket(), 'sync', { rooms: [{ chatroom_id: chatroomId, after_seq: after }] });
      if (!ack.ok) throw new Error(`sync ${chatroomId}: ${JSON.stringify(ack.error)}`);
      const room = ack.data.rooms[0]!;
      if (room.error) throw new Error(`sync ${chatroomId}: ${JSON.stringify(room.error)}`);
      for (const message of room.messages) this.record(message, 'sync');
      fetched.push(...room.messages);
      if (!room.has_more || !room.messages.length) return fetched;
      after = room.messages.at(-1)!.seq;
    }
    throw new Error(`sync ${chatroomId}: more than 100 pages`);
  }

  /** The list a person sees: one entry per message id, in seq order. */
  list(chatroomId: string): Message[] {
    return [...this.messages.values()].filter((m) => m.chatroom_id === chatroomId).sort((a, b) => a.seq - b.seq);
  }

  /** The highest seq such that the client holds every message from 1 up to it. */
  contiguousSeq(chatroomId: string): number {
    const seqs = new Set(this.list(chatroomId).map((m) => m.seq));
    let seq = 0;
    while (seqs.has(seq + 1)) seq++;
    return seq;
  }

  /** Deliveries of a message the client already held. */
  repeats(chatroomId: string, via?: Delivery['via']): number {
    const seen = new Set<string>();
    let repeats = 0;
    for (const d of this.deliveries) {
      if (d.message.chatroom_id !== chatroomId) continue;
      if (seen.has(d.message.id) && (!via || d.via === via)) repeats++;
      seen.add(d.message.id);
    }
    return repeats;
  }

  statusesOf(userId: string): UserStatusChanged[] {
    return this.statuses.filter((s) => s.user_id === userId);
  }

  /**
   * The states this client saw a user go through. Status events are states, not deltas:
   * a connect or join snapshot may repeat the current one, so repeats are merged.
   */
  transitions(userId: string): UserStatusChanged['status'][] {
    return this.statusesOf(userId)
      .map((s) => s.status)
      .filter((status, i, all) => i === 0 || all[i - 1] !== status);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private requireSocket(): TestSocket {
    if (!this.socket?.connected) throw new Error('not connected');
    return this.socket;
  }

  /** A connected socket, waiting for a reconnect in progress (bounded by `deadline`). */
  private async connected(deadline: number): Promise<TestSocket> {
    while (!this.socket?.connected) {
      if (this.closed) throw new Error('client closed');
      if (Date.now() > deadline) throw new Error('no connection');
      if (this.reconnecting) await this.reconnecting.catch(() => undefined);
      else await sleep(20);
    }
    return this.socket;
  }

  private record(message: Message, via: Delivery['via']): void {
    this.deliveries.push({ message, via, at: Date.now() });
    if (!this.messages.has(message.id)) this.messages.set(message.id, message);
    if (via === 'live') this.fillGap(message.chatroom_id);
  }

  /**
   * A live message past a hole (one whose broadcast was lost, say with a crashed
   * instance) means something is missing: sync the room, one sync at a time.
   */
  private fillGap(chatroomId: string): void {
    const newest = Math.max(...this.list(chatroomId).map((m) => m.seq));
    if (newest <= this.contiguousSeq(chatroomId) || this.reconnecting || this.gapSyncs.has(chatroomId)) return;
    this.gapSyncCount++;
    const run = this.sync(chatroomId)
      .catch(() => undefined) // a reconnect syncs again anyway
      .finally(() => this.gapSyncs.delete(chatroomId));
    this.gapSyncs.set(chatroomId, run);
  }

  private async open(deadline: number): Promise<void> {
    let lastError: unknown;
    for (let round = 0; Date.now() < deadline; round++) {
      for (const url of this.urls) {
        if (this.closed) throw new Error('client closed');
        try {
          this.socket = await this.attempt(url);
          this.url = url;
          return;
        } catch (error) {
          lastError = error;
        }
      }
      await sleep(Math.min(100 * (round + 1), 500));
    }
    throw new Error(`could not connect to any of ${this.urls.join(', ')}: ${String(lastError)}`);
  }

  private attempt(url: string): Promise<TestSocket> {
    const socket: TestSocket = io(url, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
      timeout: this.options.connectTimeoutMs ?? 3_000,
    });
    // Listeners go on before connecting: the server sends presence right after the handshake.
    socket.on('new-message', (message) => this.record(message, 'live'));
    socket.on('user-status-changed', (status) => this.statuses.push(status));
    socket.on('typing', (typing) => this.typing.push(typing));
    socket.on('read', (read) => this.reads.push(read));
    return new Promise<TestSocket>((resolve, reject) => {
      socket.once('connect', () => {
        socket.off('connect_error');
        this.connections.push({ url, at: Date.now(), recovered: socket.recovered });
        socket.on('disconnect', (reason) => {
          if (this.closed || reason === 'io client disconnect' || !this.options.failover || socket !== this.socket) return;
          this.reconnecting = this.failover()
            .catch((error: unknown) => void this.failoverErrors.push(String(error)))
            .finally(() => (this.reconnecting = undefined));
        });
        resolve(socket);
      });
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
      socket.connect();
    });
  }

  /** Connect again (any instance), then join every room and sync each from its gap-free seq. */
  private async failover(): Promise<void> {
    this.socket?.removeAllListeners('disconnect');
    await this.open(Date.now() + (this.options.failoverDeadlineMs ?? 20_000));
    for (const room of this.rooms) {
      await this.join(room);
      await this.sync(room);
    }
  }
}
