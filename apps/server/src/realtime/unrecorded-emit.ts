import type { ServerToClientEvents } from '@discordgym/contracts';
import type { Socket } from 'socket.io';

/** Socket.IO's event packet type (socket.io-parser's PacketType.EVENT). */
const EVENT_PACKET = 2;

interface SocketInternals {
  packet?(packet: { type: number; data: unknown[] }, opts: Record<string, unknown>): void;
  notifyOutgoingListeners?(packet: { type: number; data: unknown[] }): void;
}

/**
 * `socket.emit` for a snapshot the server sends again on every (re)connect: the statuses a
 * socket gets when it connects or joins a room. With connection-state recovery on, Socket.IO
 * sends each private emit through the adapter so it can be replayed: kept for two minutes
 * in memory, or one Redis stream entry each in the cluster mode, about a hundred per connect.
 * A recovered socket gets a fresh snapshot anyway, so these go straight to the socket, the
 * way Socket.IO sends them without recovery.
 */
export function emitUnrecorded<E extends keyof ServerToClientEvents>(socket: Socket, event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
  const internals = socket as unknown as SocketInternals;
  if (typeof internals.packet !== 'function') return void (socket.emit as (event: string, ...args: unknown[]) => boolean).call(socket, event, ...payload);
  const packet = { type: EVENT_PACKET, data: [event, ...payload] };
  internals.notifyOutgoingListeners?.(packet);
  internals.packet(packet, {});
}
