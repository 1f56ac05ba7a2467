// The bench's Socket.IO client side, shared by the generator's scenarios and CAP's people.
import { io } from 'socket.io-client';

export const ACK_TIMEOUT_MS = 15_000;
export const HANDSHAKE_TIMEOUT_MS = 20_000;

/**
 * One websocket-only socket with a deadline for its handshake. A refusal or a timeout rejects
 * `ready` with `handshakeTimeout` telling which. `localAddress` (a 127.x.y.z) makes the socket look
 * like its own client to a proxy that hashes the client address (S6).
 */
export function openSocket(url, token, { timeoutMs = HANDSHAKE_TIMEOUT_MS, localAddress } = {}) {
  const socket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
    ...(localAddress ? { localAddress } : {}),
  });
  const ready = new Promise((resolve, reject) => {
    // socket.io-client has no deadline for the namespace CONNECT once the transport is
    // open: a handshake the server never answers would wait forever without this one.
    const timer = setTimeout(() => {
      const engine = socket.io.engine;
      socket.close();
      reject(Object.assign(new Error(`handshake timeout: no CONNECT within ${timeoutMs} ms (transport ${engine?.readyState ?? 'none'})`), { handshakeTimeout: true }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      const failure = new Error(`connect_error: ${error.message}${error.data ? ` ${JSON.stringify(error.data)}` : ''}`);
      reject(Object.assign(failure, { handshakeTimeout: /timeout/i.test(error.message) }));
    });
  });
  return { socket, ready };
}

/** Emits and waits for the `{ok, data}` ack; an error ack or no ack in time rejects. */
export function emitAck(socket, event, payload, timeoutMs = ACK_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (error, result) => {
      if (error) reject(new Error(`${event}: ack timeout`));
      else if (!result?.ok) reject(new Error(`${event}: ${JSON.stringify(result?.error ?? result)}`));
      else resolve(result.data);
    });
  });
}
