import { z } from 'zod';
import {
  AdminStats,
  AdminUser,
  AdminUserPage,
  AdminUserQuery,
  AuditPage,
  AuditQuery,
  BanBody,
  Report,
  ReportBody,
  ReportIdParams,
  ReportPage,
  ReportQuery,
  ReportReceipt,
  ResolveReportBody,
  SetRoleBody,
} from './admin';
import {
  AuthResponse,
  LoginBody,
  RefreshBody,
  RegisterBody,
  RevokedCount,
  SessionIdParams,
  SessionList,
} from './auth';
import {
  AddParticipantsBody,
  Chatroom,
  ChatroomIdParams,
  ChatroomList,
  ChatroomParticipantParams,
  CreateChatroomBody,
  EditMessageBody,
  HistoryParams,
  HistoryQuery,
  Message,
  MessageIdParams,
  MessagePage,
  ReactionParams,
  ReadBody,
  ReadState,
  SearchQuery,
  SearchResults,
  SendMessageBody,
  UpdateChatroomBody,
} from './chat';
import {
  ChatAttachment,
  ChatAttachmentLinks,
  ChatAttachmentLinksBody,
  ChatAttachmentParams,
  ChatAttachmentTickets,
  CreateChatAttachmentsBody,
} from './chat-attachments';
import {
  BlockedUser,
  BlockedUserPage,
  BlocksQuery,
  Friend,
  FriendPage,
  FriendRequestIdParams,
  FriendRequestPage,
  FriendRequestsQuery,
  FriendsQuery,
  FriendUserParams,
  SendFriendRequestBody,
  SendFriendRequestResult,
} from './friends';
import {
  NotificationIdParams,
  NotificationLevelBody,
  NotificationLevelState,
  NotificationListQuery,
  NotificationPage,
  PushConfig,
  PushSubscriptionBody,
  PushSubscriptionInfo,
  PushUnsubscribeBody,
  UnreadCount,
} from './notifications';
import {
  AvatarList,
  PublicUser,
  SelectAvatarBody,
  SelfUser,
  UpdateProfileBody,
  UserIdParams,
  UserPage,
  type UserRole,
  UserSearchQuery,
} from './users';
import { MutualRoomPage, MutualRoomsQuery } from './people';
import {
  AlbumPhotoPage,
  AlbumPhotosQuery,
  AlbumUploadParams,
  CreateUploadsBody,
  ModerateBody,
  ModerationQuery,
  ModerationResult,
  AlbumPhoto,
  UploadParts,
  UploadPartsBody,
  UploadTickets,
} from './album-photos';
// Shared with album-live's hearts routes (one schema for `:id/photos/:photoId`).
import { AlbumDownloadLink, AlbumDownloadLinkBody, AlbumDownloadLinkQuery, AlbumDownloadSelectionBody, AlbumPhotoParams, PhotoHeartState } from './album-live';
import { StorageObjectQuery } from './storage';
import {
  AddAlbumMemberBody,
  Album,
  AlbumGuestPage,
  AlbumGuestParams,
  AlbumIdParams,
  AlbumInvite,
  AlbumInviteParams,
  AlbumInvitePage,
  AlbumMember,
  AlbumMemberPage,
  AlbumMemberParams,
  AlbumPage,
  AlbumPageQuery,
  AlbumWallLink,
  AlbumWallLinkState,
  CreateAlbumBody,
  CreateAlbumInviteBody,
  GuestInvitePreview,
  GuestInvitePreviewBody,
  GuestJoinBody,
  GuestSelf,
  UpdateAlbumBody,
} from './albums';

import {
  BodyMeasurement,
  BodyMeasurementBody,
  BodyMeasurementIdParams,
  BodyMeasurementPage,
  BodyMeasurementQuery,
  CreateExerciseBody,
  CreateRoutineBody,
  CreateWorkoutBody,
  Exercise,
  ExerciseIdParams,
  ExercisePage,
  ExerciseQuery,
  ExerciseStats,
  ExerciseStatsQuery,
  FinishWorkoutBody,
  PutWorkoutBody,
  RecordHistoryQuery,
  RecordList,
  RecordPage,
  RecordsQuery,
  Routine,
  RoutineFolder,
  RoutineFolderBody,
  RoutineIdParams,
  RoutineList,
  StartRoutineBody,
  UpdateExerciseBody,
  UpdateRoutineBody,
  UpdateWorkoutPreferencesBody,
  WeeklyStats,
  WeeklyStatsQuery,
  Workout,
  WorkoutIdParams,
  WorkoutListQuery,
  WorkoutPage,
  WorkoutPreferences,
  WorkoutSummary,
} from './workouts';
import {
  CommentIdParams,
  CommentPage,
  CommentQuery,
  CreateCommentBody,
  FeedPage,
  FeedQuery,
  IMPORT_MAX_BYTES,
  ImportBody,
  ImportResult,
  KudosState,
  Leaderboard,
  LeaderboardHold,
  LeaderboardHoldList,
  LeaderboardQuery,
  PrRooms,
  PrRoomsBody,
  SetIdParams,
  WorkoutComment,
} from './workouts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RouteShape {
  method: HttpMethod;
  /** Fastify/Nest path syntax (`:id`); the OpenAPI document rewrites it to `{id}`. */
  path: string;
  summary: string;

  status: number;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** A body limit above the server-wide BODY_LIMIT_BYTES, for the few routes that take more (a CSV import). */
  bodyLimit?: number;
  /**
   * Album routes that callers without an account may reach too (on `auth: true` routes
   * only): `guests` — a guest of the album named by the `:id` parameter, by the guest
   * cookie (a route without `:id` serves the guest's own album); `wall` — a wall link's
   * token in the `x-album-wall-token` header (read-only routes). Anyone else still needs
   * a signed-in user; a guest or wall viewer on any other route gets 403.
   */
  albumAccess?: { guests?: true; wall?: true };
}

