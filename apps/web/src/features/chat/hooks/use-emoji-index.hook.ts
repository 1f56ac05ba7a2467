import { useEffect, useState } from 'react';
import { type EmojiIndex, loadEmojiIndex } from '../api/emoji-data';

/** The shortcode index, fetched the first time it is `wanted` (the composer holds a colon). */
export function useEmojiIndex(wanted: boolean): EmojiIndex | null {
  const [index, setIndex] = useState<EmojiIndex | null>(null);
  useEffect(() => {
    if (!wanted || index) return;
    let cancelled = false;
    loadEmojiIndex()
      .then((loaded) => {
        if (!cancelled) setIndex(loaded);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [wanted, index]);
  return index;
}
