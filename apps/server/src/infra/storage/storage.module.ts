import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { openObjectStorage } from './object-storage.factory';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';
import { StorageController } from './storage.controller';

/**
 * The object storage port for every feature (global, like the other infrastructure):
 * disk or S3, picked from the configuration once at start-up and closed on shutdown.
 * The controller serves the disk driver's signed URLs.
 */
@Global()
@Module({
  controllers: [StorageController],
  providers: [{ provide: OBJECT_STORAGE, useFactory: (config: Config) => openObjectStorage(config), inject: [CONFIG] }],
  exports: [OBJECT_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
