import type { AvatarList, SelfUser, UpdateProfileBody } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export const profileKeys = {
  avatars: ['profile', 'avatars'] as const,
};

export const fetchAvatars = (signal?: AbortSignal): Promise<AvatarList> => api('listAvatars', { signal });

export const saveProfile = (body: UpdateProfileBody): Promise<SelfUser> => api('updateProfile', { body });
