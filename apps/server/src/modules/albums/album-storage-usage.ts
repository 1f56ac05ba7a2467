import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '../../infra/metrics/metrics';
import { AlbumLiveRepository } from './album-live.repository';

/** Albums listed by name (admin stats) and as labelled series (/metrics): the largest ones. */
export const STORAGE_TOP_ALBUMS = 20;
/** A scrape every 15 s and an admin page open all day cost one sum query per this. */
const CACHE_MS = 30_000;

export interface StorageUsage {
  totalBytes: number;
  photos: number;
  albumsWithPhotos: number;
  albums: Array<{ albumId: string; title: string; bytes: number; photos: number }>;
}

/**
 * Bytes the albums keep in object storage, summed from the photo rows (`byte_size` +
 * `derived_bytes`) rather than by listing the bucket: one indexed aggregate, cached briefly.
 * Objects of a deleted album count until its cleanup job has removed them.
 */
@Injectable()
export class AlbumStorageUsage implements OnModuleInit {
  private cached: { at: number; value: Promise<StorageUsage> } | undefined;

  constructor(
    private readonly repository: AlbumLiveRepository,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics.watchStorage(async () => {
      const usage = await this.read();
      return { totalBytes: usage.totalBytes, photos: usage.photos, albums: usage.albums };
    });
  }

  read(now = Date.now()): Promise<StorageUsage> {
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.value;
    const value = Promise.all([this.repository.storageTotal(), this.repository.storageByAlbum(STORAGE_TOP_ALBUMS)]).then(([total, albums]) => ({
      totalBytes: total.bytes,
      photos: total.photos,
      albumsWithPhotos: total.albums,
      albums,
    }));
    // A failed read is not kept: the next call asks again.
    value.catch(() => (this.cached = undefined));
    this.cached = { at: now, value };
    return value;
  }

  /** Forget the cached figure (tests; after a large cleanup). */
  invalidate(): void {
    this.cached = undefined;
  }
}
