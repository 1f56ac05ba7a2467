import type { Readable } from 'node:stream';

/**
 * The one storage port: every feature that keeps bytes (album photos, chat attachments,
 * avatars later) goes through it. Two implementations, picked once at start-up: local disk
 * under DATA_DIR/uploads (the app itself serves HMAC-signed URLs) when S3_ENDPOINT is unset,
 * S3 (AWS, MinIO, R2) otherwise. Both pass object-storage.contract.ts.
 *
 * Keys are made by the server (never a client's file name): `albums/<albumId>/<photoId>/original`.
 */
export interface PresignedUpload {
  /** PUT the bytes here. Absolute for S3; for the disk a path on the app itself (`/api/storage/objects?…`). */
  url: string;
  method: 'PUT';
  /** Headers the browser must send exactly (content-type and content-length are signed). */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface PresignedPart {
  partNumber: number;
  url: string;
  expiresAt: Date;
}

export interface StoredObject {
  size: number;
  contentType: string | null;
}

export interface DownloadOptions {
  expiresInSeconds?: number;
  /** Sent back as Content-Disposition (attachment; filename="…"); inline when unset. */
  downloadName?: string;
  /** The real type, as the server determined it (never the client's claim). */
  contentType?: string;
}

export interface ObjectStorage {
  readonly kind: 'disk' | 's3';
  /** The origin browsers talk to for uploads and downloads (for the CSP), null when it is the app's own. */
  readonly browserOrigin: string | null;

  /** A PUT URL bound to key, content type and exact length; expires after expiresInSeconds (default 300). */
  presignPut(key: string, options: { contentType: string; contentLength: number; expiresInSeconds?: number }): Promise<PresignedUpload>;
  /** A GET URL for one object, with the real type, Content-Disposition and nosniff on the response. */
  presignGet(key: string, options?: DownloadOptions): Promise<string>;

  /** null when there is no such object. */
  head(key: string): Promise<StoredObject | null>;
  /** Bytes [start, end] inclusive (fewer when the object is shorter); for magic-number checks. */
  readRange(key: string, start: number, end: number): Promise<Buffer>;
  /** The whole object as a stream (processing, ZIP downloads): memory stays flat. */
  read(key: string): Promise<Readable>;
  /** A server-side write (derivatives made by a job). */
  write(key: string, body: Buffer | Readable, options: { contentType: string; contentLength?: number }): Promise<void>;
  /** Deletes each key; missing keys are not an error. */
  delete(keys: string[]): Promise<void>;
  /** Every key under prefix, in pages (bounded): for album deletion and sweeps. */
  list(prefix: string, options?: { after?: string; limit?: number }): Promise<{ keys: string[]; next: string | null }>;

  /** Multipart uploads for large files: parts of ≥ 5 MiB (the last may be smaller), resumable. */
  createMultipart(key: string, options: { contentType: string }): Promise<{ uploadId: string }>;
  presignPart(key: string, uploadId: string, partNumber: number, options: { contentLength: number; expiresInSeconds?: number }): Promise<PresignedPart>;
  /** Parts already stored (for resuming after a dropped connection). */
  listParts(key: string, uploadId: string): Promise<Array<{ partNumber: number; etag: string; size: number }>>;
  completeMultipart(key: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): Promise<void>;
  abortMultipart(key: string, uploadId: string): Promise<void>;

  close(): Promise<void>;
}

export const OBJECT_STORAGE = Symbol('ObjectStorage');
