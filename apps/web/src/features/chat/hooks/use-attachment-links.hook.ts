import type { ChatAttachmentLink } from '@discordgym/contracts';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { attachmentLinks } from '../api/attachment-links';

/**
 * Signed URLs for these attachments of a room, renewed shortly before they expire while the
 * message is on screen. The asks of all messages rendered together go out as one request.
 */
export function useAttachmentLinks(roomId: string, ids: readonly string[]): ReadonlyMap<string, ChatAttachmentLink> {
  const version = useSyncExternalStore(attachmentLinks.subscribe, attachmentLinks.getVersion, attachmentLinks.getVersion);
  const [tick, setTick] = useState(0);
  const key = ids.join(',');
  useEffect(() => {
    const list = key ? key.split(',') : [];
    if (!list.length) return;
    attachmentLinks.want(roomId, list);
    const at = attachmentLinks.nextCheckAt(list);
    if (at === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(1_000, at - Date.now()));
    return () => clearTimeout(timer);
  }, [roomId, key, version, tick]);
  return useMemo(() => {
    const map = new Map<string, ChatAttachmentLink>();
    for (const id of key ? key.split(',') : []) {
      const link = attachmentLinks.get(id);
      if (link) map.set(id, link);
    }
    return map;
    // version and tick: the cache changed, or time moved past an expiry.
  }, [key, version, tick]);
}
