import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, mkdtemp, open, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type SignedGrant, DiskUrlSigner } from './disk-url-signer';
import {
  assertValidObjectKey,
  assertValidPrefix,
  contentDisposition,
  isValidContentType,
  isValidObjectKey,
  MAX_PART_NUMBER,
  MIN_PART_SIZE,
  presignSeconds,
} from './object-key';
import type { DownloadOptions, ObjectStorage, PresignedPart, PresignedUpload, StoredObject } from './object-storage';

/** The route the disk driver's signed URLs point at (storage.controller.ts serves it). */
export const DISK_OBJECTS_PATH = '/api/storage/objects';

const DATA_SUFFIX = '~obj';
const META_SUFFIX = '~meta';
const UPLOAD_ID = /^[a-f0-9]{32}$/;
const LIST_LIMIT_MAX = 1000;

interface ObjectMeta {
  contentType: string;
  size: number;
  etag: string;
}

interface MultipartMeta {
  key: string;
  contentType: string;
}

/** Why a signed request was refused; the controller answers each with 403 in the one error shape. */
export class StorageRefusal extends Error {
  constructor(
    message: string,
    readonly status: 403 | 404 = 403,
  ) {
    super(message);
    this.name = 'StorageRefusal';
  }
}

export interface DiskUploadRequest {
  query: { key: string; exp: number; sig: string; type?: string; size?: number; upload?: string; part?: number };
  contentType: string | undefined;
  contentLength: string | undefined;
  body: Readable;
}

export interface DiskDownload {
  stream: Readable;
  size: number;
  /** Set when a Range was asked for and satisfiable: [start, end] inclusive. */
  range: [number, number] | null;
  contentType: string;
  disposition: string;
  etag: string;
}

/**
 * Objects as files under `DATA_DIR/uploads` (embedded mode). The app serves the signed
 * URLs itself (`/api/storage/objects`): each is bound to method, key, exact type and size
 * (and upload id + part number for a part) and expires.
 *
 * Layout: `objects/<key>~obj` holds the bytes and `objects/<key>~meta` type, size and
 * ETag. The `~` cannot occur in a key, so `a` (file `a~obj`) and `a/b` (folder `a`) live
 * side by side as in S3. Every write goes to a temp file in the same folder and is
 * renamed into place: a reader sees the whole object or none. Multipart uploads keep
 * each part as `multipart/<uploadId>/<n>.part` until completion concatenates them.
 */
export class DiskObjectStorage implements ObjectStorage {
  readonly kind = 'disk' as const;
  readonly browserOrigin = null;
  private readonly objects: string;
  private readonly multipart: string;

  private constructor(
    private readonly root: string,
    private readonly signer: DiskUrlSigner,
    private readonly removeOnClose: boolean,
    private readonly now: () => number,
  ) {
    this.objects = path.join(root, 'objects');
    this.multipart = path.join(root, 'multipart');
  }

  /**
   * `dataDir` is DATA_DIR; `memory://…` (tests) gets a fresh temp folder that close()
   * removes, as the in-memory database forgets its rows.
   */
  static async open(dataDir: string, secret: string, options: { now?: () => number } = {}): Promise<DiskObjectStorage> {
    const temporary = dataDir.startsWith('memory://');
    const root = temporary ? await mkdtemp(path.join(tmpdir(), 'discordgym-uploads-')) : path.resolve(dataDir, 'uploads');
    await mkdir(path.join(root, 'objects'), { recursive: true });
    await mkdir(path.join(root, 'multipart'), { recursive: true });
    return new DiskObjectStorage(root, new DiskUrlSigner(secret), temporary, options.now ?? Date.now);
  }

  get directory(): string {
    return this.root;
  }

  // ---- signed URLs --------------------------------------------------------------------

