import { Controller, Param } from '@nestjs/common';
import { type PhotoHeartState, routes } from '@discordgym/contracts';
import { type AlbumCaller, CurrentCaller } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AlbumHeartsService } from './album-hearts.service';

type PhotoParams = { id: string; photoId: string };

@Controller()
export class AlbumHeartsController {
  constructor(private readonly hearts: AlbumHeartsService) {}

  @Route(routes.heartAlbumPhoto)
  heart(@CurrentCaller() caller: AlbumCaller, @Param(new ZodValidationPipe(routes.heartAlbumPhoto.params)) params: PhotoParams): Promise<PhotoHeartState> {
    return this.hearts.set(caller, params.id, params.photoId, true);
  }

  @Route(routes.unheartAlbumPhoto)
  unheart(@CurrentCaller() caller: AlbumCaller, @Param(new ZodValidationPipe(routes.unheartAlbumPhoto.params)) params: PhotoParams): Promise<PhotoHeartState> {
    return this.hearts.set(caller, params.id, params.photoId, false);
  }
}
