import { ATTACHMENTS_PER_MESSAGE_MAX, CHAT_ATTACHMENT_BYTES_MAX } from '@discordgym/contracts';

/** What the outbox keeps of one file of a message (the bytes wait in IndexedDB, see attachment-blobs.ts). */
export interface OutboxAttachment {
  name: string;
  type: string;
  size: number;
}

export type FileRefusal = 'too-large' | 'empty';

export interface FileCheck {
  accepted: File[];
  refused: Array<{ name: string; reason: FileRefusal }>;
  /** Files left out because the message already holds the most it may. */
  overflow: number;
}

/**
 * Which of `incoming` may join the `held` files already waiting on a message: none over the
 * size limit or empty, and no more than ATTACHMENTS_PER_MESSAGE_MAX in all.
 */
export function checkFiles(held: number, incoming: readonly File[], maxBytes = CHAT_ATTACHMENT_BYTES_MAX): FileCheck {
  const accepted: File[] = [];
  const refused: FileCheck['refused'] = [];
  let overflow = 0;
  for (const file of incoming) {
    if (file.size === 0) refused.push({ name: file.name, reason: 'empty' });
    else if (file.size > maxBytes) refused.push({ name: file.name, reason: 'too-large' });
    else if (held + accepted.length >= ATTACHMENTS_PER_MESSAGE_MAX) overflow += 1;
    else accepted.push(file);
  }
  return { accepted, refused, overflow };
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;
const EXTENSION_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  zip: 'application/zip',
};

/** The type to claim for a file: the browser's, else by extension, else plain bytes (the server sniffs anyway). */
export function claimedType(file: { name: string; type: string }): string {
  const type = file.type.toLowerCase().split(';')[0]!.trim();
  if (MIME.test(type)) return type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[extension] ?? 'application/octet-stream';
}

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/** A file name the contract accepts (1–255 characters, no control characters); the server cleans it further. */
export function sendableName(name: string): string {
  const cleaned = name.replace(UNSAFE, '').trim().slice(0, 255).trim();
  return cleaned || 'file';
}

/** Types every browser paints in an <img>: only these get a thumbnail from the local copy. */
const PAINTABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
export const isPaintableImage = (type: string): boolean => PAINTABLE.has(type.toLowerCase());

/**
 * The client_id of a message's `index`-th file: derived from the message's own, so a retry of
 * the message (after a reload, a lost answer) asks for the same attachment, never a second one.
 */
export function attachmentClientId(messageClientId: string, index: number): string {
  const suffix = `_f${index}`;
  return `${messageClientId.slice(0, 64 - suffix.length)}${suffix}`;
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** "1.2 MB", "980 KB", "12 B" (binary steps, the way file managers count), in the reader's number format. */
export function formatBytes(bytes: number, locale = 'en'): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // One decimal while it says something (1.2 MB), none for bytes or from 100 up.
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const rounded = Number(value.toFixed(digits));
  // 1023.96 KB rounds up to the next unit rather than showing "1024 KB".
  if (rounded >= 1024 && unit < UNITS.length - 1) return formatBytes(1024 ** (unit + 1), locale);
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0, useGrouping: false }).format(rounded);
  return `${text} ${UNITS[unit]}`;
}

/** What an icon says about a file: by its type, then by its extension. */
export type FileFamily = 'image' | 'pdf' | 'archive' | 'text' | 'audio' | 'video' | 'other';

export function fileFamily(type: string, name = ''): FileFamily {
  const t = type.toLowerCase();
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  if (t.startsWith('image/')) return 'image';
  if (t === 'application/pdf' || extension === 'pdf') return 'pdf';
  if (/zip|x-7z|x-rar|x-tar|gzip/.test(t) || ['zip', '7z', 'rar', 'tar', 'gz'].includes(extension)) return 'archive';
  if (t.startsWith('text/') || ['txt', 'md', 'csv', 'json'].includes(extension)) return 'text';
  if (t.startsWith('audio/')) return 'audio';
  if (t.startsWith('video/')) return 'video';
  return 'other';
}

/** Columns of an image grid: one image wide, two side by side, three in a row from three on. */
export const gridColumns = (images: number): 1 | 2 | 3 => (images <= 1 ? 1 : images === 2 || images === 4 ? 2 : 3);

/** A link is used until this long before it expires, then asked for again. */
export const LINK_REFRESH_MARGIN_MS = 30_000;

export const isLinkFresh = (expiresAt: string, now = Date.now()): boolean => Date.parse(expiresAt) - LINK_REFRESH_MARGIN_MS > now;

/** The waits between polls of an image being processed: growing, capped, and bounded in total. */
export function pollDelays(first = 300, factor = 1.6, cap = 3_000, totalMs = 120_000): number[] {
  const delays: number[] = [];
  let sum = 0;
  for (let delay = first; sum + delay <= totalMs; delay = Math.min(cap, delay * factor)) {
    delays.push(Math.round(delay));
    sum += delay;
  }
  return delays;
}
