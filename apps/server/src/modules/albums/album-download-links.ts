import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ALBUM_DOWNLOAD_LINK_SECONDS, type AlbumDownloadLink, type AlbumDownloadLinkQuery, routes } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { HmacSigner } from '../../common/hmac-signer';
import type { AlbumCaller } from '../../common/request-context';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { KvStore } from '../../infra/kv/kv-store';
import { SessionValidityService } from '../auth/session-validity.service';
import { AlbumDownloadService, type AlbumZip } from './album-download.service';
import { AlbumLiveRepository } from './album-live.repository';

/** A selection outlives its link a little, so a link used in its last second still finds it. */
const SELECTION_TTL_MS = (ALBUM_DOWNLOAD_LINK_SECONDS + 30) * 1000;
const selectionKey = (digest: string) => `album-download-selection:${digest}`;

/**
 * Download links: the browser saves a ZIP by navigating to a URL, which carries no
 * Authorization header, so the web app used to fetch the whole archive into memory. A
 * link is signed (the app's HmacSigner, its own label) over the album, the caller, the
 * selection and the expiry, and lives 60 s. Opening it streams the ZIP straight to disk.
 *
 * The link only says who asked; the album policy decides again when it is opened (the
 * caller's session or guest session must still be live, and still allowed to download).
 * A selection (up to 1,000 ids, too long for a URL) waits in the KvStore under its own
 * digest, which the signature covers: shared by every instance, gone after the link.
 */
@Injectable()
export class AlbumDownloadLinks {
  private readonly signer: HmacSigner;
  private readonly now: () => number = Date.now;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly kv: KvStore,
    private readonly downloads: AlbumDownloadService,
    private readonly validity: SessionValidityService,
    private readonly live: AlbumLiveRepository,
  ) {
    this.signer = new HmacSigner(config.JWT_SECRET, 'discordgym/album-download-link/v1');
  }

  async create(caller: AlbumCaller, albumId: string, photoIds: string[] | undefined): Promise<AlbumDownloadLink> {
    await this.downloads.assertMayDownload(caller, albumId);
    const by = subjectOf(caller);
    let sel: string | undefined;
    if (photoIds) {
      const ids = [...new Set(photoIds)].sort();
      sel = createHash('sha256').update(JSON.stringify(ids)).digest('base64url');
      await this.kv.set(selectionKey(sel), JSON.stringify(ids), SELECTION_TTL_MS);
    }
    const exp = Math.floor(this.now() / 1000) + ALBUM_DOWNLOAD_LINK_SECONDS;
    const query = new URLSearchParams({ by, ...(sel ? { sel } : {}), exp: String(exp), sig: this.signer.sign(fields(albumId, by, sel, exp)) });
    return {
      url: `${routes.albumDownloadByLink.path.replace(':id', albumId)}?${query.toString()}`,
      expires_at: new Date(exp * 1000).toISOString(),
    };
  }

  /** The ZIP behind a link; 403 when the link was altered, made for another album or has expired. */
  async open(albumId: string, link: AlbumDownloadLinkQuery): Promise<AlbumZip> {
    if (!this.signer.verify(fields(albumId, link.by, link.sel, link.exp), link.sig)) throw AppError.forbidden('This download link is not valid');
    if (link.exp * 1000 <= this.now()) throw AppError.forbidden('This download link has expired; start the download again');
    const caller = await this.callerOf(link.by, albumId);
    if (!link.sel) return this.downloads.album(caller, albumId);
    const stored = await this.kv.get(selectionKey(link.sel));
    if (!stored) throw AppError.forbidden('This download link has expired; start the download again');
    return this.downloads.selection(caller, albumId, JSON.parse(stored) as string[]);
  }

  /** Who the link was made for, as they are now: a signed-out session or an ended guest session ends the link too. */
  private async callerOf(by: string, albumId: string): Promise<AlbumCaller> {
    const [kind, id, sessionId] = by.split('.') as [string, string, string | undefined];
    if (kind === 'u') {
      const { role } = await this.validity.assertActive(id, sessionId!);
      return { kind: 'user', userId: id, sessionId: sessionId!, role };
    }
    if (!(await this.live.guestSessionEnd(id, albumId, new Date(this.now())))) throw new AppError('GUEST_SESSION_ENDED', 'Your guest session has ended; open the invite link again');
    return { kind: 'guest', guestId: id, albumId, displayName: '' };
  }
}

function subjectOf(caller: AlbumCaller): string {
  if (caller.kind === 'user') return `u.${caller.userId}.${caller.sessionId}`;
  if (caller.kind === 'guest') return `g.${caller.guestId}`;
  // The policy never lets a wall download; said here too, so no link could name one.
  throw AppError.forbidden('A wall link only shows the wall');
}

const fields = (albumId: string, by: string, sel: string | undefined, exp: number) => ['v1', albumId, by, sel ?? null, exp];
