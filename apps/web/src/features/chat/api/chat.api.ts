import type { Chatroom, ChatroomList, Message, MessagePage, PublicUser, ReadState, SearchResults, UserPage } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export const chatKeys = {
  all: ['chat'] as const,
  rooms: ['chat', 'rooms'] as const,
  messages: (roomId: string) => ['chat', 'messages', roomId] as const,
  presence: ['chat', 'presence'] as const,
  typing: (roomId: string) => ['chat', 'typing', roomId] as const,
  search: (q: string, roomId: string | null) => ['chat', 'search', roomId ?? 'all', q] as const,
  people: (q: string) => ['chat', 'people', q] as const,
};

export const HISTORY_PAGE = 50;

export const fetchRooms = (signal?: AbortSignal): Promise<ChatroomList> => api('listChatrooms', { signal });

export const fetchLatestMessages = (roomId: string, signal?: AbortSignal): Promise<MessagePage> =>
  api('history', { params: { chatroomId: roomId }, query: { limit: HISTORY_PAGE }, signal });

export const fetchMessagesBefore = (roomId: string, beforeSeq: number, limit = HISTORY_PAGE, signal?: AbortSignal): Promise<MessagePage> =>
  api('history', { params: { chatroomId: roomId }, query: { before_seq: beforeSeq, limit }, signal });

export const fetchMessagesAfter = (roomId: string, afterSeq: number, limit = 100, signal?: AbortSignal): Promise<MessagePage> =>
  api('history', { params: { chatroomId: roomId }, query: { after_seq: afterSeq, limit }, signal });

export const openDirectMessage = (userId: string): Promise<Chatroom> => api('createChatroom', { body: { participant_ids: [userId] } });

export const createGroup = (name: string, userIds: string[]): Promise<Chatroom> =>
  api('createChatroom', { body: { name, participant_ids: userIds, is_group: true } });

export const renameGroup = (roomId: string, name: string): Promise<Chatroom> => api('updateChatroom', { params: { id: roomId }, body: { name } });

export const addPeople = (roomId: string, userIds: string[]): Promise<Chatroom> =>
  api('addParticipants', { params: { id: roomId }, body: { user_ids: userIds } });

export const removePerson = (roomId: string, userId: string): Promise<void> => api('removeParticipant', { params: { id: roomId, userId } });

export const editMessage = (messageId: string, content: string): Promise<Message> => api('editMessage', { params: { id: messageId }, body: { content } });

export const deleteMessage = (messageId: string): Promise<Message> => api('deleteMessage', { params: { id: messageId } });

export const react = (messageId: string, emoji: string, add: boolean): Promise<Message> =>
  add ? api('addReaction', { params: { id: messageId, emoji } }) : api('removeReaction', { params: { id: messageId, emoji } });

export const markReadOverHttp = (roomId: string, seq: number): Promise<ReadState> => api('markRead', { params: { chatroomId: roomId }, body: { seq } });

export const SEARCH_PAGE = 25;

/** One page of hits, newest first; `cursor` is the previous page's `next_cursor`. */
export const searchMessages = (q: string, roomId: string | null, cursor: string | undefined, signal?: AbortSignal): Promise<SearchResults> =>
  api('searchMessages', { query: { q, ...(roomId ? { chatroom_id: roomId } : {}), ...(cursor ? { cursor } : {}), limit: SEARCH_PAGE }, signal });

export const searchPeople = (q: string, signal?: AbortSignal): Promise<UserPage> => api('searchUsers', { query: { q, limit: 10 }, signal });

export type { PublicUser };
