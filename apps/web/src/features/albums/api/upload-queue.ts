import { ALBUM_UPLOAD_TYPES, type AlbumPhoto, type UploadTicket } from '@discordgym/contracts';
import { ApiError } from '../../../lib/api/api-error';
import { newClientId } from '../../../lib/storage/client-id';
import { putWithProgress } from '../../../lib/upload/put-with-progress';
import type { AlbumAccess } from './album-access';
import { completeUpload, requestParts, requestUploads } from './photos.api';

export type UploadStatus = 'queued' | 'uploading' | 'retrying' | 'done' | 'failed';
export type UploadRefusal = 'too-large' | 'bad-type';

export interface UploadItem {
  /** The file's client_id: every retry of this file sends the same one, so it is one photo at most. */
  clientId: string;
  name: string;
  size: number;
  loaded: number;
  status: UploadStatus;
  attempts: number;
  /** When a retry starts (ms since epoch), while `retrying`. */
  retryAt: number | null;
  /** Why it failed for good: refused here before sending, or the server's error. */
  refusal: UploadRefusal | null;
  error: unknown;
  photo: AlbumPhoto | null;
}

export interface UploadQueueOptions {
  concurrency?: number;
  maxAttempts?: number;
  /** The first retry's wait; each further one doubles it (with jitter). */
  baseDelayMs?: number;
  maxFileBytes?: number;
  onUploaded?(photo: AlbumPhoto): void;
}

interface Entry {
  item: UploadItem;
  file: File;
  type: string;
  xhr: XMLHttpRequest | null;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const EXTENSION_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};
const ALLOWED: ReadonlySet<string> = new Set(ALBUM_UPLOAD_TYPES);

/** The type to claim: the browser's, or by extension where it knows none (HEIC on many systems). */
export function claimedType(file: File): string {
  if (file.type) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[extension] ?? 'application/octet-stream';
}

/** A failure another try may fix: the network, the server's 5xx, a rate limit, an upload storage did not finish. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status >= 500 || error.code === 'RATE_LIMITED' || error.code === 'UPLOAD_INCOMPLETE';
}

/**
 * The uploader: files go straight to storage with presigned PUTs, three at a time; a
 * failure that another try may fix is retried with exponential backoff under the same
 * client_id, so the server answers the same photo instead of making a second one.
 */
export class UploadQueue {
  private readonly entries: Entry[] = [];
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly UploadItem[] = [];
  private stopped = false;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;

  constructor(
    private readonly access: AlbumAccess,
    private readonly albumId: string,
    private readonly options: UploadQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 3;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly UploadItem[] => this.snapshot;

  setMaxFileBytes(bytes: number | undefined): void {
    this.options.maxFileBytes = bytes;
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      const type = claimedType(file);
      const refusal: UploadRefusal | null = !ALLOWED.has(type)
        ? 'bad-type'
        : this.options.maxFileBytes !== undefined && file.size > this.options.maxFileBytes
          ? 'too-large'
          : null;
      const item: UploadItem = {
        clientId: newClientId(),
        name: file.name,
        size: file.size,
        loaded: 0,
        status: refusal ? 'failed' : 'queued',
        attempts: 0,
        retryAt: null,
        refusal,
        error: null,
        photo: null,
      };
      this.entries.push({ item, file, type, xhr: null, timer: undefined });
    }
    this.changed();
    this.pump();
  }

  /** Tries a failed file again (same client_id). */
  retry(clientId: string): void {
    const entry = this.entries.find((e) => e.item.clientId === clientId);
    if (!entry || entry.item.status !== 'failed' || entry.item.refusal) return;
    this.update(entry, { status: 'queued', attempts: 0, error: null });
    this.pump();
  }

  clearFinished(): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.item.status === 'done') this.entries.splice(i, 1);
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.entries) {
      clearTimeout(entry.timer);
      entry.xhr?.abort();
    }
    this.listeners.clear();
  }

  // ---- internals ----

  private pump(): void {
    if (this.stopped) return;
    let running = this.entries.filter((e) => e.item.status === 'uploading').length;
    for (const entry of this.entries) {
      if (running >= this.concurrency) break;
      if (entry.item.status !== 'queued') continue;
      running += 1;
      void this.run(entry);
    }
  }

  private async run(entry: Entry): Promise<void> {
    this.update(entry, { status: 'uploading', attempts: entry.item.attempts + 1, loaded: 0, retryAt: null });
    try {
      const photo = await this.send(entry);
      this.update(entry, { status: 'done', loaded: entry.item.size, photo });
      this.options.onUploaded?.(photo);
    } catch (error) {
      if (this.stopped) return;
      if (isRetryable(error) && entry.item.attempts < this.maxAttempts) {
        const delay = this.baseDelayMs * 2 ** (entry.item.attempts - 1) * (0.8 + Math.random() * 0.4);
        this.update(entry, { status: 'retrying', retryAt: Date.now() + delay, error });
        entry.timer = setTimeout(() => {
          this.update(entry, { status: 'queued', retryAt: null });
          this.pump();
        }, delay);
      } else {
        this.update(entry, { status: 'failed', error, retryAt: null });
      }
    }
    this.pump();
  }

  private async send(entry: Entry): Promise<AlbumPhoto> {
    const [ticket] = await requestUploads(this.access, this.albumId, [
      { client_id: entry.item.clientId, name: entry.file.name.slice(0, 255) || 'photo', type: entry.type, size: entry.file.size },
    ]);
    if (!ticket) throw new Error('no ticket for the file');
    if (ticket.put) await this.put(entry, ticket.put.url, ticket.put.headers, entry.file, 0);
    else if (ticket.multipart) await this.sendParts(entry, ticket);
    // Neither: the bytes were already in (a retry after the PUT); complete answers the same photo.
    return completeUpload(this.access, this.albumId, ticket.upload_id);
  }

  /** A file over the multipart threshold: only the parts storage does not hold yet (a resumed upload). */
  private async sendParts(entry: Entry, ticket: UploadTicket): Promise<void> {
    const parts = await requestParts(this.access, this.albumId, ticket.upload_id);
    let stored = parts.uploaded.reduce((sum, part) => sum + part.size, 0);
    for (const part of parts.parts) {
      const start = (part.part_number - 1) * parts.part_size;
      const blob = entry.file.slice(start, start + part.size);
      await this.put(entry, part.url, {}, blob, stored);
      stored += part.size;
    }
  }

  /** One PUT straight to storage, with upload progress. */
  private async put(entry: Entry, url: string, headers: Record<string, string>, body: Blob, offset: number): Promise<void> {
    try {
      await putWithProgress(url, headers, body, {
        onStart: (xhr) => (entry.xhr = xhr),
        onProgress: (loaded) => this.update(entry, { loaded: Math.min(entry.item.size, offset + loaded) }),
      });
    } finally {
      entry.xhr = null;
    }
  }

  private update(entry: Entry, patch: Partial<UploadItem>): void {
    entry.item = { ...entry.item, ...patch };
    this.changed();
  }

  private changed(): void {
    this.snapshot = this.entries.map((e) => e.item);
    for (const listener of [...this.listeners]) listener();
  }
}

/** Bytes sent over bytes to send, for the overall bar (refused files do not count). */
export function overallProgress(items: readonly UploadItem[]): { loaded: number; total: number; done: number; count: number } {
  let loaded = 0;
  let total = 0;
  let done = 0;
  let count = 0;
  for (const item of items) {
    if (item.refusal) continue;
    count += 1;
    total += item.size;
    loaded += item.loaded;
    if (item.status === 'done') done += 1;
  }
  return { loaded, total, done, count };
}
