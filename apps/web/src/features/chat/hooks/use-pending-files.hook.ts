import { useCallback, useSyncExternalStore } from 'react';
import { pendingFiles, type RoomFiles } from '../api/pending-files.store';

/** The files waiting in a room's composer, and the ways to add and drop them. */
export function usePendingFiles(roomId: string) {
  const get = useCallback((): RoomFiles => pendingFiles.get(roomId), [roomId]);
  const state = useSyncExternalStore(pendingFiles.subscribe, get, get);
  return {
    ...state,
    add: useCallback((files: readonly File[]) => pendingFiles.add(roomId, files), [roomId]),
    remove: useCallback((id: string) => pendingFiles.remove(roomId, id), [roomId]),
    dismissNotice: useCallback(() => pendingFiles.dismissNotice(roomId), [roomId]),
  };
}

/** The files a paste or a drop carries (none for plain text). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  if (data.files.length) return [...data.files];
  // Some browsers list a pasted screenshot only among the items.
  return [...data.items].flatMap((item) => (item.kind === 'file' ? [item.getAsFile()].filter((f): f is File => f !== null) : []));
}
