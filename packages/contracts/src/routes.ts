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
  getProfile: route({ method: 'GET', path: '/api/profile', summary: 'My profile', auth: true, role: 'member', status: 200, response: SelfUser }),
  updateProfile: route({ method: 'PUT', path: '/api/profile', summary: 'Change display name, bio, avatar or privacy settings', auth: true, role: 'member', status: 200, body: UpdateProfileBody, response: SelfUser }),
  listAvatars: route({ method: 'GET', path: '/api/avatars', summary: 'The built-in avatars', auth: true, role: 'member', status: 200, response: AvatarList }),
  selectAvatar: route({ method: 'POST', path: '/api/avatars/select', summary: 'Choose a built-in avatar', auth: true, role: 'member', status: 200, body: SelectAvatarBody, response: SelfUser }),
  openApi: route({ method: 'GET', path: '/api/docs', summary: 'This API as an OpenAPI 3 document', auth: false, status: 200 }),
  listChatrooms: route({ method: 'GET', path: '/api/chatrooms', summary: 'My rooms with unread counts and last message', auth: true, role: 'member', status: 200, response: ChatroomList }),
  createChatroom: route({ method: 'POST', path: '/api/chatrooms', summary: 'Create a group, or open (or find) a DM', auth: true, role: 'member', status: 201, body: CreateChatroomBody, response: Chatroom }),
  getChatroom: route({ method: 'GET', path: '/api/chatrooms/:id', summary: 'One room', auth: true, role: 'member', status: 200, params: ChatroomIdParams, response: Chatroom }),
  updateChatroom: route({ method: 'PUT', path: '/api/chatrooms/:id', summary: 'Rename a group (owner)', auth: true, role: 'member', status: 200, params: ChatroomIdParams, body: UpdateChatroomBody, response: Chatroom }),
  deleteChatroom: route({ method: 'DELETE', path: '/api/chatrooms/:id', summary: 'Delete a group (owner)', auth: true, role: 'member', status: 204, params: ChatroomIdParams }),
  addParticipants: route({ method: 'POST', path: '/api/chatrooms/:id/participants', summary: 'Add people to a group', auth: true, role: 'member', status: 200, params: ChatroomIdParams, body: AddParticipantsBody, response: Chatroom }),
  removeParticipant: route({ method: 'DELETE', path: '/api/chatrooms/:id/participants/:userId', summary: 'Owner removes someone, or anyone leaves', auth: true, role: 'member', status: 204, params: ChatroomParticipantParams }),
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
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;
