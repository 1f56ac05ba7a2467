import { type Ack, type ClientToServerEvents, ErrorIssue, errorStatus, type ServerToClientEvents } from '@discordgym/contracts';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { ApiError, TransportError } from '../api/api-error';
import '../api/ban-details';

/**
 * - `idle`: not started (signed out).
 * - `connecting`: the first connection of this visit is being made.
 * - `connected`: live events flow; requests can be sent.
 * - `reconnecting`: the connection dropped (or was refused) and is being made again.
 * - `offline`: the browser says there is no network; nothing is tried until it is back.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type ClientEvent = keyof ClientToServerEvents;
export type ServerEvent = keyof ServerToClientEvents;
export type EventPayload<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
export type EventResult<E extends ClientEvent> =
  Parameters<ClientToServerEvents[E]>[1] extends (result: Ack<infer T>) => void ? T : never;

export interface RealtimeOptions {
  /** The access token for the handshake, read at every (re)connect. */
  getToken(): string | null;
  /** A fresh access token; rejects when the session is over (and signs out, as the REST client does). */
  refreshToken(staleToken: string | null): Promise<string>;
  /** An acknowledgement said the session has ended. */
  onSessionEnded(error: ApiError): void;
  isSessionEnded(error: unknown): boolean;
  url?: string;
}

export interface ConnectInfo {
  /** Socket.IO restored the previous session: room joins kept, missed packets replayed. */
  recovered: boolean;
}

type AnyHandler = (...args: never[]) => void;
type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The typed socket's emitWithAck cannot be called with a generic event name; this is its untyped face. */
interface LooseSocket {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

const Issues = z.array(ErrorIssue);
const AUTH_CODES = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID', 'UNAUTHENTICATED', 'SESSION_REVOKED']);
const MAX_RETRY_MS = 15_000;

/**
 * The one Socket.IO connection of the app, typed by the contracts' event maps.
 *
 * It authenticates the handshake with the in-memory access token and, when the server
 * refuses it as expired, refreshes the token and connects again. It believes the browser
 * about the network: on `offline` it drops the socket at once (Chromium keeps a dead
 * websocket open for a while otherwise) and connects again on `online`.
 *
 * Listeners registered with `on` survive reconnects and socket re-creation; feature code
 * reaches the server only through `request`, whose ack becomes a value or an ApiError.
 */
export class RealtimeClient {
  private socket: TypedSocket | null = null;
  private status: ConnectionStatus = 'idle';
  private readonly statusListeners = new Set<() => void>();
  private readonly connectListeners = new Set<(info: ConnectInfo) => void>();
  private readonly disconnectListeners = new Set<() => void>();
  private readonly handlers = new Map<string, Set<AnyHandler>>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  /** Handshakes refused for the token in a row: a fresh token is tried at once, a refusal of that one backs off. */
  private authRefusals = 0;
  private scopedAuth: Record<string, string> = {};
  private readonly onOnline = (): void => this.handleOnline();
  private readonly onOffline = (): void => this.handleOffline();

  constructor(private readonly options: RealtimeOptions) {}

  // ---- lifecycle ----

  start(): void {
    if (this.socket) return;
    const socket: TypedSocket = io(this.options.url ?? '/', {
      path: '/socket.io',
      autoConnect: false,
      // Websocket only: no long-polling phase, so no sticky sessions are needed behind the load balancer.
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.4,
      // A signed-in user's token, or (guest and wall pages, no account) the scope's own field;
      // a guest's credential is its httpOnly cookie, which the upgrade request carries by itself.
      auth: (callback) => {
        const token = this.options.getToken();
        callback({ ...this.scopedAuth, ...(token ? { token } : {}) });
      },
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.failures = 0;
      this.authRefusals = 0;
      this.setStatus('connected');
      for (const listener of [...this.connectListeners]) listener({ recovered: socket.recovered });
    });
    socket.on('disconnect', (reason) => {
      for (const listener of [...this.disconnectListeners]) listener();
      if (this.isBrowserOffline()) return this.setStatus('offline');
      if (reason === 'io client disconnect') return;
      this.setStatus('reconnecting');
      // The server ended the connection itself (a revoked session): Socket.IO will not retry.
      if (reason === 'io server disconnect') this.reauthenticate(null);
    });
    socket.on('connect_error', (error) => {
      if (this.isBrowserOffline()) return this.setStatus('offline');
      this.setStatus(this.status === 'connecting' && this.failures === 0 ? 'connecting' : 'reconnecting');
      this.failures += 1;
      // A refusal by the server's middleware is final for Socket.IO; a network error is retried by it.
      if (socket.active) return;
      const code = (error as Error & { data?: { code?: string } }).data?.code;
      if (code && AUTH_CODES.has(code)) {
        this.authRefusals += 1;
        this.reauthenticate(this.options.getToken());
      } else this.retryLater();
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      for (const handler of [...(this.handlers.get(event) ?? [])]) (handler as (...a: unknown[]) => void)(...args);
    });

    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    if (this.isBrowserOffline()) this.setStatus('offline');
    else {
      this.setStatus('connecting');
      socket.connect();
    }
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners();
    socket?.offAny();
    socket?.disconnect();
    this.failures = 0;
    this.authRefusals = 0;
    this.setStatus('idle');
  }

