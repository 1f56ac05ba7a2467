import {
  ALBUMS_PAGE_MAX,
  type AddAlbumMemberBody,
  type Album,
  type AlbumInvite,
  type AlbumMember,
  type AlbumWallLink,
  type CreateAlbumBody,
  type GuestInvitePreview,
  type GuestSelf,
  type UpdateAlbumBody,
} from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';
import { sendRoute } from '../../../lib/api/http-transport';
import { type AlbumAccess, accessKey, albumCall } from './album-access';

export const albumKeys = {
  all: ['albums'] as const,
  list: ['albums', 'list'] as const,
  album: (access: AlbumAccess, id: string) => ['albums', 'album', accessKey(access), id] as const,
  photos: (access: AlbumAccess, id: string) => ['albums', 'photos', accessKey(access), id] as const,
  queue: (id: string) => ['albums', 'queue', id] as const,
  members: (id: string) => ['albums', 'members', id] as const,
  invites: (id: string) => ['albums', 'invites', id] as const,
  wallLink: (id: string) => ['albums', 'wall-link', id] as const,
  guestMe: ['albums', 'guest-me'] as const,
};

/** A page of albums; the list page asks for more with its cursor. */
export const fetchAlbums = (cursor: string | undefined, signal?: AbortSignal) => api('listAlbums', { query: { limit: 50, cursor }, signal });

export const fetchAlbum = (access: AlbumAccess, id: string, signal?: AbortSignal): Promise<Album> => albumCall(access, 'getAlbum', { params: { id }, signal });

export const createAlbum = (body: CreateAlbumBody): Promise<Album> => api('createAlbum', { body });

export const updateAlbum = (id: string, body: UpdateAlbumBody): Promise<Album> => api('updateAlbum', { params: { id }, body });

export const deleteAlbum = (id: string): Promise<void> => api('deleteAlbum', { params: { id } });

export const fetchMembers = async (id: string, signal?: AbortSignal): Promise<AlbumMember[]> =>
  (await api('listAlbumMembers', { params: { id }, query: { limit: ALBUMS_PAGE_MAX }, signal })).items;

export const addMember = (id: string, body: AddAlbumMemberBody): Promise<AlbumMember> => api('addAlbumMember', { params: { id }, body });

export const removeMember = (id: string, userId: string): Promise<void> => api('removeAlbumMember', { params: { id, userId } });

export const fetchInvites = async (id: string, signal?: AbortSignal): Promise<AlbumInvite[]> =>
  (await api('listAlbumInvites', { params: { id }, query: { limit: ALBUMS_PAGE_MAX }, signal })).items;

export const createInvite = (id: string, expiresAt: string | null): Promise<AlbumInvite> =>
  api('createAlbumInvite', { params: { id }, body: { expires_at: expiresAt } });

export const revokeInvite = (id: string, inviteId: string): Promise<void> => api('revokeAlbumInvite', { params: { id, inviteId } });

export const fetchWallLink = async (id: string, signal?: AbortSignal): Promise<AlbumWallLink | null> =>
  (await api('getAlbumWallLink', { params: { id }, signal })).link;

export const createWallLink = (id: string): Promise<AlbumWallLink> => api('createAlbumWallLink', { params: { id } });

export const revokeWallLink = (id: string): Promise<void> => api('revokeAlbumWallLink', { params: { id } });

export const previewInvite = (token: string): Promise<GuestInvitePreview> => sendRoute('previewGuestInvite', { body: { token } }, null);

export const joinAsGuest = (token: string, displayName: string): Promise<GuestSelf> =>
  sendRoute('guestJoin', { body: { token, display_name: displayName } }, null);

export const fetchGuestMe = (signal?: AbortSignal): Promise<GuestSelf> => albumCall({ kind: 'guest' }, 'guestMe', { signal });

export const leaveAsGuest = (): Promise<void> => albumCall({ kind: 'guest' }, 'guestLeave', {});
