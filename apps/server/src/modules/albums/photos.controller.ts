import { Body, Controller, Param, Query } from '@nestjs/common';
import { type AlbumPhotoPage, type AlbumPhotosQuery, type ModerateBody, type ModerationQuery, type ModerationResult, routes } from '@discordgym/contracts';
import { type AlbumCaller, CurrentCaller } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { PhotosService } from './photos.service';

@Controller()
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Route(routes.listAlbumPhotos)
  list(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.listAlbumPhotos.params)) params: { id: string },
    @Query(new ZodValidationPipe(routes.listAlbumPhotos.query)) query: AlbumPhotosQuery,
  ): Promise<AlbumPhotoPage> {
    return this.photos.list(caller, params.id, query);
  }

  @Route(routes.deleteAlbumPhoto)
  async delete(@CurrentCaller() caller: AlbumCaller, @Param(new ZodValidationPipe(routes.deleteAlbumPhoto.params)) params: { id: string; photoId: string }): Promise<void> {
    await this.photos.delete(caller, params.id, params.photoId);
  }

  @Route(routes.albumModerationQueue)
  queue(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.albumModerationQueue.params)) params: { id: string },
    @Query(new ZodValidationPipe(routes.albumModerationQueue.query)) query: ModerationQuery,
  ): Promise<AlbumPhotoPage> {
    return this.photos.queue(caller, params.id, query);
  }

  @Route(routes.moderateAlbumPhotos)
  moderate(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.moderateAlbumPhotos.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.moderateAlbumPhotos.body)) body: ModerateBody,
  ): Promise<ModerationResult> {
    return this.photos.moderate(caller, params.id, body);
  }
}
