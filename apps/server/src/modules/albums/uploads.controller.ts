import { Body, Controller, Param } from '@nestjs/common';
import { type AlbumPhoto, type CreateUploadsBody, routes, type UploadParts, type UploadPartsBody, type UploadTickets } from '@discordgym/contracts';
import { type AlbumCaller, CurrentCaller } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { UploadsService } from './uploads.service';

@Controller()
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Route(routes.createAlbumUploads)
  create(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.createAlbumUploads.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.createAlbumUploads.body)) body: CreateUploadsBody,
  ): Promise<UploadTickets> {
    return this.uploads.createUploads(caller, params.id, body);
  }

  @Route(routes.albumUploadParts)
  parts(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.albumUploadParts.params)) params: { id: string; uploadId: string },
    @Body(new ZodValidationPipe(routes.albumUploadParts.body)) body: UploadPartsBody,
  ): Promise<UploadParts> {
    return this.uploads.parts(caller, params.id, params.uploadId, body ?? {});
  }

  @Route(routes.completeAlbumUpload)
  complete(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.completeAlbumUpload.params)) params: { id: string; uploadId: string },
  ): Promise<AlbumPhoto> {
    return this.uploads.complete(caller, params.id, params.uploadId);
  }
}