/**
 * A route is public (`auth: false`, only for what a signed-out client must reach) or names
 * the least role its caller needs. Finer rules (membership, ownership) are the feature's
 * policy, checked in its service for REST and socket alike.
 */
export type RouteContract = RouteShape & ({ auth: false; role?: undefined } | { auth: true; role: UserRole });

const route = <const T extends RouteContract>(contract: T): T => contract;

/**
 * The REST API, one entry per route. Controllers parse with these schemas and a test
 * checks that the routes the server registers are exactly these.
 */
export const routes = {
  register: route({ method: 'POST', path: '/api/auth/register', summary: 'Create an account', auth: false, status: 201, body: RegisterBody, response: AuthResponse }),
  login: route({ method: 'POST', path: '/api/auth/login', summary: 'Sign in with email or handle', auth: false, status: 200, body: LoginBody, response: AuthResponse }),
  refresh: route({ method: 'POST', path: '/api/auth/refresh', summary: 'Rotate the refresh token', auth: false, status: 200, body: RefreshBody, response: AuthResponse }),
  logout: route({ method: 'POST', path: '/api/auth/logout', summary: 'End this session', auth: true, role: 'member', status: 204 }),
  me: route({ method: 'GET', path: '/api/auth/me', summary: 'The signed-in user', auth: true, role: 'member', status: 200, response: SelfUser }),
  listSessions: route({ method: 'GET', path: '/api/auth/sessions', summary: 'Every signed-in device', auth: true, role: 'member', status: 200, response: SessionList }),
  revokeSession: route({ method: 'DELETE', path: '/api/auth/sessions/:id', summary: 'Sign one device out', auth: true, role: 'member', status: 204, params: SessionIdParams }),
  revokeOtherSessions: route({ method: 'DELETE', path: '/api/auth/sessions', summary: 'Sign every other device out', auth: true, role: 'member', status: 200, response: RevokedCount }),
  searchUsers: route({ method: 'GET', path: '/api/users', summary: 'Find people by name or handle', auth: true, role: 'member', status: 200, query: UserSearchQuery, response: UserPage }),
  getUser: route({ method: 'GET', path: '/api/users/:id', summary: 'A public profile', auth: true, role: 'member', status: 200, params: UserIdParams, response: PublicUser }),
  mutualRooms: route({ method: 'GET', path: '/api/users/:id/mutual-rooms', summary: 'Groups I share with this person (none when either blocked the other)', auth: true, role: 'member', status: 200, params: UserIdParams, query: MutualRoomsQuery, response: MutualRoomPage }),
  getProfile: route({ method: 'GET', path: '/api/profile', summary: 'My profile', auth: true, role: 'member', status: 200, response: SelfUser }),
  updateProfile: route({ method: 'PUT', path: '/api/profile', summary: 'Change display name, bio, avatar or privacy settings', auth: true, role: 'member', status: 200, body: UpdateProfileBody, response: SelfUser }),
  listAvatars: route({ method: 'GET', path: '/api/avatars', summary: 'The built-in avatars', auth: true, role: 'member', status: 200, response: AvatarList }),
  selectAvatar: route({ method: 'POST', path: '/api/avatars/select', summary: 'Choose a built-in avatar', auth: true, role: 'member', status: 200, body: SelectAvatarBody, response: SelfUser }),
  openApi: route({ method: 'GET', path: '/api/docs', summary: 'This API as an OpenAPI 3 document', auth: false, status: 200 }),
  listChatrooms: route({ method: 'GET', path: '/api/chatrooms', summary: 'My rooms with unread counts and last message', auth: true, role: 'member', status: 200, response: ChatroomList }),
  createChatroom: route({ method: 'POST', path: '/api/chatrooms', summary: 'Create a group, or open (or find) a DM', auth: true, role: 'member', status: 201, body: CreateChatroomBody, response: Chatroom }),
  getChatroom: route({ method: 'GET', path: '/api/chatrooms/:id', summary: 'One room', auth: true, role: 'member', status: 200, params: ChatroomIdParams, response: Chatroom }),
  updateChatroom: route({ method: 'PUT', path: '/api/chatrooms/:id', summary: 'Rename a group or choose its icon (owner)', auth: true, role: 'member', status: 200, params: ChatroomIdParams, body: UpdateChatroomBody, response: Chatroom }),
  deleteChatroom: route({ method: 'DELETE', path: '/api/chatrooms/:id', summary: 'Delete a group (owner)', auth: true, role: 'member', status: 204, params: ChatroomIdParams }),
  addParticipants: route({ method: 'POST', path: '/api/chatrooms/:id/participants', summary: 'Add people to a group', auth: true, role: 'member', status: 200, params: ChatroomIdParams, body: AddParticipantsBody, response: Chatroom }),
  dismissRemoval: route({ method: 'DELETE', path: '/api/chatrooms/:id/removal', summary: 'Dismiss a group I was removed from (it leaves my list)', auth: true, role: 'member', status: 204, params: ChatroomIdParams }),
  removeParticipant: route({ method: 'DELETE', path: '/api/chatrooms/:id/participants/:userId', summary: 'Owner removes someone, or anyone leaves', auth: true, role: 'member', status: 204, params: ChatroomParticipantParams }),
  createChatAttachments: route({ method: 'POST', path: '/api/chatrooms/:id/attachments', summary: 'Presigned PUTs for up to 10 files to put on a message (members; type, size, quota, rate checked); the same client_id answers the same attachment', auth: true, role: 'member', status: 200, params: ChatroomIdParams, body: CreateChatAttachmentsBody, response: ChatAttachmentTickets }),
  completeChatAttachment: route({ method: 'POST', path: '/api/chatrooms/:id/attachments/:attachmentId/complete', summary: 'The bytes are in: checks size and type by magic number (422 and deleted otherwise); images go on to processing', auth: true, role: 'member', status: 200, params: ChatAttachmentParams, response: ChatAttachment }),
  getChatAttachment: route({ method: 'GET', path: '/api/chatrooms/:id/attachments/:attachmentId', summary: 'One attachment (its uploader waits here for ready)', auth: true, role: 'member', status: 200, params: ChatAttachmentParams, response: ChatAttachment }),
  chatAttachmentLinks: route({ method: 'POST', path: '/api/chatrooms/:id/attachment-links', summary: 'Short-lived signed URLs of attachments in this room (members only)', auth: true, role: 'member', status: 200, params: ChatroomIdParams, body: ChatAttachmentLinksBody, response: ChatAttachmentLinks }),
  history: route({ method: 'GET', path: '/api/messages/:chatroomId', summary: 'Message history by seq (keyset)', auth: true, role: 'member', status: 200, params: HistoryParams, query: HistoryQuery, response: MessagePage }),
  sendMessage: route({ method: 'POST', path: '/api/messages', summary: 'Send a message (idempotent by client_id)', auth: true, role: 'member', status: 201, body: SendMessageBody, response: Message }),
  editMessage: route({ method: 'PATCH', path: '/api/messages/:id', summary: 'Edit my message', auth: true, role: 'member', status: 200, params: MessageIdParams, body: EditMessageBody, response: Message }),
  deleteMessage: route({ method: 'DELETE', path: '/api/messages/:id', summary: 'Delete a message (author or room owner)', auth: true, role: 'member', status: 200, params: MessageIdParams, response: Message }),
  markRead: route({ method: 'PUT', path: '/api/messages/:chatroomId/read', summary: 'Move my read pointer', auth: true, role: 'member', status: 200, params: HistoryParams, body: ReadBody, response: ReadState }),
  addReaction: route({ method: 'PUT', path: '/api/messages/:id/reactions/:emoji', summary: 'React with an emoji', auth: true, role: 'member', status: 200, params: ReactionParams, response: Message }),
  removeReaction: route({ method: 'DELETE', path: '/api/messages/:id/reactions/:emoji', summary: 'Take my reaction back', auth: true, role: 'member', status: 200, params: ReactionParams, response: Message }),
  searchMessages: route({ method: 'GET', path: '/api/search/messages', summary: 'Full-text search in my rooms', auth: true, role: 'member', status: 200, query: SearchQuery, response: SearchResults }),
  listFriends: route({ method: 'GET', path: '/api/friends', summary: 'My friends with their live status (keyset)', auth: true, role: 'member', status: 200, query: FriendsQuery, response: FriendPage }),
  listFriendRequests: route({ method: 'GET', path: '/api/friends/requests', summary: 'Pending friend requests to and from me, newest first (keyset)', auth: true, role: 'member', status: 200, query: FriendRequestsQuery, response: FriendRequestPage }),
  sendFriendRequest: route({ method: 'POST', path: '/api/friends/requests', summary: 'Ask someone to be friends (an accept if they asked first); 200 when nothing new was created', auth: true, role: 'member', status: 201, body: SendFriendRequestBody, response: SendFriendRequestResult }),
  acceptFriendRequest: route({ method: 'POST', path: '/api/friends/requests/:id/accept', summary: 'Accept a request sent to me', auth: true, role: 'member', status: 200, params: FriendRequestIdParams, response: Friend }),
  declineFriendRequest: route({ method: 'POST', path: '/api/friends/requests/:id/decline', summary: 'Decline a request sent to me', auth: true, role: 'member', status: 204, params: FriendRequestIdParams }),
  cancelFriendRequest: route({ method: 'DELETE', path: '/api/friends/requests/:id', summary: 'Take back a request I sent', auth: true, role: 'member', status: 204, params: FriendRequestIdParams }),
  removeFriend: route({ method: 'DELETE', path: '/api/friends/:userId', summary: 'End a friendship', auth: true, role: 'member', status: 204, params: FriendUserParams }),
  listBlocks: route({ method: 'GET', path: '/api/blocks', summary: 'People I blocked (keyset)', auth: true, role: 'member', status: 200, query: BlocksQuery, response: BlockedUserPage }),
  blockUser: route({ method: 'PUT', path: '/api/blocks/:userId', summary: 'Block someone: ends friendship and requests, refuses DMs and requests both ways, hides presence', auth: true, role: 'member', status: 200, params: FriendUserParams, response: BlockedUser }),
  unblockUser: route({ method: 'DELETE', path: '/api/blocks/:userId', summary: 'Unblock someone (idempotent)', auth: true, role: 'member', status: 204, params: FriendUserParams }),
  listNotifications: route({ method: 'GET', path: '/api/notifications', summary: 'My notifications, newest first (keyset by id)', auth: true, role: 'member', status: 200, query: NotificationListQuery, response: NotificationPage }),
  unreadNotifications: route({ method: 'GET', path: '/api/notifications/unread-count', summary: 'How many of my notifications are unread', auth: true, role: 'member', status: 200, response: UnreadCount }),
  readNotification: route({ method: 'PUT', path: '/api/notifications/:id/read', summary: 'Mark one notification read (idempotent)', auth: true, role: 'member', status: 200, params: NotificationIdParams, response: UnreadCount }),
  readAllNotifications: route({ method: 'PUT', path: '/api/notifications/read-all', summary: 'Mark every notification read', auth: true, role: 'member', status: 200, response: UnreadCount }),
  setNotificationLevel: route({ method: 'PUT', path: '/api/chatrooms/:id/notification-level', summary: 'What this room notifies me about: all, mentions or none', auth: true, role: 'member', status: 200, params: ChatroomIdParams, body: NotificationLevelBody, response: NotificationLevelState }),
  pushConfig: route({ method: 'GET', path: '/api/push/vapid-public-key', summary: 'The VAPID public key to subscribe with (enabled: false when push is off)', auth: true, role: 'member', status: 200, response: PushConfig }),
  addPushSubscription: route({ method: 'POST', path: '/api/push-subscriptions', summary: 'Register this browser for Web Push (idempotent by endpoint)', auth: true, role: 'member', status: 201, body: PushSubscriptionBody, response: PushSubscriptionInfo }),
  removePushSubscription: route({ method: 'DELETE', path: '/api/push-subscriptions', summary: 'Stop Web Push to this browser (by endpoint)', auth: true, role: 'member', status: 204, body: PushUnsubscribeBody }),
  reportMessage: route({ method: 'POST', path: '/api/messages/:id/report', summary: 'Report a message to the moderators (idempotent per reporter and message; 200 on a repeat)', auth: true, role: 'member', status: 201, params: MessageIdParams, body: ReportBody, response: ReportReceipt }),
  adminListUsers: route({ method: 'GET', path: '/api/admin/users', summary: 'Accounts with email, role, last seen and sessions, newest first (keyset)', auth: true, role: 'moderator', status: 200, query: AdminUserQuery, response: AdminUserPage }),
  adminSetRole: route({ method: 'PUT', path: '/api/admin/users/:id/role', summary: 'Change someone\'s role (never the last admin\'s); applies at once', auth: true, role: 'admin', status: 200, params: UserIdParams, body: SetRoleBody, response: AdminUser }),
  adminBanUser: route({ method: 'POST', path: '/api/admin/users/:id/ban', summary: 'Ban: revokes every session and closes every socket; moderators ban members only', auth: true, role: 'moderator', status: 200, params: UserIdParams, body: BanBody, response: AdminUser }),
  adminUnbanUser: route({ method: 'POST', path: '/api/admin/users/:id/unban', summary: 'Lift a ban (idempotent)', auth: true, role: 'moderator', status: 200, params: UserIdParams, response: AdminUser }),
  adminListReports: route({ method: 'GET', path: '/api/admin/reports', summary: 'The moderation queue: reports with message, author and reporter, newest first (keyset)', auth: true, role: 'moderator', status: 200, query: ReportQuery, response: ReportPage }),
  adminResolveReport: route({ method: 'POST', path: '/api/admin/reports/:id/resolve', summary: 'Delete the message, ban its author, or dismiss the report', auth: true, role: 'moderator', status: 200, params: ReportIdParams, body: ResolveReportBody, response: Report }),
  adminAuditLog: route({ method: 'GET', path: '/api/admin/audit-log', summary: 'The append-only audit log, newest first, filtered by action, actor or target (keyset)', auth: true, role: 'moderator', status: 200, query: AuditQuery, response: AuditPage }),
  adminStats: route({ method: 'GET', path: '/api/admin/stats', summary: 'Users, activity, messages per day, sockets online per instance, rooms, queue depth', auth: true, role: 'moderator', status: 200, response: AdminStats }),
  // ---- albums (albums-core) ----
  createAlbum: route({ method: 'POST', path: '/api/albums', summary: 'Create an album; I am its host', auth: true, role: 'member', status: 201, body: CreateAlbumBody, response: Album }),
  listAlbums: route({ method: 'GET', path: '/api/albums', summary: 'Albums I host or belong to, newest first (keyset)', auth: true, role: 'member', status: 200, query: AlbumPageQuery, response: AlbumPage }),
  getAlbum: route({ method: 'GET', path: '/api/albums/:id', summary: 'One album with its settings (members, its guests, its wall)', auth: true, role: 'member', albumAccess: { guests: true, wall: true }, status: 200, params: AlbumIdParams, response: Album }),
  updateAlbum: route({ method: 'PUT', path: '/api/albums/:id', summary: 'Change title, date, description, cover or settings (host, co-host)', auth: true, role: 'member', status: 200, params: AlbumIdParams, body: UpdateAlbumBody, response: Album }),
  deleteAlbum: route({ method: 'DELETE', path: '/api/albums/:id', summary: 'Delete the album and, in the background, every photo of it (owner)', auth: true, role: 'member', status: 204, params: AlbumIdParams }),
  listAlbumMembers: route({ method: 'GET', path: '/api/albums/:id/members', summary: 'Hosts, co-hosts and members with accounts (keyset)', auth: true, role: 'member', status: 200, params: AlbumIdParams, query: AlbumPageQuery, response: AlbumMemberPage }),
  addAlbumMember: route({ method: 'POST', path: '/api/albums/:id/members', summary: 'Add someone with an account, or change their role (201 new, 200 changed)', auth: true, role: 'member', status: 201, params: AlbumIdParams, body: AddAlbumMemberBody, response: AlbumMember }),
  removeAlbumMember: route({ method: 'DELETE', path: '/api/albums/:id/members/:userId', summary: 'Remove a member or co-host (hosts), or leave', auth: true, role: 'member', status: 204, params: AlbumMemberParams }),
  createAlbumInvite: route({ method: 'POST', path: '/api/albums/:id/invites', summary: 'A guest link with a random token, optional expiry (hosts)', auth: true, role: 'member', status: 201, params: AlbumIdParams, body: CreateAlbumInviteBody, response: AlbumInvite }),
  listAlbumInvites: route({ method: 'GET', path: '/api/albums/:id/invites', summary: 'Invite links, newest first (hosts; keyset)', auth: true, role: 'member', status: 200, params: AlbumIdParams, query: AlbumPageQuery, response: AlbumInvitePage }),
  revokeAlbumInvite: route({ method: 'DELETE', path: '/api/albums/:id/invites/:inviteId', summary: 'Revoke a link: nobody joins with it again; guests who joined stay (hosts; idempotent)', auth: true, role: 'member', status: 204, params: AlbumInviteParams }),
  albumInviteQrSvg: route({ method: 'GET', path: '/api/albums/:id/invites/:inviteId/qr.svg', summary: 'The join link as a QR code, SVG (hosts)', auth: true, role: 'member', status: 200, params: AlbumInviteParams }),
  albumInviteQrPng: route({ method: 'GET', path: '/api/albums/:id/invites/:inviteId/qr.png', summary: 'The join link as a QR code, PNG (hosts)', auth: true, role: 'member', status: 200, params: AlbumInviteParams }),
  listAlbumGuests: route({ method: 'GET', path: '/api/albums/:id/guests', summary: 'Guests who joined, newest first (hosts; keyset)', auth: true, role: 'member', status: 200, params: AlbumIdParams, query: AlbumPageQuery, response: AlbumGuestPage }),
  removeAlbumGuest: route({ method: 'DELETE', path: '/api/albums/:id/guests/:guestId', summary: 'Remove a guest: their session ends at once (hosts; idempotent)', auth: true, role: 'member', status: 204, params: AlbumGuestParams }),
  getAlbumWallLink: route({ method: 'GET', path: '/api/albums/:id/wall-link', summary: 'The live wall link, if any (hosts)', auth: true, role: 'member', status: 200, params: AlbumIdParams, response: AlbumWallLinkState }),
  createAlbumWallLink: route({ method: 'POST', path: '/api/albums/:id/wall-link', summary: 'A new read-only wall link (no login); the old one stops working (hosts)', auth: true, role: 'member', status: 201, params: AlbumIdParams, response: AlbumWallLink }),
  revokeAlbumWallLink: route({ method: 'DELETE', path: '/api/albums/:id/wall-link', summary: 'Stop the wall link (hosts; idempotent)', auth: true, role: 'member', status: 204, params: AlbumIdParams }),
  previewGuestInvite: route({ method: 'POST', path: '/api/guest/invite', summary: 'What an invite link opens (album title and date), before joining', auth: false, status: 200, body: GuestInvitePreviewBody, response: GuestInvitePreview }),
  guestJoin: route({ method: 'POST', path: '/api/guest/join', summary: 'Join an album as a guest with a name: sets the httpOnly guest cookie', auth: false, status: 201, body: GuestJoinBody, response: GuestSelf }),
  guestMe: route({ method: 'GET', path: '/api/guest/me', summary: 'My guest session and its album (guests)', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, response: GuestSelf }),
  guestLeave: route({ method: 'POST', path: '/api/guest/leave', summary: 'End my guest session (guests); my photos stay', auth: true, role: 'member', albumAccess: { guests: true }, status: 204 }),
  // ---- album uploads, photos, moderation (uploads) ----
  createAlbumUploads: route({ method: 'POST', path: '/api/albums/:id/uploads', summary: 'Presigned PUTs (or multipart) for up to 20 files; checks uploads open, type, size, quota, rate; the same client_id answers the same photo', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, params: AlbumIdParams, body: CreateUploadsBody, response: UploadTickets }),
  albumUploadParts: route({ method: 'POST', path: '/api/albums/:id/uploads/:uploadId/parts', summary: 'Presigned part URLs of a multipart upload, with the parts already stored (resume)', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, params: AlbumUploadParams, body: UploadPartsBody, response: UploadParts }),
  completeAlbumUpload: route({ method: 'POST', path: '/api/albums/:id/uploads/:uploadId/complete', summary: 'The bytes are in: checks size and type by magic number (422 and deleted otherwise), then processing', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, params: AlbumUploadParams, response: AlbumPhoto }),
  listAlbumPhotos: route({ method: 'GET', path: '/api/albums/:id/photos', summary: 'Approved photos (and my own on their way) with presigned thumb/preview URLs, by upload or taken time (keyset)', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, params: AlbumIdParams, query: AlbumPhotosQuery, response: AlbumPhotoPage }),
  deleteAlbumPhoto: route({ method: 'DELETE', path: '/api/albums/:id/photos/:photoId', summary: 'Delete a photo and its files: a guest their own, hosts any', auth: true, role: 'member', albumAccess: { guests: true }, status: 204, params: AlbumPhotoParams }),
  albumModerationQueue: route({ method: 'GET', path: '/api/albums/:id/moderation', summary: 'Photos waiting for approval, oldest first (hosts; keyset)', auth: true, role: 'member', status: 200, params: AlbumIdParams, query: ModerationQuery, response: AlbumPhotoPage }),
  moderateAlbumPhotos: route({ method: 'POST', path: '/api/albums/:id/moderation', summary: 'Approve or reject up to 100 waiting photos; rejected files are deleted (hosts)', auth: true, role: 'member', status: 200, params: AlbumIdParams, body: ModerateBody, response: ModerationResult }),
  // ---- album hearts and downloads (album-live) ----
  heartAlbumPhoto: route({ method: 'PUT', path: '/api/albums/:id/photos/:photoId/heart', summary: 'Heart an approved photo (members, guests; idempotent)', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, params: AlbumPhotoParams, response: PhotoHeartState }),
  unheartAlbumPhoto: route({ method: 'DELETE', path: '/api/albums/:id/photos/:photoId/heart', summary: 'Take my heart back (idempotent)', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, params: AlbumPhotoParams, response: PhotoHeartState }),
  downloadAlbum: route({ method: 'GET', path: '/api/albums/:id/download', summary: 'Every approved photo as a ZIP, streamed from storage (hosts; others when the album allows downloads)', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, params: AlbumIdParams }),
  downloadAlbumSelection: route({ method: 'POST', path: '/api/albums/:id/download', summary: 'Chosen approved photos (up to 1,000) as a ZIP, streamed from storage', auth: true, role: 'member', albumAccess: { guests: true }, status: 200, params: AlbumIdParams, body: AlbumDownloadSelectionBody }),
  createAlbumDownloadLink: route({ method: 'POST', path: '/api/albums/:id/download-links', summary: 'A link valid 60 s that streams the album (or the chosen photos) as a ZIP to a plain browser download; whoever may download', auth: true, role: 'member', albumAccess: { guests: true }, status: 201, params: AlbumIdParams, body: AlbumDownloadLinkBody, response: AlbumDownloadLink }),
  albumDownloadByLink: route({ method: 'GET', path: '/api/albums/:id/download-links/zip', summary: 'The ZIP behind a download link: its signature (album, selection, caller, expiry) is the credential, the album policy still decides', auth: false, status: 200, params: AlbumIdParams, query: AlbumDownloadLinkQuery }),
  // ---- workouts (workouts-core) ----
  listExercises: route({ method: 'GET', path: '/api/exercises', summary: 'Built-in and my custom exercises, by name, muscle, equipment (paged)', auth: true, role: 'member', status: 200, query: ExerciseQuery, response: ExercisePage }),
  getExercise: route({ method: 'GET', path: '/api/exercises/:id', summary: 'One exercise (built-in or mine)', auth: true, role: 'member', status: 200, params: ExerciseIdParams, response: Exercise }),
  createExercise: route({ method: 'POST', path: '/api/exercises', summary: 'A custom exercise of mine', auth: true, role: 'member', status: 201, body: CreateExerciseBody, response: Exercise }),
  updateExercise: route({ method: 'PUT', path: '/api/exercises/:id', summary: 'Change one of my custom exercises', auth: true, role: 'member', status: 200, params: ExerciseIdParams, body: UpdateExerciseBody, response: Exercise }),
  deleteExercise: route({ method: 'DELETE', path: '/api/exercises/:id', summary: 'Delete one of my custom exercises (past workouts keep it)', auth: true, role: 'member', status: 204, params: ExerciseIdParams }),
  exerciseRecordHistory: route({ method: 'GET', path: '/api/exercises/:id/records/history', summary: 'My PR history of an exercise, newest first (keyset)', auth: true, role: 'member', status: 200, params: ExerciseIdParams, query: RecordHistoryQuery, response: RecordPage }),
  createWorkout: route({ method: 'POST', path: '/api/workouts', summary: 'Start a workout or log a past one; a retry with the same client_id returns the first (200)', auth: true, role: 'member', status: 201, body: CreateWorkoutBody, response: Workout }),
  listWorkouts: route({ method: 'GET', path: '/api/workouts', summary: 'My workouts, newest first (keyset by before)', auth: true, role: 'member', status: 200, query: WorkoutListQuery, response: WorkoutPage }),
  getWorkout: route({ method: 'GET', path: '/api/workouts/:id', summary: 'A workout I may see (mine, a friend\'s, a public one)', auth: true, role: 'member', status: 200, params: WorkoutIdParams, response: Workout }),
  putWorkout: route({ method: 'PUT', path: '/api/workouts/:id', summary: 'Replace my workout with the full document; exercises and sets are matched by client_id (idempotent sync)', auth: true, role: 'member', status: 200, params: WorkoutIdParams, body: PutWorkoutBody, response: Workout }),
  deleteWorkout: route({ method: 'DELETE', path: '/api/workouts/:id', summary: 'Delete my workout; records are recomputed', auth: true, role: 'member', status: 204, params: WorkoutIdParams }),
  finishWorkout: route({ method: 'POST', path: '/api/workouts/:id/finish', summary: 'Finish my workout: records and the summary (idempotent)', auth: true, role: 'member', status: 200, params: WorkoutIdParams, body: FinishWorkoutBody, response: WorkoutSummary }),
  workoutSummary: route({ method: 'GET', path: '/api/workouts/:id/summary', summary: 'Duration, volume, sets and the PRs a workout holds', auth: true, role: 'member', status: 200, params: WorkoutIdParams, response: WorkoutSummary }),
  getWorkoutPreferences: route({ method: 'GET', path: '/api/workout-preferences', summary: 'My units, sex and bodyweight for the training log', auth: true, role: 'member', status: 200, response: WorkoutPreferences }),
  updateWorkoutPreferences: route({ method: 'PUT', path: '/api/workout-preferences', summary: 'Change my units, sex, bodyweight or default visibility', auth: true, role: 'member', status: 200, body: UpdateWorkoutPreferencesBody, response: WorkoutPreferences }),
  listRoutines: route({ method: 'GET', path: '/api/routines', summary: 'My routine folders and routines', auth: true, role: 'member', status: 200, response: RoutineList }),
  createRoutine: route({ method: 'POST', path: '/api/routines', summary: 'A routine from scratch or from one of my workouts', auth: true, role: 'member', status: 201, body: CreateRoutineBody, response: Routine }),
  getRoutine: route({ method: 'GET', path: '/api/routines/:id', summary: 'One of my routines', auth: true, role: 'member', status: 200, params: RoutineIdParams, response: Routine }),
  updateRoutine: route({ method: 'PUT', path: '/api/routines/:id', summary: 'Replace one of my routines', auth: true, role: 'member', status: 200, params: RoutineIdParams, body: UpdateRoutineBody, response: Routine }),
  deleteRoutine: route({ method: 'DELETE', path: '/api/routines/:id', summary: 'Delete one of my routines', auth: true, role: 'member', status: 204, params: RoutineIdParams }),
  startRoutine: route({ method: 'POST', path: '/api/routines/:id/start', summary: 'Start a workout from my routine, prefilled with my last performance (client_id idempotent)', auth: true, role: 'member', status: 201, params: RoutineIdParams, body: StartRoutineBody, response: Workout }),
  createRoutineFolder: route({ method: 'POST', path: '/api/routine-folders', summary: 'A folder for my routines', auth: true, role: 'member', status: 201, body: RoutineFolderBody, response: RoutineFolder }),
  updateRoutineFolder: route({ method: 'PUT', path: '/api/routine-folders/:id', summary: 'Rename or move one of my folders', auth: true, role: 'member', status: 200, params: RoutineIdParams, body: RoutineFolderBody, response: RoutineFolder }),
  deleteRoutineFolder: route({ method: 'DELETE', path: '/api/routine-folders/:id', summary: 'Delete one of my folders (its routines stay, unfiled)', auth: true, role: 'member', status: 204, params: RoutineIdParams }),
  listRecords: route({ method: 'GET', path: '/api/records', summary: 'My standing personal records (all, or of one exercise)', auth: true, role: 'member', status: 200, query: RecordsQuery, response: RecordList }),
  exerciseStats: route({ method: 'GET', path: '/api/stats/exercises/:id', summary: 'Best e1RM and top weight per workout over time', auth: true, role: 'member', status: 200, params: ExerciseIdParams, query: ExerciseStatsQuery, response: ExerciseStats }),
  weeklyStats: route({ method: 'GET', path: '/api/stats/weekly', summary: 'Workouts, sets and volume per muscle per week, and my streak in weeks', auth: true, role: 'member', status: 200, query: WeeklyStatsQuery, response: WeeklyStats }),
  listBodyMeasurements: route({ method: 'GET', path: '/api/body-measurements', summary: 'My bodyweight log, newest first (keyset)', auth: true, role: 'member', status: 200, query: BodyMeasurementQuery, response: BodyMeasurementPage }),
  createBodyMeasurement: route({ method: 'POST', path: '/api/body-measurements', summary: 'Log my bodyweight (client_id idempotent)', auth: true, role: 'member', status: 201, body: BodyMeasurementBody, response: BodyMeasurement }),
  deleteBodyMeasurement: route({ method: 'DELETE', path: '/api/body-measurements/:id', summary: 'Delete one of my measurements', auth: true, role: 'member', status: 204, params: BodyMeasurementIdParams }),
  // ---- end workouts (workouts-core) ----
  // ---- workouts social (workouts-social) ----
  feed: route({ method: 'GET', path: '/api/feed', summary: "My friends' (and my) finished workouts I may see, newest first (keyset by before)", auth: true, role: 'member', status: 200, query: FeedQuery, response: FeedPage }),
  giveKudos: route({ method: 'PUT', path: '/api/workouts/:id/kudos', summary: 'Kudos for a workout I may see (idempotent)', auth: true, role: 'member', status: 200, params: WorkoutIdParams, response: KudosState }),
  takeKudos: route({ method: 'DELETE', path: '/api/workouts/:id/kudos', summary: 'Take my kudos back (idempotent)', auth: true, role: 'member', status: 200, params: WorkoutIdParams, response: KudosState }),
  listComments: route({ method: 'GET', path: '/api/workouts/:id/comments', summary: 'Comments on a workout I may see, oldest first (keyset by after)', auth: true, role: 'member', status: 200, params: WorkoutIdParams, query: CommentQuery, response: CommentPage }),
  createComment: route({ method: 'POST', path: '/api/workouts/:id/comments', summary: 'Comment on a workout I may see (idempotent by client_id)', auth: true, role: 'member', status: 201, params: WorkoutIdParams, body: CreateCommentBody, response: WorkoutComment }),
  deleteComment: route({ method: 'DELETE', path: '/api/workouts/:id/comments/:commentId', summary: 'Delete my comment, or any comment on my workout', auth: true, role: 'member', status: 204, params: CommentIdParams }),
  getPrRooms: route({ method: 'GET', path: '/api/workout-preferences/pr-rooms', summary: 'The rooms my new PRs are announced in', auth: true, role: 'member', status: 200, response: PrRooms }),
  setPrRooms: route({ method: 'PUT', path: '/api/workout-preferences/pr-rooms', summary: 'Choose the rooms (of mine) my new PRs are announced in', auth: true, role: 'member', status: 200, body: PrRoomsBody, response: PrRooms }),
  leaderboard: route({ method: 'GET', path: '/api/leaderboards', summary: 'Weekly volume, consistency or relative strength among my friends or in a room of mine', auth: true, role: 'member', status: 200, query: LeaderboardQuery, response: Leaderboard }),
  leaderboardHolds: route({ method: 'GET', path: '/api/leaderboards/holds', summary: 'My lifts held out of leaderboards until I confirm them', auth: true, role: 'member', status: 200, response: LeaderboardHoldList }),
  confirmSet: route({ method: 'POST', path: '/api/workouts/:id/sets/:setId/confirm', summary: 'Confirm a held lift of mine: it counts on leaderboards', auth: true, role: 'member', status: 200, params: SetIdParams, response: LeaderboardHold }),
  importWorkouts: route({ method: 'POST', path: '/api/workouts/import', summary: "Import Strong's or Hevy's CSV export (idempotent: the same file twice adds nothing)", auth: true, role: 'member', status: 200, body: ImportBody, response: ImportResult, bodyLimit: IMPORT_MAX_BYTES + 64 * 1024 }),
  exportWorkoutsCsv: route({ method: 'GET', path: '/api/export/workouts.csv', summary: 'My workouts as CSV, one row per set', auth: true, role: 'member', status: 200 }),
  exportMyData: route({ method: 'GET', path: '/api/export/me.json', summary: 'All my training data as JSON', auth: true, role: 'member', status: 200 }),
  // ---- end workouts social (workouts-social) ----
  // ---- storage (disk driver of the object storage port; the signature in the query is the authorization) ----
  storagePutObject: route({ method: 'PUT', path: '/api/storage/objects', summary: 'Upload bytes to a URL signed by the server (embedded mode): exact key, type and size, until it expires', auth: false, status: 200, query: StorageObjectQuery }),
  storageGetObject: route({ method: 'GET', path: '/api/storage/objects', summary: 'Download an object through a URL signed by the server (embedded mode)', auth: false, status: 200, query: StorageObjectQuery }),
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;