  async presignPut(key: string, options: { contentType: string; contentLength: number; expiresInSeconds?: number }): Promise<PresignedUpload> {
    assertValidObjectKey(key);
    if (!isValidContentType(options.contentType)) throw new RangeError('contentType is not a valid media type');
    if (!Number.isSafeInteger(options.contentLength) || options.contentLength < 0) throw new RangeError('contentLength must be a whole number of bytes');
    const exp = this.expiry(options.expiresInSeconds);
    const grant: SignedGrant = { method: 'PUT', key, exp, type: options.contentType, size: options.contentLength };
    return { url: this.url(grant), method: 'PUT', headers: { 'content-type': options.contentType }, expiresAt: new Date(exp * 1000) };
  }

  async presignGet(key: string, options: DownloadOptions = {}): Promise<string> {
    assertValidObjectKey(key);
    if (options.contentType !== undefined && !isValidContentType(options.contentType)) throw new RangeError('contentType is not a valid media type');
    const grant: SignedGrant = { method: 'GET', key, exp: this.expiry(options.expiresInSeconds), type: options.contentType, name: options.downloadName };
    return this.url(grant);
  }

  private expiry(requested: number | undefined): number {
    return Math.floor(this.now() / 1000) + presignSeconds(requested);
  }

  private url(grant: SignedGrant): string {
    const query = new URLSearchParams();
    query.set('key', grant.key);
    if (grant.type !== undefined) query.set('type', grant.type);
    if (grant.size !== undefined) query.set('size', String(grant.size));
    if (grant.upload !== undefined) query.set('upload', grant.upload);
    if (grant.part !== undefined) query.set('part', String(grant.part));
    if (grant.name !== undefined) query.set('name', grant.name);
    query.set('exp', String(grant.exp));
    query.set('sig', this.signer.sign(grant));
    return `${DISK_OBJECTS_PATH}?${query.toString()}`;
  }

  private checkGrant(grant: SignedGrant, signature: string): void {
    if (!isValidObjectKey(grant.key) || !this.signer.verify(grant, signature)) throw new StorageRefusal('The signature does not match this request');
    if (grant.exp * 1000 < this.now()) throw new StorageRefusal('This link has expired');
  }

  /**
   * The PUT behind a signed URL: type and length must be exactly the signed ones before a
   * byte is read, and the body is counted while it streams (a chunked body carries no
   * length and is refused). Returns the ETag, like S3.
   */
  async acceptUpload(request: DiskUploadRequest): Promise<{ etag: string }> {
    const { query } = request;
    const grant: SignedGrant = { method: 'PUT', key: query.key, exp: query.exp, type: query.type, size: query.size, upload: query.upload, part: query.part };
    this.checkGrant(grant, query.sig);
    const size = query.size;
    if (size === undefined) throw new StorageRefusal('The signature does not match this request');
    if (query.part === undefined && (query.type === undefined || request.contentType !== query.type)) {
      throw new StorageRefusal('Content-Type differs from the signed one');
    }
    if (request.contentLength === undefined || !/^\d+$/.test(request.contentLength) || Number(request.contentLength) !== size) {
      throw new StorageRefusal('Content-Length differs from the signed one');
    }
    if (query.upload !== undefined) {
      if (query.part === undefined) throw new StorageRefusal('The signature does not match this request');
      return this.acceptPart(query.key, query.upload, query.part, size, request.body);
    }
    const target = this.dataPath(query.key);
    const written = await this.writeAtomically(target, request.body, size, async (etag) => {
      await this.writeMeta(query.key, { contentType: query.type!, size, etag });
    });
    return { etag: written.etag };
  }

