import { z } from 'zod';
import { Id, IsoDate, multilineText, plainText } from './common';

/** The part of a handle before `#`: what people type to find each other. */
export const Username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_.]+$/, 'letters, digits, "_" and "." only');

/** `username#NNNN`, the seeds' `generateDiscordId`. */
export const Handle = z.string().regex(/^[A-Za-z0-9_.]{2,32}#\d{4}$/, 'expected username#0000');

export const AvatarId = z.string().regex(/^[a-z0-9-]{1,40}$/);

/** Custom status text: one line, sanitised like a display name. */
export const CUSTOM_STATUS_MAX = 128;
/** A custom status as others see it; `expires_at` null: until cleared. Gone once expired. */
export const CustomStatus = z.object({ text: z.string(), expires_at: IsoDate.nullable() }).meta({ id: 'CustomStatus' });
export type CustomStatus = z.infer<typeof CustomStatus>;
/** What I choose others see while I am connected; `invisible` looks offline to everyone else. */
export const PresenceChoice = z.enum(['online', 'idle', 'dnd', 'invisible']);
export type PresenceChoice = z.infer<typeof PresenceChoice>;

export const PublicUser = z
  .object({
    id: Id,
    username: z.string(),
    handle: z.string(),
    display_name: z.string().nullable(),
    bio: z.string().nullable(),
    avatar: AvatarId.nullable(),
    created_at: IsoDate,
    /** Absent where a feature does not load it; null when none (or expired). */
    custom_status: CustomStatus.nullable().optional(),
    /** Seed 003: the avatar's image URL (`/avatars/<avatar>.svg`), null without one. The server always sends it. */
    avatar_url: z.string().nullable().optional(),
    /**
     * Seed 003: whether they are online / when last seen, only for a viewer allowed to see
     * their presence; null where that is unknown for the viewer or not allowed (invisible reads offline).
     */
    is_online: z.boolean().nullable().optional(),
    last_seen: IsoDate.nullable().optional(),
  })
  .meta({ id: 'PublicUser' });
export type PublicUser = z.infer<typeof PublicUser>;

/** member < moderator < admin: each role may do everything the ones before it may. */
export const UserRole = z.enum(['member', 'moderator', 'admin']);
export type UserRole = z.infer<typeof UserRole>;
export const roleRank: Record<UserRole, number> = { member: 0, moderator: 1, admin: 2 };

/** Privacy: who may send me friend requests. */
export const FriendRequestsFrom = z.enum(['everyone', 'friends_of_friends', 'nobody']);
export type FriendRequestsFrom = z.infer<typeof FriendRequestsFrom>;
/** Privacy: who may open a DM with me or add me to a group. */
export const DmsFrom = z.enum(['everyone', 'friends']);
export type DmsFrom = z.infer<typeof DmsFrom>;

export const PrivacySettings = z
  .object({
    friend_requests_from: FriendRequestsFrom,
    dms_from: DmsFrom,
    /** Whether others see how far I have read ("seen"). */
    read_receipts: z.boolean(),
  })
  .meta({ id: 'PrivacySettings' });
export type PrivacySettings = z.infer<typeof PrivacySettings>;

/** What only the user themselves sees. */
export const SelfUser = PublicUser.extend({
  email: z.string(),
  role: UserRole,
  privacy: PrivacySettings,
  presence: PresenceChoice.optional(),
}).meta({ id: 'SelfUser' });
export type SelfUser = z.infer<typeof SelfUser>;

export const UserSearchQuery = z.strictObject({
  q: plainText(0, 64).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type UserSearchQuery = z.infer<typeof UserSearchQuery>;

export const UserPage = z
  .object({ items: z.array(PublicUser), next_cursor: z.string().nullable() })
  .meta({ id: 'UserPage' });
export type UserPage = z.infer<typeof UserPage>;

export const UserIdParams = z.strictObject({ id: Id });

export const UpdateProfileBody = z
  .strictObject({
    display_name: plainText(1, 32).nullable().optional(),
    bio: multilineText(190).nullable().optional(),
    avatar: AvatarId.nullable().optional(),
    /** null clears it; `expires_at` null keeps it until cleared, else it must lie in the future (at most 7 days). */
    custom_status: z
      .strictObject({ text: plainText(1, CUSTOM_STATUS_MAX), expires_at: IsoDate.nullable() })
      .nullable()
      .optional(),
    presence: PresenceChoice.optional(),
    /** Only the settings sent change. */
    privacy: z
      .strictObject({
        friend_requests_from: FriendRequestsFrom.optional(),
        dms_from: DmsFrom.optional(),
        read_receipts: z.boolean().optional(),
      })
      .optional(),
  })
  .meta({ id: 'UpdateProfileBody' });
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const Avatar = z.object({ id: AvatarId, name: z.string(), url: z.string() }).meta({ id: 'Avatar' });
export type Avatar = z.infer<typeof Avatar>;
export const AvatarList = z.object({ items: z.array(Avatar) }).meta({ id: 'AvatarList' });
export type AvatarList = z.infer<typeof AvatarList>;

export const SelectAvatarBody = z.strictObject({ avatar: AvatarId }).meta({ id: 'SelectAvatarBody' });
export type SelectAvatarBody = z.infer<typeof SelectAvatarBody>;
