import type { Chatroom, UpdateChatroomBody } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

/** The owner's group settings: a new name, a built-in icon (null for the initials), or both. */
export const updateGroup = (roomId: string, body: UpdateChatroomBody): Promise<Chatroom> => api('updateChatroom', { params: { id: roomId }, body });

/** Clears a group I was removed from out of my list, on all my devices. */
export const dismissRemoval = (roomId: string): Promise<void> => api('dismissRemoval', { params: { id: roomId } });
