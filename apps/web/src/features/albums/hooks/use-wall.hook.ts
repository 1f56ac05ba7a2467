import type { AlbumChange, WallPhoto } from '@discordgym/contracts';
import { WALL_PHOTO_URL_SECONDS } from '@discordgym/contracts';
import { useEffect, useState } from 'react';
import { realtime } from '../../../lib/realtime/realtime';
import { AlbumLive } from '../api/album-live';

export interface WallState {
  /** Oldest first, as they arrived. */
  photos: readonly WallPhoto[];
  /** The newest arrival not shown yet: the slideshow jumps to it. */
  latestId: string | null;
  synced: boolean;
  error: unknown;
}

/** Before the image URLs of the events expire, the wall fetches its whole picture again. */
const RESYNC_MS = Math.max(60_000, (WALL_PHOTO_URL_SECONDS - 600) * 1000);

export function applyWallChanges(photos: readonly WallPhoto[], changes: readonly AlbumChange[]): { photos: WallPhoto[]; latestId: string | null } {
  const byId = new Map(photos.map((p) => [p.id, p]));
  let latestId: string | null = null;
  for (const change of changes) {
    if (change.type === 'removed') byId.delete(change.photo_id);
    else {
      if (!byId.has(change.photo.id)) latestId = change.photo.id;
      byId.set(change.photo.id, change.photo);
    }
  }
  // A Map keeps insertion order: new photos go last, updated ones keep their place.
  return { photos: [...byId.values()], latestId };
}

/**
 * The wall's picture of the album, over the socket only: a full `album-sync` from seq 0,
 * then live events; after a reconnect (a server restart) it syncs from its cursor, so
 * nothing added or removed meanwhile is missed.
 */
export function useWall(albumId: string | undefined, enabled: boolean): WallState {
  const [state, setState] = useState<WallState>({ photos: [], latestId: null, synced: false, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!albumId || !enabled) return;
    let fresh = generation > 0;
    const live = new AlbumLive(
      realtime,
      albumId,
      {
        onChanges: (changes) =>
          setState((current) => {
            // A periodic re-sync starts over from seq 0: its first page replaces the picture.
            const base = fresh ? [] : current.photos;
            fresh = false;
            const next = applyWallChanges(base, changes);
            return { ...current, photos: next.photos, latestId: next.latestId ?? current.latestId, error: null };
          }),
        onSynced: () => setState((current) => ({ ...current, synced: true })),
        onError: (error) => setState((current) => ({ ...current, error })),
      },
      true,
    );
    live.start();
    const timer = setTimeout(() => setGeneration((g) => g + 1), RESYNC_MS);
    return () => {
      clearTimeout(timer);
      live.stop();
    };
  }, [albumId, enabled, generation]);

  return state;
}
