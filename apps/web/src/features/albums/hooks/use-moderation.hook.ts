import type { AlbumPhotoPage } from '@discordgym/contracts';
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { albumKeys } from '../api/albums.api';
import { fetchQueuePage, moderate } from '../api/photos.api';

type Pages = InfiniteData<AlbumPhotoPage, string | undefined>;

/** How often a host's open queue looks for new photos (new uploads are not pushed to hosts' sockets). */
const QUEUE_POLL_MS = 5_000;

export function useModerationQueue(albumId: string) {
  const queryClient = useQueryClient();
  const key = albumKeys.queue(albumId);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => fetchQueuePage(albumId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: QUEUE_POLL_MS,
  });
  const photos = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const decide = useMutation({
    mutationFn: ({ ids, action }: { ids: string[]; action: 'approve' | 'reject' }) => moderate(albumId, ids, action),
    onSuccess: (result) => {
      const done = new Set([...result.approved, ...result.rejected, ...result.skipped]);
      queryClient.setQueryData<Pages>(key, (data) => data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((p) => !done.has(p.id)) })) });
      void queryClient.invalidateQueries({ queryKey: ['albums', 'photos'] });
    },
  });
  return { ...query, photos, decide };
}
