import { type AlbumDownloadLink } from '@discordgym/contracts';
import { type AuthorizationCases, outcomes } from '../../../test/album-fixtures';
import { seedPhoto } from '../../../test/album-live-fixtures';

/*
 * Matrix rows of the ZIP downloads and their links (album-download.controller.ts). A ZIP or
 * a link is the policy's `download`: members and hosts, a guest only when the album allows
 * it (off by default), never the wall. Opening a link is public: the link is the credential.
 */
const mayDownload = (ok: number) => outcomes(403, 404, ok, ok, ok, 404, 403);

export const authorizationCases: AuthorizationCases = {
  downloadAlbum: { expect: mayDownload(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}/download` }) },
  downloadAlbumSelection: {
    expect: mayDownload(200),
    request: async (w) => {
      const photo = await seedPhoto(w.sut, w.albumA.id, { uploaderUserId: w.users.host.id, bytes: Buffer.from('not really a jpeg') });
      return { path: `/api/albums/${w.albumA.id}/download`, body: { photo_ids: [photo.id] } };
    },
  },
  createAlbumDownloadLink: { expect: mayDownload(201), request: (w) => ({ path: `/api/albums/${w.albumA.id}/download-links`, body: {} }) },
  albumDownloadByLink: {
    expect: outcomes(200, 200, 200, 200, 200, 200, 200),
    request: async (w) => {
      const made = await w.api.post(`/api/albums/${w.albumA.id}/download-links`, {}, { token: w.users.member.token });
      if (made.status !== 201) throw new Error(`download link: ${made.status} ${JSON.stringify(made.body)}`);
      return { path: (made.body as AlbumDownloadLink).url };
    },
  },
};
