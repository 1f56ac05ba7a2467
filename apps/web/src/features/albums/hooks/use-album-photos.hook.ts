import type { AlbumChange, AlbumPhoto, AlbumPhotoPage } from '@discordgym/contracts';
import { type InfiniteData, type QueryClient, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { realtime } from '../../../lib/realtime/realtime';
import type { AlbumAccess } from '../api/album-access';
import { AlbumLive } from '../api/album-live';
import { albumKeys } from '../api/albums.api';
import { deletePhoto, fetchPhotoPage, type PhotoSort } from '../api/photos.api';

type Pages = InfiniteData<AlbumPhotoPage, string | undefined>;

/** How often the grid looks again while one of my photos is still being processed. */
const PROCESSING_POLL_MS = 2_000;
const SETTLING: ReadonlySet<AlbumPhoto['status']> = new Set(['pending_upload', 'processing']);

const withoutPhoto = (data: Pages | undefined, photoId: string): Pages | undefined =>
  data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((p) => p.id !== photoId) })) };

/**
 * The album's photos in the chosen order, a page at a time. Kept live by the album's
 * socket events: a removed photo leaves the cache at once, an added one refetches (the
 * grid's items carry per-viewer URLs that the wall's event does not).
 */
export function useAlbumPhotos(access: AlbumAccess, albumId: string, sort: PhotoSort) {
  const key = [...albumKeys.photos(access, albumId), sort] as const;
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => fetchPhotoPage(access, albumId, sort, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: (q) => (q.state.data?.pages.some((page) => page.items.some((p) => SETTLING.has(p.status))) ? PROCESSING_POLL_MS : false),
  });
  const photos = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  return { ...query, photos };
}

/** Applies the album's live changes to every cached photo list of it. */
export function applyAlbumChanges(queryClient: QueryClient, access: AlbumAccess, albumId: string, changes: AlbumChange[]): void {
  const prefix = albumKeys.photos(access, albumId);
  let added = false;
  for (const change of changes) {
    if (change.type === 'removed') removeFromCache(queryClient, prefix, change.photo_id);
    else added = true;
  }
  if (added) void queryClient.invalidateQueries({ queryKey: prefix });
}

/**
 * Drops a photo from every cached list at once. Setting data marks a query fresh (and
 * clears an earlier invalidation), so the lists are marked stale again without a refetch:
 * a list that is not on screen still fetches anew when it comes back.
 */
function removeFromCache(queryClient: QueryClient, prefix: readonly unknown[], photoId: string): void {
  queryClient.setQueriesData<Pages>({ queryKey: prefix }, (data) => withoutPhoto(data, photoId));
  void queryClient.invalidateQueries({ queryKey: prefix, refetchType: 'none' });
}

/** Joins the album on the socket while the page is open. */
export function useAlbumLive(access: AlbumAccess, albumId: string | undefined, enabled = true): void {
  const queryClient = useQueryClient();
  const kind = access.kind;
  useEffect(() => {
    if (!albumId || !enabled) return;
    const live = new AlbumLive(realtime, albumId, {
      onChanges: (changes) => applyAlbumChanges(queryClient, { kind } as AlbumAccess, albumId, changes),
    });
    live.start();
    return () => live.stop();
  }, [queryClient, albumId, kind, enabled]);
}

export function useDeletePhoto(access: AlbumAccess, albumId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (photoId: string) => deletePhoto(access, albumId, photoId),
    onSuccess: (_, photoId) => removeFromCache(queryClient, albumKeys.photos(access, albumId), photoId),
  });
}
