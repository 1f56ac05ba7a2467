import { useEffect, useState } from 'react';
import { loadFiles } from '../api/attachment-blobs';
import { isPaintableImage } from '../api/attachment-files';
import type { OutboxEntry } from '../api/outbox.store';

/**
 * Object URLs of a queued message's images, from the copy kept in this browser (memory, or
 * IndexedDB after a reload), so a message written offline shows its pictures at once.
 * Null for files that are no image, or not found.
 */
export function useLocalFiles(userId: string, entry: OutboxEntry): ReadonlyArray<string | null> {
  const [urls, setUrls] = useState<ReadonlyArray<string | null>>([]);
  const filesId = entry.files_id ?? entry.client_id;
  const types = (entry.attachments ?? []).map((a) => a.type).join(',');
  useEffect(() => {
    const kinds = types ? types.split(',') : [];
    let live = true;
    let made: Array<string | null> = [];
    void loadFiles(userId, filesId, kinds.length).then((blobs) => {
      if (!live) return;
      made = blobs.map((blob, i) => (blob && isPaintableImage(kinds[i]!) ? URL.createObjectURL(blob) : null));
      setUrls(made);
    });
    return () => {
      live = false;
      for (const url of made) if (url) URL.revokeObjectURL(url);
    };
  }, [userId, filesId, types]);
  return urls;
}
