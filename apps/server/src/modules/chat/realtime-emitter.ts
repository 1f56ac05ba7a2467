import { Injectable } from '@nestjs/common';
import type { ClientToServerEvents, ServerToClientEvents } from '@discordgym/contracts';
import type { Server } from 'socket.io';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

export const roomChannel = (chatroomId: string): string => `room:${chatroomId}`;
export const userChannel = (userId: string): string => `user:${userId}`;

/**
 * The one place that emits to sockets. Services call it only after their transaction has
 * committed; the Socket.IO adapter carries the emit to every instance.
 */
@Injectable()
export class RealtimeEmitter {
  private server: RealtimeServer | undefined;

  attach(server: RealtimeServer): void {
    this.server = server;
  }

  toRoom<E extends keyof ServerToClientEvents>(chatroomId: string, event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    this.server?.to(roomChannel(chatroomId)).emit(event, ...payload);
  }

  toUsers<E extends keyof ServerToClientEvents>(userIds: string[], event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    if (!this.server || !userIds.length) return;
    this.server.to(userIds.map(userChannel)).emit(event, ...payload);
  }

  /** Every socket of these users, on any instance, stops receiving the room's events. */
  leaveRoom(userIds: string[], chatroomId: string): void {
    if (!this.server || !userIds.length) return;
    this.server.in(userIds.map(userChannel)).socketsLeave(roomChannel(chatroomId));
  }
}
