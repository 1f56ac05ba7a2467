import {
  ALBUM_PHOTOS_PAGE_MAX,
  type AlbumPhoto,
  type AlbumPhotoPage,
  type ModerationResult,
  type UploadFileSpec,
  type UploadParts,
  type UploadTicket,
} from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';
import { type AlbumAccess, albumCall } from './album-access';

export type PhotoSort = 'uploaded' | 'taken';

export const fetchPhotoPage = (access: AlbumAccess, id: string, sort: PhotoSort, cursor: string | undefined, signal?: AbortSignal): Promise<AlbumPhotoPage> =>
  albumCall(access, 'listAlbumPhotos', { params: { id }, query: { sort, cursor, limit: ALBUM_PHOTOS_PAGE_MAX }, signal });

export const deletePhoto = (access: AlbumAccess, id: string, photoId: string): Promise<void> =>
  albumCall(access, 'deleteAlbumPhoto', { params: { id, photoId } });

export const requestUploads = async (access: AlbumAccess, id: string, files: UploadFileSpec[]): Promise<UploadTicket[]> =>
  (await albumCall(access, 'createAlbumUploads', { params: { id }, body: { files } })).items;

export const requestParts = (access: AlbumAccess, id: string, uploadId: string): Promise<UploadParts> =>
  albumCall(access, 'albumUploadParts', { params: { id, uploadId }, body: {} });

export const completeUpload = (access: AlbumAccess, id: string, uploadId: string): Promise<AlbumPhoto> =>
  albumCall(access, 'completeAlbumUpload', { params: { id, uploadId } });

export const fetchQueuePage = (id: string, cursor: string | undefined, signal?: AbortSignal): Promise<AlbumPhotoPage> =>
  api('albumModerationQueue', { params: { id }, query: { cursor, limit: ALBUM_PHOTOS_PAGE_MAX }, signal });

export const moderate = (id: string, photoIds: string[], action: 'approve' | 'reject'): Promise<ModerationResult> =>
  api('moderateAlbumPhotos', { params: { id }, body: { photo_ids: photoIds, action } });

export const setHeart = (access: AlbumAccess, id: string, photoId: string, hearted: boolean) =>
  albumCall(access, hearted ? 'heartAlbumPhoto' : 'unheartAlbumPhoto', { params: { id, photoId } });
