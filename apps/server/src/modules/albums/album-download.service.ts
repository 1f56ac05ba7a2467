import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ZipArchive } from 'archiver';
import { AppError } from '../../common/app-error';
import type { AlbumCaller } from '../../common/request-context';
import { OBJECT_STORAGE, type ObjectStorage } from '../../infra/storage/object-storage';
import { AlbumLiveRepository, type LivePhotoRow } from './album-live.repository';
import { AlbumsPolicy } from './albums.policy';
import { ZipNames } from './zip-names';

/** Rows read per page while the whole album streams (memory holds one page of rows, never bytes). */
const PAGE = 200;

export interface AlbumZip {
  fileName: string;
  stream: Readable;
}

/**
 * An album (or a selection of it) as one ZIP, streamed: each original is read from storage
 * and written into the archive as it goes out, one at a time, stored without compression
 * (JPEG, HEIC, MP4 do not shrink). No temporary file; memory holds a page of rows and the
 * streams' buffers, whatever the album weighs. A file that cannot be read ends the response
 * with an error rather than a silently shorter ZIP.
 */
@Injectable()
export class AlbumDownloadService {
  private readonly logger = new Logger(AlbumDownloadService.name);

  constructor(
    private readonly repository: AlbumLiveRepository,
    private readonly policy: AlbumsPolicy,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async album(caller: AlbumCaller, albumId: string): Promise<AlbumZip> {
    const title = await this.assertMayDownload(caller, albumId);
    const pages = async function* (repository: AlbumLiveRepository): AsyncGenerator<LivePhotoRow> {
      let after: string | undefined;
      for (;;) {
        const rows = await repository.approvedPage(albumId, after, PAGE);
        yield* rows;
        if (rows.length < PAGE) return;
        after = rows.at(-1)!.id;
      }
    };
    return { fileName: `${title}.zip`, stream: this.zip(pages(this.repository)) };
  }

  async selection(caller: AlbumCaller, albumId: string, photoIds: string[]): Promise<AlbumZip> {
    const title = await this.assertMayDownload(caller, albumId);
    const rows = await this.repository.approvedByIds(albumId, [...new Set(photoIds)]);
    // A photo that is not (or no longer) visible is not revealed by a shorter ZIP: say so instead.
    if (!rows.length) throw AppError.notFound('Photo');
    return { fileName: `${title}.zip`, stream: this.zip((async function* () { yield* rows; })()) };
  }

  /** The album's title, when the policy lets this caller download it (download links ask before they are made). */
  async assertMayDownload(caller: AlbumCaller, albumId: string): Promise<string> {
    const { actor, album } = await this.policy.load(caller, albumId);
    this.policy.assert(actor, 'download', album.album);
    return album.album.title;
  }

  private zip(photos: AsyncIterable<LivePhotoRow>): Readable {
    const archive = new ZipArchive({ store: true });
    const out = new PassThrough();
    archive.on('warning', (error) => this.logger.warn(`zip warning: ${String(error)}`));
    archive.on('error', (error) => out.destroy(error));
    archive.pipe(out);
    const names = new ZipNames();
    // The client went away: stop reading from storage instead of waiting on a full pipe forever.
    let current: Readable | undefined;
    const gone = new Promise<'gone'>((resolve) =>
      out.once('close', () => {
        current?.destroy();
        archive.abort();
        resolve('gone');
      }),
    );
    void (async () => {
      try {
        for await (const photo of photos) {
          if (out.destroyed) return;
          const body = await this.storage.read(photo.originalKey);
          current = body;
          const name = names.name(photo.originalName, photo.contentType, `photo-${photo.id}`);
          // One entry at a time: the next original is opened only once this one is written.
          const written = once(archive, 'entry');
          archive.append(body, { name, date: photo.takenAt ?? photo.createdAt });
          if ((await Promise.race([written, gone])) === 'gone') return;
        }
        await archive.finalize();
      } catch (error) {
        if (out.destroyed) return;
        this.logger.warn(`zip stream failed: ${String(error)}`);
        archive.abort();
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    })();
    return out;
  }
}
