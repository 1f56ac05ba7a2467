import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { type AlbumDownloadLink, type AlbumDownloadLinkBody, type AlbumDownloadLinkQuery, type AlbumDownloadSelectionBody, routes } from '@discordgym/contracts';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { type AlbumCaller, CurrentCaller } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AlbumDownloadLinks } from './album-download-links';
import { AlbumDownloadService, type AlbumZip } from './album-download.service';

@Controller()
export class AlbumDownloadController {
  constructor(
    private readonly downloads: AlbumDownloadService,
    private readonly links: AlbumDownloadLinks,
  ) {}

  @Route(routes.downloadAlbum)
  async album(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.downloadAlbum.params)) params: { id: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return send(reply, await this.downloads.album(caller, params.id));
  }

  @Route(routes.downloadAlbumSelection)
  async selection(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.downloadAlbumSelection.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.downloadAlbumSelection.body)) body: AlbumDownloadSelectionBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return send(reply, await this.downloads.selection(caller, params.id, body.photo_ids));
  }

  @Route(routes.createAlbumDownloadLink)
  createLink(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.createAlbumDownloadLink.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.createAlbumDownloadLink.body)) body: AlbumDownloadLinkBody,
  ): Promise<AlbumDownloadLink> {
    return this.links.create(caller, params.id, body.photo_ids);
  }

  @Route(routes.albumDownloadByLink)
  async byLink(
    @Param(new ZodValidationPipe(routes.albumDownloadByLink.params)) params: { id: string },
    @Query(new ZodValidationPipe(routes.albumDownloadByLink.query)) query: AlbumDownloadLinkQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    return send(reply, await this.links.open(params.id, query));
  }
}

/** Streams the archive (Fastify pipes a returned stream with backpressure); no length: it is made on the fly. */
function send(reply: FastifyReply, zip: AlbumZip): Readable {
  void reply
    .type('application/zip')
    .header('content-disposition', contentDisposition(zip.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  return zip.stream;
}

/** An ASCII fallback and the UTF-8 name (RFC 6266 / 5987): an album title may hold anything. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_').slice(0, 150) || 'album.zip';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.slice(0, 150))}`;
}
