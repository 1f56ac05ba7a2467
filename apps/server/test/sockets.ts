import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@discordgym/contracts';
import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected Socket.IO client, authenticated with an access token. */
export async function connectSocket(
  url: string,
  token: string | undefined,
  options: { transports?: ('websocket' | 'polling')[]; headers?: Record<string, string>; reconnection?: boolean } = {},
): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth: token === undefined ? {} : { token },
    transports: options.transports ?? ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
    extraHeaders: options.headers,
    timeout: 5_000,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/** Emits a client event and waits for its ack. */
export function emitAck<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5_000,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve, reject) => {
    const emitter = socket.timeout(timeoutMs) as unknown as {
      emit(event: string, payload: unknown, ack: (error: Error | null, result: Ack<unknown>) => void): void;
    };
    emitter.emit(event, payload, (error, result) => (error ? reject(error) : resolve(result as never)));
  });
}

/** Every payload of one server event, in arrival order. */
export function collect<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E): Parameters<ServerToClientEvents[E]>[0][] {
  const received: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket as unknown as { on(event: string, listener: (payload: never) => void): void }).on(event, (payload: never) => received.push(payload));
  return received;
}

/** Polls until the check passes or the time is up (then throws with the last error). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