  /**
   * Handshake fields for a socket without an account (an album wall's `wall_token`), sent
   * from the next (re)connect on; `{}` clears them.
   */
  setScopedAuth(fields: Record<string, string>): void {
    this.scopedAuth = { ...fields };
  }

  // ---- state ----

  getStatus = (): ConnectionStatus => this.status;

  isConnected(): boolean {
    return this.socket?.connected === true;
  }

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  /** Every successful (re)connect; the place to join rooms and catch up. */
  onConnect(listener: (info: ConnectInfo) => void): () => void {
    this.connectListeners.add(listener);
    return () => this.connectListeners.delete(listener);
  }

  onDisconnect(listener: () => void): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  // ---- events ----

  on<E extends ServerEvent>(event: E, handler: ServerToClientEvents[E]): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as AnyHandler);
    return () => set.delete(handler as AnyHandler);
  }

  /**
   * Sends an event and waits for its ack. Never queued by Socket.IO while disconnected
   * (that buffer would replay it later behind our back): callers decide what to retry.
   */
  async request<E extends ClientEvent>(event: E, payload: EventPayload<E>, timeoutMs = 10_000): Promise<EventResult<E>> {
    const socket = this.socket;
    if (!socket?.connected) throw new TransportError('network');
    let answer: Ack<EventResult<E>>;
    try {
      answer = (await (socket as unknown as LooseSocket).timeout(timeoutMs).emitWithAck(event, payload)) as Ack<EventResult<E>>;
    } catch (error) {
      throw new TransportError('network', { cause: error });
    }
    if (answer.ok) return answer.data;
    const { code, message, details } = answer.error;
    const issues = Issues.safeParse(details);
    const error = new ApiError(code, errorStatus[code], issues.success ? issues.data : [], null, message, details);
    if (this.options.isSessionEnded(error)) this.options.onSessionEnded(error);
    throw error;
  }

  // ---- internals ----

  private setStatus(next: ConnectionStatus): void {
    if (this.status === next) return;
    this.status = next;
    for (const listener of [...this.statusListeners]) listener();
  }

  private isBrowserOffline(): boolean {
    return typeof navigator !== 'undefined' && navigator.onLine === false;
  }

  private handleOffline(): void {
    if (!this.socket) return;
    clearTimeout(this.retryTimer);
    this.setStatus('offline');
    this.socket.disconnect();
  }

  private handleOnline(): void {
    if (!this.socket || this.socket.connected) return;
    this.setStatus('reconnecting');
    this.socket.connect();
  }

  /** A fresh token, then connect again; a session that has ended signs out instead. */
  private reauthenticate(staleToken: string | null): void {
    const socket = this.socket;
    this.options.refreshToken(staleToken).then(
      () => {
        if (this.socket === socket && socket && !socket.connected && !this.isBrowserOffline()) this.retryLater(this.authRefusals > 1);
      },
      (error: unknown) => {
        if (!this.options.isSessionEnded(error)) this.retryLater(true);
      },
    );
  }

  private retryLater(backOff = true): void {
    clearTimeout(this.retryTimer);
    const delay = backOff ? Math.min(MAX_RETRY_MS, 500 * 2 ** Math.min(this.failures, 5)) * (0.8 + Math.random() * 0.4) : 0;
    this.retryTimer = setTimeout(() => {
      if (this.socket && !this.socket.connected && !this.isBrowserOffline()) this.socket.connect();
    }, delay);
  }
}
