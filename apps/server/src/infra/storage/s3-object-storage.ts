import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import {
  assertValidObjectKey,
  assertValidPrefix,
  contentDisposition,
  isValidContentType,
  MAX_PART_NUMBER,
  presignSeconds,
} from './object-key';
import type { DownloadOptions, ObjectStorage, PresignedPart, PresignedUpload, StoredObject } from './object-storage';

export interface S3StorageOptions {
  /** Where this process reaches the service (e.g. http://minio:9000 inside compose). */
  endpoint: string;
  /** Where browsers reach it, when that differs (http://localhost:9000): presigned URLs name this host. */
  publicEndpoint?: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Signs as if the clock were this far off (tests: an already expired URL). */
  clockOffsetMs?: number;
}

const LIST_LIMIT_MAX = 1000;
/** DeleteObjects takes at most 1,000 keys per call. */
const DELETE_BATCH = 1000;

/**
 * The S3 implementation (AWS S3, MinIO, R2). Browsers upload and download with presigned
 * URLs and the bytes never pass through the app. A presigned PUT signs Content-Type and
 * Content-Length, so the service itself refuses another type or size (SigV4 mismatch);
 * the SDK's default CRC32 checksums are off (`WHEN_REQUIRED`), since a browser cannot
 * compute the checksum that would otherwise be signed into the URL.
 */
export class S3ObjectStorage implements ObjectStorage {
  readonly kind = 's3' as const;

  private constructor(
    private readonly client: S3Client,
    private readonly presigner: S3Client,
    private readonly bucket: string,
    readonly browserOrigin: string,
    private readonly clockOffsetMs: number,
  ) {}

  static async open(options: S3StorageOptions): Promise<S3ObjectStorage> {
    const make = (endpoint: string) =>
      new S3Client({
        endpoint,
        region: options.region,
        forcePathStyle: options.forcePathStyle,
        credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
        systemClockOffset: options.clockOffsetMs ?? 0,
      });
    const client = make(options.endpoint);
    const presigner = options.publicEndpoint ? make(options.publicEndpoint) : client;
    // The origin presigned URLs carry (virtual-hosted style adds the bucket to the host): the CSP needs exactly it.
    const sample = await getSignedUrl(presigner, new GetObjectCommand({ Bucket: options.bucket, Key: 'origin-probe' }), { expiresIn: 60 });
    return new S3ObjectStorage(client, presigner, options.bucket, new URL(sample).origin, options.clockOffsetMs ?? 0);
  }

