import { ALBUM_SYNC_PAGE_MAX, type AlbumChange } from '@discordgym/contracts';
import type { RealtimeClient } from '../../../lib/realtime/realtime-client';

/** A catch-up stops after this many pages (200 changes each); the next reconnect goes on from there. */
const MAX_SYNC_PAGES = 50;

export interface AlbumLiveHandlers {
  /** Changes in seq order: live events one by one, a catch-up page by page. */
  onChanges(changes: AlbumChange[]): void;
  /** A catch-up after a (re)connect finished. */
  onSynced?(): void;
  onError?(error: unknown): void;
}

/**
 * One album's live side on the app's socket: joins the album on every (re)connect and
 * asks `album-sync` for what happened after the last seq it holds, so a wall that lived
 * through a dropped connection or a server restart misses nothing. `fromStart` syncs from
 * seq 0 (the wall's whole picture); otherwise the first join only sets the cursor.
 */
export class AlbumLive {
  private cursor = 0;
  private readonly cleanups: Array<() => void> = [];
  private stopped = false;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly realtime: RealtimeClient,
    private readonly albumId: string,
    private readonly handlers: AlbumLiveHandlers,
    private readonly fromStart = false,
  ) {}

  start(): void {
    const rt = this.realtime;
    this.cleanups.push(
      rt.on('album-photo-added', (event) => {
        if (event.album_id !== this.albumId) return;
        this.advance(event.seq);
        this.handlers.onChanges([{ type: 'added', seq: event.seq, photo: event.photo }]);
      }),
      rt.on('album-photo-removed', (event) => {
        if (event.album_id !== this.albumId) return;
        this.advance(event.seq);
        this.handlers.onChanges([{ type: 'removed', seq: event.seq, photo_id: event.photo_id }]);
      }),
      rt.onConnect(() => void this.join()),
    );
    if (rt.isConnected()) void this.join();
  }

  stop(): void {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.realtime.isConnected()) this.realtime.request('leave-album', { album_id: this.albumId }).catch(() => undefined);
  }

  private advance(seq: number): void {
    if (seq > this.cursor) this.cursor = seq;
  }

  private async join(): Promise<void> {
    try {
      const joined = await this.realtime.request('join-album', { album_id: this.albumId });
      if (this.stopped) return;
      const first = this.syncing === null && this.cursor === 0;
      if (first && !this.fromStart) {
        this.advance(joined.last_seq);
        this.handlers.onSynced?.();
        this.syncing = Promise.resolve();
        return;
      }
      this.syncing = this.catchUp();
      await this.syncing;
    } catch (error) {
      if (!this.stopped) this.handlers.onError?.(error);
    }
  }

  private async catchUp(): Promise<void> {
    for (let page = 0; page < MAX_SYNC_PAGES && !this.stopped; page++) {
      const result = await this.realtime.request('album-sync', { album_id: this.albumId, after: this.cursor, limit: ALBUM_SYNC_PAGE_MAX });
      if (this.stopped) return;
      this.advance(result.cursor);
      if (result.changes.length > 0) this.handlers.onChanges(result.changes);
      if (!result.has_more) break;
    }
    this.handlers.onSynced?.();
  }
}