  /** The GET behind a signed URL, with an optional single `bytes=` range. */
  async openDownload(query: { key: string; exp: number; sig: string; type?: string; name?: string }, rangeHeader: string | undefined): Promise<DiskDownload> {
    this.checkGrant({ method: 'GET', key: query.key, exp: query.exp, type: query.type, name: query.name }, query.sig);
    const meta = await this.readMeta(query.key);
    if (!meta) throw new StorageRefusal('No such object', 404);
    const range = parseRange(rangeHeader, meta.size);
    const stream = createReadStream(this.dataPath(query.key), range ? { start: range[0], end: range[1] } : {});
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) => reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? new StorageRefusal('No such object', 404) : error));
    });
    return { stream, size: meta.size, range, contentType: query.type ?? meta.contentType, disposition: contentDisposition(query.name), etag: meta.etag };
  }

  // ---- server-side object access ------------------------------------------------------

  async head(key: string): Promise<StoredObject | null> {
    assertValidObjectKey(key);
    const meta = await this.readMeta(key);
    return meta ? { size: meta.size, contentType: meta.contentType } : null;
  }

  async readRange(key: string, start: number, end: number): Promise<Buffer> {
    assertValidObjectKey(key);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) throw new RangeError('invalid byte range');
    const handle = await open(this.dataPath(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new Error(`No such object: ${key}`) : error;
    });
    try {
      const buffer = Buffer.alloc(Math.min(end - start + 1, 64 * 1024 * 1024));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async read(key: string): Promise<Readable> {
    assertValidObjectKey(key);
    const stream = createReadStream(this.dataPath(key));
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) => reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(`No such object: ${key}`) : error));
    });
    return stream;
  }

  async write(key: string, body: Buffer | Readable, options: { contentType: string; contentLength?: number }): Promise<void> {
    assertValidObjectKey(key);
    if (!isValidContentType(options.contentType)) throw new RangeError('contentType is not a valid media type');
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    const expected = Buffer.isBuffer(body) ? body.length : options.contentLength;
    await this.writeAtomically(this.dataPath(key), source, expected, async (etag, size) => {
      await this.writeMeta(key, { contentType: options.contentType, size, etag });
    });
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) assertValidObjectKey(key);
    for (const key of keys) {
      // Bytes first: a crash between the two leaves a meta file that head() ignores.
      await rm(this.dataPath(key), { force: true });
      await rm(this.metaPath(key), { force: true });
      await this.pruneEmptyFolders(path.dirname(this.dataPath(key)));
    }
  }

  async list(prefix: string, options: { after?: string; limit?: number } = {}): Promise<{ keys: string[]; next: string | null }> {
    assertValidPrefix(prefix);
    const limit = Math.min(Math.max(1, options.limit ?? LIST_LIMIT_MAX), LIST_LIMIT_MAX);
    const after = options.after ?? '';
    const keys: string[] = [];
    // One more than asked tells whether there is a next page.
    for await (const key of this.walk(this.objects, '', prefix, after)) {
      keys.push(key);
      if (keys.length > limit) break;
    }
    const more = keys.length > limit;
    const page = keys.slice(0, limit);
    return { keys: page, next: more ? page[page.length - 1]! : null };
  }

  /**
   * Keys under `folder` in S3's order (byte order of the whole key). In one folder a file
   * stands for its key and a subfolder for `name/`; sorting those strings orders the
   * subtrees correctly because no name contains `/`.
   */
  private async *walk(folder: string, keyPrefix: string, prefix: string, after: string): AsyncGenerator<string> {
    const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const items: Array<{ sortKey: string; dir: boolean; name: string }> = [];
    for (const entry of entries) {
      if (entry.isDirectory()) items.push({ sortKey: `${keyPrefix}${entry.name}/`, dir: true, name: entry.name });
      else if (entry.isFile() && entry.name.endsWith(DATA_SUFFIX)) items.push({ sortKey: `${keyPrefix}${entry.name.slice(0, -DATA_SUFFIX.length)}`, dir: false, name: entry.name });
    }
    items.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    for (const item of items) {
      if (item.dir) {
        const sub = item.sortKey;
        if (!sub.startsWith(prefix) && !prefix.startsWith(sub)) continue;
        // Every key of this subtree is at most `after`: skip it whole.
        if (after >= sub && !after.startsWith(sub)) continue;
        yield* this.walk(path.join(folder, item.name), sub, prefix, after);
      } else if (item.sortKey.startsWith(prefix) && item.sortKey > after) {
        yield item.sortKey;
      }
    }
  }

  // ---- multipart ----------------------------------------------------------------------

  async createMultipart(key: string, options: { contentType: string }): Promise<{ uploadId: string }> {
    assertValidObjectKey(key);
    if (!isValidContentType(options.contentType)) throw new RangeError('contentType is not a valid media type');
    const uploadId = randomBytes(16).toString('hex');
    const folder = path.join(this.multipart, uploadId);
    await mkdir(folder, { recursive: true });
    const meta: MultipartMeta = { key, contentType: options.contentType };
    await writeFile(path.join(folder, 'upload.json'), JSON.stringify(meta));
    return { uploadId };
  }

  async presignPart(key: string, uploadId: string, partNumber: number, options: { contentLength: number; expiresInSeconds?: number }): Promise<PresignedPart> {
    assertValidObjectKey(key);
    if (!UPLOAD_ID.test(uploadId)) throw new RangeError('invalid upload id');
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) throw new RangeError(`partNumber must be 1 to ${MAX_PART_NUMBER}`);
    if (!Number.isSafeInteger(options.contentLength) || options.contentLength < 1) throw new RangeError('contentLength must be a positive number of bytes');
    const exp = this.expiry(options.expiresInSeconds);
    const grant: SignedGrant = { method: 'PUT', key, exp, size: options.contentLength, upload: uploadId, part: partNumber };
    return { partNumber, url: this.url(grant), expiresAt: new Date(exp * 1000) };
  }

  private async acceptPart(key: string, uploadId: string, partNumber: number, size: number, body: Readable): Promise<{ etag: string }> {
    const upload = await this.readUpload(uploadId);
    if (!upload || upload.key !== key) throw new StorageRefusal('No such upload', 404);
    const target = path.join(this.multipart, uploadId, `${partNumber}.part`);
    return this.writeAtomically(target, body, size, async (etag, written) => {
      await writeFile(path.join(this.multipart, uploadId, `${partNumber}.json`), JSON.stringify({ etag, size: written }));
    }, { metaAfter: true });
  }

  async listParts(key: string, uploadId: string): Promise<Array<{ partNumber: number; etag: string; size: number }>> {
    await this.requireUpload(key, uploadId);
    const folder = path.join(this.multipart, uploadId);
    const parts: Array<{ partNumber: number; etag: string; size: number }> = [];
    for (const name of await readdir(folder)) {
      const match = /^(\d+)\.part$/.exec(name);
      if (!match) continue;
      const info = await readFile(path.join(folder, `${match[1]}.json`), 'utf8').then((text) => JSON.parse(text) as { etag: string; size: number }, () => null);
      if (info) parts.push({ partNumber: Number(match[1]), etag: info.etag, size: info.size });
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipart(key: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): Promise<void> {
    const upload = await this.requireUpload(key, uploadId);
    if (parts.length === 0) throw new Error('completeMultipart needs at least one part');
    const stored = new Map((await this.listParts(key, uploadId)).map((part) => [part.partNumber, part]));
    const chosen = parts.map((part, index) => {
      if (index > 0 && part.partNumber <= parts[index - 1]!.partNumber) throw new Error('parts must be listed in ascending order');
      const found = stored.get(part.partNumber);
      if (!found || unquote(found.etag) !== unquote(part.etag)) throw new Error(`part ${part.partNumber} was not uploaded or its ETag differs`);
      if (index < parts.length - 1 && found.size < MIN_PART_SIZE) throw new Error(`part ${part.partNumber} is smaller than 5 MiB and not the last`);
      return found;
    });
    const folder = path.join(this.multipart, uploadId);
    const total = chosen.reduce((sum, part) => sum + part.size, 0);
    const digest = createHash('md5');
    for (const part of chosen) digest.update(Buffer.from(unquote(part.etag), 'hex'));
    const etag = `"${digest.digest('hex')}-${chosen.length}"`;
    const concatenated = Readable.from(
      (async function* () {
        for (const part of chosen) yield* createReadStream(path.join(folder, `${part.partNumber}.part`));
      })(),
    );
    await this.writeAtomically(this.dataPath(key), concatenated, total, async () => {
      await this.writeMeta(key, { contentType: upload.contentType, size: total, etag });
    });
    await rm(folder, { recursive: true, force: true });
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    await this.requireUpload(key, uploadId);
    await rm(path.join(this.multipart, uploadId), { recursive: true, force: true });
  }

  private async readUpload(uploadId: string): Promise<MultipartMeta | null> {
    if (!UPLOAD_ID.test(uploadId)) return null;
    return readFile(path.join(this.multipart, uploadId, 'upload.json'), 'utf8').then((text) => JSON.parse(text) as MultipartMeta, () => null);
  }

  private async requireUpload(key: string, uploadId: string): Promise<MultipartMeta> {
    assertValidObjectKey(key);
    const upload = await this.readUpload(uploadId);
    if (!upload || upload.key !== key) throw new Error(`No such multipart upload: ${uploadId}`);
    return upload;
  }

  async close(): Promise<void> {
    if (this.removeOnClose) await rm(this.root, { recursive: true, force: true });
  }

  // ---- files --------------------------------------------------------------------------

  private dataPath(key: string): string {
    return path.join(this.objects, ...key.split('/')) + DATA_SUFFIX;
  }

  private metaPath(key: string): string {
    return path.join(this.objects, ...key.split('/')) + META_SUFFIX;
  }

  private async readMeta(key: string): Promise<ObjectMeta | null> {
    const meta = await readFile(this.metaPath(key), 'utf8').then((text) => JSON.parse(text) as ObjectMeta, () => null);
    if (!meta) return null;
    // Meta without bytes is a write or delete that did not finish: no object.
    const bytes = await stat(this.dataPath(key)).catch(() => null);
    return bytes && bytes.size === meta.size ? meta : null;
  }

  private async writeMeta(key: string, meta: ObjectMeta): Promise<void> {
    const target = this.metaPath(key);
    const temp = `${target}~tmp-${randomBytes(6).toString('hex')}`;
    await writeFile(temp, JSON.stringify(meta));
    await rename(temp, target);
  }

  /**
   * Streams `source` into a temp file beside `target` (counting bytes and hashing MD5),
   * refuses a body longer or shorter than `expected`, then renames it into place. The
   * meta is written before the rename (or after, for parts), so a visible object always
   * has its meta; anything refused leaves no file behind.
   */
  private async writeAtomically(
    target: string,
    source: Readable,
    expected: number | undefined,
    writeMeta: (etag: string, size: number) => Promise<void>,
    options: { metaAfter?: boolean } = {},
  ): Promise<{ etag: string }> {
    const temp = `${target}~tmp-${randomBytes(6).toString('hex')}`;
    const handle = await openCreating(temp);
    const md5 = createHash('md5');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (expected !== undefined && size > expected) {
          callback(new StorageRefusal('The body is longer than the signed Content-Length'));
          return;
        }
        md5.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, counter, createWriteStream(temp, { fd: handle }));
      if (expected !== undefined && size !== expected) throw new StorageRefusal('The body is shorter than the signed Content-Length');
      const etag = `"${md5.digest('hex')}"`;
      if (!options.metaAfter) await writeMeta(etag, size);
      await rename(temp, target);
      if (options.metaAfter) await writeMeta(etag, size);
      return { etag };
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /** Empty key folders go away with their last object, as S3 has no folders. */
  private async pruneEmptyFolders(folder: string): Promise<void> {
    let current = folder;
    while (current.startsWith(this.objects + path.sep)) {
      const entries = await readdir(current).catch(() => null);
      if (!entries || entries.length > 0) return;
      await rmdir(current).catch(() => undefined);
      current = path.dirname(current);
    }
  }
}

/**
 * Creates `file` and its folders. A delete of the folder's last object may remove the
 * folder between our mkdir and open: make it again and retry (bounded).
 */
async function openCreating(file: string): Promise<FileHandle> {
  for (let attempt = 0; ; attempt++) {
    await mkdir(path.dirname(file), { recursive: true });
    try {
      return await open(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
    }
  }
}

function unquote(etag: string): string {
  return etag.replace(/"/g, '');
}

/** One `bytes=a-b` / `bytes=a-` / `bytes=-n` range; anything else means the whole object. */
function parseRange(header: string | undefined, size: number): [number, number] | null {
  if (!header || size === 0) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return null;
  return [start, end];
}
