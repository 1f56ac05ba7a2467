import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ReadState } from '@discordgym/contracts';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';

/** How long after announcing a reader's pointer in a room further moves of it wait to go out as one. */
export const READ_COALESCE_MS = 500;

interface Held {
  timer: NodeJS.Timeout;
  /** The pointer last announced: a slower request that answers with an older one is not news. */
  sentSeq: number;
  /** The newest move since the last announcement, if any. */
  latest?: ReadState;
}

/**
 * Announces moved read pointers, coalesced per room and reader: the first move goes out at
 * once, later ones within READ_COALESCE_MS of it become one announcement of the newest
 * pointer at the end of that time. Someone reading a busy room moves their pointer with
 * every message; the room (every member's sockets) hears of it at most twice a second.
 * Pointers only move forward, so the newest is all a listener needs. Per process: each
 * instance coalesces the reads it handled, and the adapter carries each announcement.
 */
@Injectable()
export class ReadAnnouncer implements OnModuleDestroy {
  private readonly held = new Map<string, Held>();

  constructor(private readonly emitter: RealtimeEmitter) {}

  /**
   * A reader with receipts off: only their own devices hear of it (their unread counts),
   * each move at once; that is a handful of sockets, not the room.
   */
  announce(state: ReadState, sharesReceipts: boolean): void {
    const key = `${state.chatroom_id}:${state.user_id}`;
    const held = this.held.get(key);
    if (!sharesReceipts) {
      // A move held from before receipts went off would reach the room after this newer one.
      if (held) held.latest = undefined;
      return this.emitter.toUsers([state.user_id], 'read', state);
    }
    if (held) {
      if (state.seq > held.sentSeq && (!held.latest || held.latest.seq <= state.seq)) held.latest = state;
      return;
    }
    this.emitter.toRoom(state.chatroom_id, 'read', state);
    this.hold(key, state.seq);
  }

  onModuleDestroy(): void {
    for (const held of this.held.values()) clearTimeout(held.timer);
    this.held.clear();
  }

  private hold(key: string, sentSeq: number): void {
    const timer = setTimeout(() => {
      const latest = this.held.get(key)?.latest;
      this.held.delete(key);
      if (!latest) return;
      // Held only from reads made while the reader shared receipts.
      this.emitter.toRoom(latest.chatroom_id, 'read', latest);
      // The window starts again from this announcement: a steady reader is heard twice a second.
      this.hold(key, latest.seq);
    }, READ_COALESCE_MS);
    timer.unref();
    this.held.set(key, { timer, sentSeq });
  }
}
