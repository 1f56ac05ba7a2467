/**
 * The one rule for object keys, checked by both implementations before anything else:
 * lower-case letters, digits, `.`, `_`, `-` in `/`-separated segments, no segment that
 * starts with a dot (so no `.` / `..`), nothing empty. Keys are made by the server, so a
 * key that breaks the rule is a bug; on disk the rule is what keeps every path under the
 * uploads folder.
 */
const SEGMENT = /^[a-z0-9_-][a-z0-9._-]*$/;
export const MAX_KEY_LENGTH = 512;

export class InvalidObjectKeyError extends Error {
  constructor(key: string) {
    super(`Invalid object key ${JSON.stringify(key.slice(0, 80))}`);
    this.name = 'InvalidObjectKeyError';
  }
}

export function isValidObjectKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || key.includes('..')) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment));
}

export function assertValidObjectKey(key: string): string {
  if (!isValidObjectKey(key)) throw new InvalidObjectKeyError(key);
  return key;
}

/** Prefixes may end in the middle of a segment or with `/`; empty lists everything. */
export function assertValidPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (!isValidObjectKey(trimmed)) throw new InvalidObjectKeyError(prefix);
  return prefix;
}

/** S3's rule: every part but the last is at least 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PART_NUMBER = 10_000;
/** Both implementations sign for at most this long (S3's own ceiling is 7 days). */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
export const DEFAULT_PRESIGN_SECONDS = 300;

export function presignSeconds(requested: number | undefined): number {
  const seconds = requested ?? DEFAULT_PRESIGN_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
    throw new RangeError(`expiresInSeconds must be an integer from 1 to ${MAX_PRESIGN_SECONDS}`);
  }
  return seconds;
}

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(downloadName: string | undefined): string {
  if (downloadName === undefined) return 'inline';
  const ascii = downloadName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(downloadName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A content type as a browser sends it: `type/subtype`, optional parameters, no line breaks. */
export function isValidContentType(value: string): boolean {
  return value.length <= 255 && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\r\n]*"|[a-z0-9!#$&^_.+-]+))*$/i.test(value);
}