  async presignPut(key: string, options: { contentType: string; contentLength: number; expiresInSeconds?: number }): Promise<PresignedUpload> {
    assertValidObjectKey(key);
    if (!isValidContentType(options.contentType)) throw new RangeError('contentType is not a valid media type');
    if (!Number.isSafeInteger(options.contentLength) || options.contentLength < 0) throw new RangeError('contentLength must be a whole number of bytes');
    const expiresIn = presignSeconds(options.expiresInSeconds);
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: options.contentType, ContentLength: options.contentLength });
    const url = await getSignedUrl(this.presigner, command, { expiresIn, signingDate: this.signingDate(), signableHeaders: new Set(['content-type', 'content-length']) });
    return { url, method: 'PUT', headers: { 'content-type': options.contentType }, expiresAt: this.expiresAt(expiresIn) };
  }

  private signingDate(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  private expiresAt(expiresIn: number): Date {
    return new Date(Date.now() + this.clockOffsetMs + expiresIn * 1000);
  }

  async presignGet(key: string, options: DownloadOptions = {}): Promise<string> {
    assertValidObjectKey(key);
    if (options.contentType !== undefined && !isValidContentType(options.contentType)) throw new RangeError('contentType is not a valid media type');
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(options.downloadName),
      ...(options.contentType ? { ResponseContentType: options.contentType } : {}),
    });
    return getSignedUrl(this.presigner, command, { expiresIn: presignSeconds(options.expiresInSeconds), signingDate: this.signingDate() });
  }

  async head(key: string): Promise<StoredObject | null> {
    assertValidObjectKey(key);
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: answer.ContentLength ?? 0, contentType: answer.ContentType ?? null };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async readRange(key: string, start: number, end: number): Promise<Buffer> {
    assertValidObjectKey(key);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) throw new RangeError('invalid byte range');
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end}` }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    } catch (error) {
      // A range that starts past the end of a shorter object: nothing there.
      if (error instanceof S3ServiceException && error.name === 'InvalidRange') return Buffer.alloc(0);
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    assertValidObjectKey(key);
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return answer.Body as Readable;
  }

  async write(key: string, body: Buffer | Readable, options: { contentType: string; contentLength?: number }): Promise<void> {
    assertValidObjectKey(key);
    if (!isValidContentType(options.contentType)) throw new RangeError('contentType is not a valid media type');
    const contentLength = Buffer.isBuffer(body) ? body.length : options.contentLength;
    if (contentLength === undefined) throw new RangeError('a streamed write to S3 needs contentLength');
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: options.contentType, ContentLength: contentLength }));
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) assertValidObjectKey(key);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const answer = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      const failed = (answer.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
      if (failed.length > 0) throw new Error(`S3 refused to delete ${failed.length} object(s): ${failed[0]!.Code ?? 'unknown'}`);
    }
  }

  async list(prefix: string, options: { after?: string; limit?: number } = {}): Promise<{ keys: string[]; next: string | null }> {
    assertValidPrefix(prefix);
    const limit = Math.min(Math.max(1, options.limit ?? LIST_LIMIT_MAX), LIST_LIMIT_MAX);
    const answer = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, StartAfter: options.after || undefined, MaxKeys: limit }),
    );
    const keys = (answer.Contents ?? []).map((item) => item.Key!).filter(Boolean);
    return { keys, next: answer.IsTruncated && keys.length > 0 ? keys[keys.length - 1]! : null };
  }

  async createMultipart(key: string, options: { contentType: string }): Promise<{ uploadId: string }> {
    assertValidObjectKey(key);
    if (!isValidContentType(options.contentType)) throw new RangeError('contentType is not a valid media type');
    const answer = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: options.contentType }));
    if (!answer.UploadId) throw new Error('S3 answered CreateMultipartUpload without an UploadId');
    return { uploadId: answer.UploadId };
  }

  async presignPart(key: string, uploadId: string, partNumber: number, options: { contentLength: number; expiresInSeconds?: number }): Promise<PresignedPart> {
    assertValidObjectKey(key);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) throw new RangeError(`partNumber must be 1 to ${MAX_PART_NUMBER}`);
    if (!Number.isSafeInteger(options.contentLength) || options.contentLength < 1) throw new RangeError('contentLength must be a positive number of bytes');
    const expiresIn = presignSeconds(options.expiresInSeconds);
    const command = new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, ContentLength: options.contentLength });
    const url = await getSignedUrl(this.presigner, command, { expiresIn, signingDate: this.signingDate(), signableHeaders: new Set(['content-length']) });
    return { partNumber, url, expiresAt: this.expiresAt(expiresIn) };
  }

  async listParts(key: string, uploadId: string): Promise<Array<{ partNumber: number; etag: string; size: number }>> {
    assertValidObjectKey(key);
    const parts: Array<{ partNumber: number; etag: string; size: number }> = [];
    let marker: string | undefined;
    // At most 10,000 parts, 1,000 per page: bounded.
    for (let page = 0; page < 10; page++) {
      const answer = await this.client.send(new ListPartsCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }));
      for (const part of answer.Parts ?? []) parts.push({ partNumber: part.PartNumber!, etag: part.ETag!, size: part.Size ?? 0 });
      if (!answer.IsTruncated || !answer.NextPartNumberMarker) break;
      marker = answer.NextPartNumberMarker;
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipart(key: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): Promise<void> {
    assertValidObjectKey(key);
    if (parts.length === 0) throw new Error('completeMultipart needs at least one part');
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
      }),
    );
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    assertValidObjectKey(key);
    await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
  }

  async close(): Promise<void> {
    this.client.destroy();
    if (this.presigner !== this.client) this.presigner.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404;
}
