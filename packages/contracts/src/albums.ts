import { z } from 'zod';
import { Id, IsoDate, multilineText, plainText } from './common';
// The uploads helper owns the ceiling on a file's size; an album's own limit stays below it.
import { ALBUM_FILE_BYTES_MAX } from './album-photos';
import { PublicUser } from './users';

/** The largest page of albums, members, invites or guests one call answers. */
export const ALBUMS_PAGE_MAX = 100;
export const ALBUMS_PAGE_DEFAULT = 50;

/** Where a browser sends the guest cookie: httpOnly, never readable by scripts. */
export const GUEST_COOKIE = 'dg_guest';
/** The header a wall page sends its wall token in (read-only routes that say `albumAccess.wall`). */
export const WALL_TOKEN_HEADER = 'x-album-wall-token';

export const ALBUM_GUEST_QUOTA_BYTES_MAX = 1024 ** 4;
export const ALBUM_GUEST_QUOTA_PHOTOS_MAX = 100_000;

const pageQuery = {
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ALBUMS_PAGE_MAX).default(ALBUMS_PAGE_DEFAULT),
};
export const AlbumPageQuery = z.strictObject(pageQuery);
export type AlbumPageQuery = z.infer<typeof AlbumPageQuery>;

/** A member's role in one album; the owner is always `host`. */
export const AlbumRole = z.enum(['host', 'cohost', 'member']);
export type AlbumRole = z.infer<typeof AlbumRole>;
/** What the reader of an album is to it. */
export const AlbumViewerRole = z.enum(['host', 'cohost', 'member', 'guest', 'wall']);
export type AlbumViewerRole = z.infer<typeof AlbumViewerRole>;

/** A calendar day (`2026-12-31`), no time zone: the party's date as the host typed it. */
export const EventDate = z.iso.date();

export const AlbumSettings = z
  .object({
    uploads_open: z.boolean(),
    /** Optional window inside which uploads are open (both ends inclusive); null = no bound. */
    upload_window_start: IsoDate.nullable(),
    upload_window_end: IsoDate.nullable(),
    approval_required: z.boolean(),
    guest_quota_photos: z.number().int().min(0).max(ALBUM_GUEST_QUOTA_PHOTOS_MAX),
    guest_quota_bytes: z.number().int().min(0).max(ALBUM_GUEST_QUOTA_BYTES_MAX),
    max_file_bytes: z.number().int().min(1).max(ALBUM_FILE_BYTES_MAX),
    guests_may_download: z.boolean(),
  })
  .meta({ id: 'AlbumSettings' });
export type AlbumSettings = z.infer<typeof AlbumSettings>;

const windowInOrder = (s: { upload_window_start?: string | null | undefined; upload_window_end?: string | null | undefined }) =>
  !s.upload_window_start || !s.upload_window_end || Date.parse(s.upload_window_start) < Date.parse(s.upload_window_end);
const windowIssue = { message: 'upload_window_start must be before upload_window_end', path: ['upload_window_end'] };

export const AlbumSettingsPatch = z
  .strictObject({
    uploads_open: z.boolean().optional(),
    upload_window_start: IsoDate.nullable().optional(),
    upload_window_end: IsoDate.nullable().optional(),
    approval_required: z.boolean().optional(),
    guest_quota_photos: z.number().int().min(0).max(ALBUM_GUEST_QUOTA_PHOTOS_MAX).optional(),
    guest_quota_bytes: z.number().int().min(0).max(ALBUM_GUEST_QUOTA_BYTES_MAX).optional(),
    max_file_bytes: z.number().int().min(1).max(ALBUM_FILE_BYTES_MAX).optional(),
    guests_may_download: z.boolean().optional(),
  })
  .refine(windowInOrder, windowIssue)
  .meta({ id: 'AlbumSettingsPatch' });
export type AlbumSettingsPatch = z.infer<typeof AlbumSettingsPatch>;

export const AlbumTitle = plainText(1, 120);
export const AlbumDescription = multilineText(2000);

export const Album = z
  .object({
    id: Id,
    title: z.string(),
    event_date: EventDate.nullable(),
    description: z.string().nullable(),
    cover_photo_id: Id.nullable(),
    owner: PublicUser,
    settings: AlbumSettings,
    /** What the caller is to this album (guests and wall viewers see the album too). */
    my_role: AlbumViewerRole,
    /** Whether uploads are accepted right now: open and inside the window. */
    accepting_uploads: z.boolean(),
    created_at: IsoDate,
    updated_at: IsoDate,
  })
  .meta({ id: 'Album' });
export type Album = z.infer<typeof Album>;

export const AlbumPage = z.object({ items: z.array(Album), next_cursor: z.string().nullable() }).meta({ id: 'AlbumPage' });
export type AlbumPage = z.infer<typeof AlbumPage>;

export const CreateAlbumBody = z
  .strictObject({
    title: AlbumTitle,
    event_date: EventDate.nullable().optional(),
    description: AlbumDescription.nullable().optional(),
    settings: AlbumSettingsPatch.optional(),
  })
  .meta({ id: 'CreateAlbumBody' });
export type CreateAlbumBody = z.infer<typeof CreateAlbumBody>;

