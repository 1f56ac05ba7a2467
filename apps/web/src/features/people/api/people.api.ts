import type { MutualRoomPage, PublicUser } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

/** What an opener knows of a person: at least a message author; the card fetches the rest. */
export type PersonSummary = Pick<PublicUser, 'id' | 'username' | 'handle' | 'display_name' | 'avatar'> & Partial<Pick<PublicUser, 'bio' | 'custom_status'>>;

export const peopleKeys = {
  user: (id: string) => ['people', 'user', id] as const,
  mutualRooms: (id: string) => ['people', 'mutual-rooms', id] as const,
};

export const fetchPerson = (id: string, signal?: AbortSignal): Promise<PublicUser> => api('getUser', { params: { id }, signal });

export const fetchMutualRooms = (id: string, cursor: string | null, signal?: AbortSignal): Promise<MutualRoomPage> =>
  api('mutualRooms', { params: { id }, query: { limit: 20, ...(cursor ? { cursor } : {}) }, signal });
