import { z } from 'zod';
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
  AvatarList,
  PublicUser,
  SelectAvatarBody,
  SelfUser,
  UpdateProfileBody,
  UserIdParams,
  UserPage,
  UserSearchQuery,
} from './users';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContract {
  method: HttpMethod;
  /** Fastify/Nest path syntax (`:id`); the OpenAPI document rewrites it to `{id}`. */
  path: string;
  summary: string;
  /** false only for the routes a signed-out client must reach. */
  auth: boolean;
  status: number;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
}

const route = <const T extends RouteContract>(contract: T): T => contract;

/**
 * The REST API, one entry per route. Controllers parse with these schemas and a test
 * checks that the routes the server registers are exactly these.
 */
export const routes = {
  register: route({ method: 'POST', path: '/api/auth/register', summary: 'Create an account', auth: false, status: 201, body: RegisterBody, response: AuthResponse }),
  login: route({ method: 'POST', path: '/api/auth/login', summary: 'Sign in with email or handle', auth: false, status: 200, body: LoginBody, response: AuthResponse }),
  refresh: route({ method: 'POST', path: '/api/auth/refresh', summary: 'Rotate the refresh token', auth: false, status: 200, body: RefreshBody, response: AuthResponse }),
  logout: route({ method: 'POST', path: '/api/auth/logout', summary: 'End this session', auth: true, status: 204 }),
  me: route({ method: 'GET', path: '/api/auth/me', summary: 'The signed-in user', auth: true, status: 200, response: SelfUser }),
  listSessions: route({ method: 'GET', path: '/api/auth/sessions', summary: 'Every signed-in device', auth: true, status: 200, response: SessionList }),
  revokeSession: route({ method: 'DELETE', path: '/api/auth/sessions/:id', summary: 'Sign one device out', auth: true, status: 204, params: SessionIdParams }),
  revokeOtherSessions: route({ method: 'DELETE', path: '/api/auth/sessions', summary: 'Sign every other device out', auth: true, status: 200, response: RevokedCount }),
  searchUsers: route({ method: 'GET', path: '/api/users', summary: 'Find people by name or handle', auth: true, status: 200, query: UserSearchQuery, response: UserPage }),
  getUser: route({ method: 'GET', path: '/api/users/:id', summary: 'A public profile', auth: true, status: 200, params: UserIdParams, response: PublicUser }),
  getProfile: route({ method: 'GET', path: '/api/profile', summary: 'My profile', auth: true, status: 200, response: SelfUser }),
  updateProfile: route({ method: 'PUT', path: '/api/profile', summary: 'Change display name, bio or avatar', auth: true, status: 200, body: UpdateProfileBody, response: SelfUser }),
  listAvatars: route({ method: 'GET', path: '/api/avatars', summary: 'The built-in avatars', auth: true, status: 200, response: AvatarList }),
  selectAvatar: route({ method: 'POST', path: '/api/avatars/select', summary: 'Choose a built-in avatar', auth: true, status: 200, body: SelectAvatarBody, response: SelfUser }),
  openApi: route({ method: 'GET', path: '/api/docs', summary: 'This API as an OpenAPI 3 document', auth: false, status: 200 }),
  listChatrooms: route({ method: 'GET', path: '/api/chatrooms', summary: 'My rooms with unread counts and last message', auth: true, status: 200, response: ChatroomList }),
  createChatroom: route({ method: 'POST', path: '/api/chatrooms', summary: 'Create a group, or open (or find) a DM', auth: true, status: 201, body: CreateChatroomBody, response: Chatroom }),
  getChatroom: route({ method: 'GET', path: '/api/chatrooms/:id', summary: 'One room', auth: true, status: 200, params: ChatroomIdParams, response: Chatroom }),
  updateChatroom: route({ method: 'PUT', path: '/api/chatrooms/:id', summary: 'Rename a group (owner)', auth: true, status: 200, params: ChatroomIdParams, body: UpdateChatroomBody, response: Chatroom }),
  deleteChatroom: route({ method: 'DELETE', path: '/api/chatrooms/:id', summary: 'Delete a group (owner)', auth: true, status: 204, params: ChatroomIdParams }),
  addParticipants: route({ method: 'POST', path: '/api/chatrooms/:id/participants', summary: 'Add people to a group', auth: true, status: 200, params: ChatroomIdParams, body: AddParticipantsBody, response: Chatroom }),
  removeParticipant: route({ method: 'DELETE', path: '/api/chatrooms/:id/participants/:userId', summary: 'Owner removes someone, or anyone leaves', auth: true, status: 204, params: ChatroomParticipantParams }),
  history: route({ method: 'GET', path: '/api/messages/:chatroomId', summary: 'Message history by seq (keyset)', auth: true, status: 200, params: HistoryParams, query: HistoryQuery, response: MessagePage }),
  sendMessage: route({ method: 'POST', path: '/api/messages', summary: 'Send a message (idempotent by client_id)', auth: true, status: 201, body: SendMessageBody, response: Message }),
  editMessage: route({ method: 'PATCH', path: '/api/messages/:id', summary: 'Edit my message', auth: true, status: 200, params: MessageIdParams, body: EditMessageBody, response: Message }),
  deleteMessage: route({ method: 'DELETE', path: '/api/messages/:id', summary: 'Delete a message (author or room owner)', auth: true, status: 200, params: MessageIdParams, response: Message }),
  markRead: route({ method: 'PUT', path: '/api/messages/:chatroomId/read', summary: 'Move my read pointer', auth: true, status: 200, params: HistoryParams, body: ReadBody, response: ReadState }),
  addReaction: route({ method: 'PUT', path: '/api/messages/:id/reactions/:emoji', summary: 'React with an emoji', auth: true, status: 200, params: ReactionParams, response: Message }),
  removeReaction: route({ method: 'DELETE', path: '/api/messages/:id/reactions/:emoji', summary: 'Take my reaction back', auth: true, status: 200, params: ReactionParams, response: Message }),
  searchMessages: route({ method: 'GET', path: '/api/search/messages', summary: 'Full-text search in my rooms', auth: true, status: 200, query: SearchQuery, response: SearchResults }),
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;