export const UpdateAlbumBody = z
  .strictObject({
    title: AlbumTitle.optional(),
    event_date: EventDate.nullable().optional(),
    description: AlbumDescription.nullable().optional(),
    /** An approved photo of this album, or null for none. */
    cover_photo_id: Id.nullable().optional(),
    settings: AlbumSettingsPatch.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' })
  .meta({ id: 'UpdateAlbumBody' });
export type UpdateAlbumBody = z.infer<typeof UpdateAlbumBody>;

export const AlbumIdParams = z.strictObject({ id: Id });
export const AlbumMemberParams = z.strictObject({ id: Id, userId: Id });
export const AlbumInviteParams = z.strictObject({ id: Id, inviteId: Id });
export const AlbumGuestParams = z.strictObject({ id: Id, guestId: Id });

export const AlbumMember = z
  .object({ user: PublicUser, role: AlbumRole, added_at: IsoDate })
  .meta({ id: 'AlbumMember' });
export type AlbumMember = z.infer<typeof AlbumMember>;
export const AlbumMemberPage = z.object({ items: z.array(AlbumMember), next_cursor: z.string().nullable() }).meta({ id: 'AlbumMemberPage' });
export type AlbumMemberPage = z.infer<typeof AlbumMemberPage>;

/** Adding someone who is already a member changes their role (200); the owner's role never changes. */
export const AddAlbumMemberBody = z
  .strictObject({ user_id: Id, role: z.enum(['cohost', 'member']).default('member') })
  .meta({ id: 'AddAlbumMemberBody' });
export type AddAlbumMemberBody = z.infer<typeof AddAlbumMemberBody>;

/** Invite tokens: 32 random bytes, base64url (43 characters). */
export const InviteToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an invite token');
export const WallToken = InviteToken;

export const AlbumInvite = z
  .object({
    id: Id,
    album_id: Id,
    token: InviteToken,
    /** The web page a guest opens (the token rides in the fragment, never sent to a server). */
    join_url: z.string(),
    created_at: IsoDate,
    expires_at: IsoDate.nullable(),
    revoked_at: IsoDate.nullable(),
    /** Neither revoked nor expired. */
    active: z.boolean(),
    guests_joined: z.number().int(),
  })
  .meta({ id: 'AlbumInvite' });
export type AlbumInvite = z.infer<typeof AlbumInvite>;
export const AlbumInvitePage = z.object({ items: z.array(AlbumInvite), next_cursor: z.string().nullable() }).meta({ id: 'AlbumInvitePage' });
export type AlbumInvitePage = z.infer<typeof AlbumInvitePage>;

export const CreateAlbumInviteBody = z
  .strictObject({ expires_at: IsoDate.nullable().optional() })
  .refine((b) => !b.expires_at || Date.parse(b.expires_at) > Date.now(), { message: 'must be in the future', path: ['expires_at'] })
  .meta({ id: 'CreateAlbumInviteBody' });
export type CreateAlbumInviteBody = z.infer<typeof CreateAlbumInviteBody>;

export const AlbumGuest = z
  .object({
    id: Id,
    album_id: Id,
    display_name: z.string(),
    invite_id: Id.nullable(),
    created_at: IsoDate,
    /** Left, removed by a host, or expired. */
    active: z.boolean(),
  })
  .meta({ id: 'AlbumGuest' });
export type AlbumGuest = z.infer<typeof AlbumGuest>;
export const AlbumGuestPage = z.object({ items: z.array(AlbumGuest), next_cursor: z.string().nullable() }).meta({ id: 'AlbumGuestPage' });
export type AlbumGuestPage = z.infer<typeof AlbumGuestPage>;

export const GuestDisplayName = plainText(1, 64);

export const GuestJoinBody = z.strictObject({ token: InviteToken, display_name: GuestDisplayName }).meta({ id: 'GuestJoinBody' });
export type GuestJoinBody = z.infer<typeof GuestJoinBody>;

export const GuestInvitePreviewBody = z.strictObject({ token: InviteToken }).meta({ id: 'GuestInvitePreviewBody' });
export type GuestInvitePreviewBody = z.infer<typeof GuestInvitePreviewBody>;

/** What the landing page shows before a guest types a name. */
export const GuestInvitePreview = z
  .object({ album_id: Id, title: z.string(), event_date: EventDate.nullable(), expires_at: IsoDate.nullable() })
  .meta({ id: 'GuestInvitePreview' });
export type GuestInvitePreview = z.infer<typeof GuestInvitePreview>;

/** A guest's own view of their session (the cookie itself is httpOnly). */
export const GuestSelf = z
  .object({
    guest: AlbumGuest,
    album: Album,
    expires_at: IsoDate,
  })
  .meta({ id: 'GuestSelf' });
export type GuestSelf = z.infer<typeof GuestSelf>;

export const AlbumWallLink = z
  .object({
    id: Id,
    album_id: Id,
    token: WallToken,
    /** The wall page; the token rides in the fragment and goes to the API in the x-album-wall-token header. */
    wall_url: z.string(),
    created_at: IsoDate,
  })
  .meta({ id: 'AlbumWallLink' });
export type AlbumWallLink = z.infer<typeof AlbumWallLink>;

/** `link` is null when the album has no live wall link. */
export const AlbumWallLinkState = z.object({ link: AlbumWallLink.nullable() }).meta({ id: 'AlbumWallLinkState' });
export type AlbumWallLinkState = z.infer<typeof AlbumWallLinkState>;
