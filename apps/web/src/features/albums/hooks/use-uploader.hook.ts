import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { AlbumAccess } from '../api/album-access';
import { albumKeys } from '../api/albums.api';
import { overallProgress, type UploadItem, UploadQueue } from '../api/upload-queue';

const NONE: readonly UploadItem[] = [];
const noSubscription = () => () => undefined;

/** One upload queue per album page: picked and dropped files go in, the grid refetches as each lands. */
export function useUploader(access: AlbumAccess, albumId: string, maxFileBytes: number | undefined) {
  const queryClient = useQueryClient();
  const kind = access.kind;
  const [queue, setQueue] = useState<UploadQueue | null>(null);
  useEffect(() => {
    const created = new UploadQueue({ kind } as AlbumAccess, albumId, {
      onUploaded: () => void queryClient.invalidateQueries({ queryKey: albumKeys.photos({ kind } as AlbumAccess, albumId) }),
    });
    setQueue(created);
    return () => created.stop();
  }, [queryClient, kind, albumId]);
  useEffect(() => queue?.setMaxFileBytes(maxFileBytes), [queue, maxFileBytes]);
  const items = useSyncExternalStore(queue?.subscribe ?? noSubscription, queue?.getSnapshot ?? (() => NONE), queue?.getSnapshot ?? (() => NONE));
  const add = useCallback((files: Iterable<File>) => queue?.add(files), [queue]);
  const retry = useCallback((id: string) => queue?.retry(id), [queue]);
  const clearFinished = useCallback(() => queue?.clearFinished(), [queue]);
  return { items, overall: overallProgress(items), add, retry, clearFinished, ready: queue !== null };
}
