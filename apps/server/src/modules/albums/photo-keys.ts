/**
 * Storage keys of one photo, made by the server only: a client's file name never becomes
 * part of a key, so it cannot reach another album's prefix or overwrite anything.
 */
export const photoPrefix = (albumId: string, photoId: string): string => `albums/${albumId}/${photoId}/`;

/** `playback`: a video's copy without its metadata boxes (location), what guests get. */
export function photoKeys(albumId: string, photoId: string): { original: string; thumb: string; preview: string; playback: string } {
  const prefix = photoPrefix(albumId, photoId);
  return { original: `${prefix}original`, thumb: `${prefix}thumb.webp`, preview: `${prefix}preview.webp`, playback: `${prefix}playback` };
}
