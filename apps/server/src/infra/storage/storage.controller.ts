import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { routes, StorageObjectQuery } from '@discordgym/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { DISK_OBJECTS_PATH, DiskObjectStorage, StorageRefusal } from './disk-object-storage';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';

const RAW_UPLOAD_TYPE = 'application/x.discordgym-storage-upload';
const SIGNED_TYPE = Symbol('signedContentType');

declare module 'fastify' {
  interface FastifyRequest {
    [SIGNED_TYPE]?: string | undefined;
  }
}

/**
 * Uploads to the disk storage stream to disk, never through a body parser: the body may
 * be gigabytes and of any type. Before parsing, a PUT to the storage route has its
 * Content-Type set aside (the signature check compares it) and replaced by a private
 * type whose parser hands the raw stream on untouched; every other route keeps JSON only
 * and the body limit (another route sending that private type gets the usual 415).
 */
export function acceptRawUploads(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (request.method === 'PUT' && request.routeOptions.url === DISK_OBJECTS_PATH) {
      request[SIGNED_TYPE] = request.headers['content-type'];
      request.headers['content-type'] = RAW_UPLOAD_TYPE;
    }
  });
  fastify.addContentTypeParser(RAW_UPLOAD_TYPE, (request, _payload, done) => {
    if (request.routeOptions.url === DISK_OBJECTS_PATH && SIGNED_TYPE in request) done(null, undefined);
    else done(Object.assign(new Error('Unsupported Media Type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), undefined);
  });
}

/**
 * The app's side of the disk storage's signed URLs (embedded mode). The signature in the
 * query is the whole authorization: bound to method, key, exact type and size (or part of
 * one upload), and an expiry. Anything that does not match is a 403 and writes nothing.
 * With S3 configured these URLs are never issued and the routes answer 404.
 */
@Controller()
export class StorageController {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  @Route(routes.storagePutObject)
  async put(
    @Query(new ZodValidationPipe(StorageObjectQuery)) query: StorageObjectQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const disk = this.disk();
    try {
      const { etag } = await disk.acceptUpload({
        query,
        contentType: request[SIGNED_TYPE],
        contentLength: request.headers['content-length'],
        body: request.raw,
      });
      await reply.status(200).header('etag', etag).header('content-length', '0').send();
    } catch (error) {
      // The rest of a refused body is not read: close the connection instead of draining it.
      if (error instanceof StorageRefusal) reply.header('connection', 'close');
      throw refusal(error);
    }
  }

  @Route(routes.storageGetObject)
  async get(
    @Query(new ZodValidationPipe(StorageObjectQuery)) query: StorageObjectQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const disk = this.disk();
    const download = await disk.openDownload(query, typeof request.headers.range === 'string' ? request.headers.range : undefined).catch((error: unknown) => {
      throw refusal(error);
    });
    const remaining = Math.max(0, query.exp - Math.floor(Date.now() / 1000));
    reply
      .header('content-type', download.contentType)
      .header('content-disposition', download.disposition)
      .header('x-content-type-options', 'nosniff')
      // Served from the app's own origin: an uploaded file must never run as a page of it.
      .header('content-security-policy', "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header('cross-origin-resource-policy', 'same-origin')
      .header('cache-control', `private, max-age=${Math.min(remaining, 3600)}`)
      .header('accept-ranges', 'bytes')
      .header('etag', download.etag);
    if (download.range) {
      const [start, end] = download.range;
      reply.status(206).header('content-range', `bytes ${start}-${end}/${download.size}`).header('content-length', String(end - start + 1));
    } else {
      reply.status(200).header('content-length', String(download.size));
    }
    await reply.send(download.stream);
  }

  private disk(): DiskObjectStorage {
    if (!(this.storage instanceof DiskObjectStorage)) throw AppError.notFound('Object');
    return this.storage;
  }
}

function refusal(error: unknown): unknown {
  if (error instanceof StorageRefusal) return error.status === 404 ? AppError.notFound('Object') : AppError.forbidden(error.message);
  return error;
}
