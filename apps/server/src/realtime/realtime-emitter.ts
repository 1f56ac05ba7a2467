import { Injectable } from '@nestjs/common';
import type { ClientToServerEvents, ServerToClientEvents, SessionEnded } from '@discordgym/contracts';
import type { Server } from 'socket.io';
import { albumChannel, roomChannel, scopeChannel, scopedResourceChannel, sessionChannel, userChannel } from './channels';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * The one place that emits to sockets. Services call it only after their transaction has
 * committed; the Socket.IO adapter carries every call to every instance.
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

  /** To the room's sockets but one (the sender's own: it knows what it did). */
  toRoomExcept<E extends keyof ServerToClientEvents>(chatroomId: string, socketId: string, event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    this.server?.to(roomChannel(chatroomId)).except(socketId).emit(event, ...payload);
  }

  toUsers<E extends keyof ServerToClientEvents>(userIds: string[], event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    if (!this.server || !userIds.length) return;
    this.server.to(userIds.map(userChannel)).emit(event, ...payload);
  }

  toAlbum<E extends keyof ServerToClientEvents>(albumId: string, event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    this.server?.to(albumChannel(albumId)).emit(event, ...payload);
  }

  /** Every socket of these users, on any instance, stops receiving the album's events (removed from it). */
  leaveAlbum(userIds: string[], albumId: string): void {
    if (!this.server || !userIds.length) return;
    this.server.in(userIds.map(userChannel)).socketsLeave(albumChannel(albumId));
  }

  /** Every socket of one guest or wall link (a revocation, an album deleted), on any instance, is told why and closed. */
  endScope(kind: string, subjectId: string, why: SessionEnded): void {
    if (!this.server) return;
    const channel = scopeChannel(kind, subjectId);
    this.server.to(channel).emit('session-ended', why);
    this.server.in(channel).disconnectSockets(true);
  }

  /**
   * The album is gone: every socket stops receiving its events, and the scoped sockets
   * (guests, walls) that exist only for it are told why and closed.
   */
  closeAlbum(albumId: string, why: SessionEnded): void {
    if (!this.server) return;
    this.server.in(albumChannel(albumId)).socketsLeave(albumChannel(albumId));
    this.server.to(scopedResourceChannel(albumId)).emit('session-ended', why);
    this.server.in(scopedResourceChannel(albumId)).disconnectSockets(true);
  }

  /** Every socket of these users, on any instance, stops receiving the room's events. */
  leaveRoom(userIds: string[], chatroomId: string): void {
    if (!this.server || !userIds.length) return;
    this.server.in(userIds.map(userChannel)).socketsLeave(roomChannel(chatroomId));
  }

  /** Every socket of these sessions, on any instance, is told why and closed. */
  endSessions(sessionIds: string[], why: SessionEnded): void {
    if (!this.server || !sessionIds.length) return;
    const channels = sessionIds.map(sessionChannel);
    this.server.to(channels).emit('session-ended', why);
    this.server.in(channels).disconnectSockets(true);
  }

  /**
   * One socket. Through the adapter like the others, so the reason arrives before the
   * disconnect even when private emits travel through Redis (connection-state recovery).
   */
  endSocket(socketId: string, why: SessionEnded): void {
    if (!this.server) return;
    this.server.to(socketId).emit('session-ended', why);
    this.server.in(socketId).disconnectSockets(true);
  }

  /**
   * This instance's own authenticated sockets and the distinct users behind them (the admin
   * stats); undefined where no Socket.IO server runs (the admin CLI).
   */
  localConnections(): { sockets: number; users: number } | undefined {
    if (!this.server) return undefined;
    const users = new Set<string>();
    let sockets = 0;
    for (const socket of this.server.of('/').sockets.values()) {
      const userId = (socket.data as { auth?: { userId?: string } } | undefined)?.auth?.userId;
      if (!userId) continue;
      sockets += 1;
      users.add(userId);
    }
    return { sockets, users: users.size };
  }

  /** Every socket of this user (a ban), on any instance, is told why and closed. */
  endUser(userId: string, why: SessionEnded): void {
    if (!this.server) return;
    this.server.to(userChannel(userId)).emit('session-ended', why);
    this.server.in(userChannel(userId)).disconnectSockets(true);
  }
}
