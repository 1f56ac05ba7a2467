import { Module, type OnModuleInit } from '@nestjs/common';
import { AlbumVisitors } from '../auth/album-visitors';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { AlbumAccess, AlbumGuestsService } from './album-guests.service';
import { AlbumCards } from './album-cards';
import { AlbumCleanupJobs } from './album-cleanup.jobs';
import { AlbumDownloadLinks } from './album-download-links';
import { AlbumDownloadController } from './album-download.controller';
import { AlbumDownloadService } from './album-download.service';
import { AlbumHeartsController } from './album-hearts.controller';
import { AlbumHeartsService } from './album-hearts.service';
import { AlbumLiveConsumer } from './album-live.consumer';
import { AlbumLiveRepository } from './album-live.repository';
import { AlbumLiveService } from './album-live.service';
import { AlbumScopedSockets } from './album-scoped-sockets';
import { AlbumNotificationsConsumer } from './album-notifications.consumer';
import { AlbumStorageUsage } from './album-storage-usage';
import { AlbumTokenSealer } from './album-tokens';
import { AlbumWallGateway } from './album-wall.gateway';
import { AlbumsController, GuestController } from './albums.controller';
import { AlbumsPolicy } from './albums.policy';
import { AlbumsRepository } from './albums.repository';
import { AlbumsService } from './albums.service';
import { PhotoAccess } from './photo-access';
import { PhotoProcessingConsumer } from './photo-processing.consumer';
import { PhotoViews } from './photo-views';
import { PhotosController } from './photos.controller';
import { PhotosRepository } from './photos.repository';
import { PhotosService } from './photos.service';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

/**
 * Albums, members, invites, guests and the wall link. The uploads and live-wall parts add
 * their controllers and providers here (below), and use AlbumsPolicy (who may do what),
 * AlbumsRepository.nextSeq (the wall's change counter) and AlbumAccess (guest cookies and
 * wall tokens for socket handshakes).
 */
@Module({
  imports: [AuthModule, UsersModule, NotificationsModule, ChatModule],
  controllers: [
    AlbumsController,
    GuestController,
    // uploads / album-live controllers go here
    UploadsController,
    PhotosController,
    AlbumHeartsController,
    AlbumDownloadController,
  ],
  providers: [
    AlbumsRepository,
    AlbumsPolicy,
    AlbumTokenSealer,
    AlbumsService,
    AlbumGuestsService,
    AlbumAccess,
    // uploads / album-live providers go here
    PhotosRepository,
    PhotoAccess,
    PhotoViews,
    UploadsService,
    PhotosService,
    PhotoProcessingConsumer,
    AlbumLiveRepository,
    AlbumLiveService,
    AlbumLiveConsumer,
    AlbumScopedSockets,
    AlbumWallGateway,
    AlbumHeartsService,
    AlbumDownloadService,
    AlbumDownloadLinks,
    AlbumCleanupJobs,
    AlbumStorageUsage,
    AlbumNotificationsConsumer,
    AlbumCards,
  ],
  exports: [AlbumsPolicy, AlbumsRepository, AlbumsService, AlbumAccess, AlbumStorageUsage],
})
export class AlbumsModule implements OnModuleInit {
  constructor(
    private readonly visitors: AlbumVisitors,
    private readonly access: AlbumAccess,
  ) {}

  onModuleInit(): void {
    this.visitors.use(this.access);
  }
}
