import { thumbHashToDataURL } from 'thumbhash';

const cache = new Map<string, string | null>();

/** A thumbhash (base64) as a small PNG data URL for a blurred tile (album photos, chat images); null when it cannot be read. */
export function placeholderUrl(hash: string | null): string | null {
  if (!hash) return null;
  const known = cache.get(hash);
  if (known !== undefined) return known;
  let url: string | null;
  try {
    url = thumbHashToDataURL(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0)));
  } catch {
    url = null;
  }
  // Bounded: a wall running all night sees a few thousand photos at most, and each entry is ~1 KB.
  if (cache.size > 2_000) cache.clear();
  cache.set(hash, url);
  return url;
}
