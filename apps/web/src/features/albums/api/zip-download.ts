import { saveUrl } from '../../../lib/api/download';
import { type AlbumAccess, albumCall } from './album-access';

/**
 * The album (or a selection) as a ZIP, saved by the browser itself: the server hands out a
 * signed link valid for 60 s and the browser streams the archive from it to disk, so a
 * 2 GB album never sits in this tab's memory.
 */
export async function downloadZip(access: AlbumAccess, albumId: string, title: string, photoIds?: readonly string[]): Promise<void> {
  const filename = `${title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'album'}.zip`;
  const link = await albumCall(access, 'createAlbumDownloadLink', { params: { id: albumId }, body: photoIds ? { photo_ids: [...photoIds] } : {} });
  saveUrl(link.url, filename);
}
