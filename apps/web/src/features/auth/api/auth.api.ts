import type { AuthResponse, LoginBody, RegisterBody, SelfUser } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export const authKeys = {
  me: ['auth', 'me'] as const,
};

export const registerAccount = (body: RegisterBody): Promise<AuthResponse> => api('register', { body });

export const logIn = (body: LoginBody): Promise<AuthResponse> => api('login', { body });

export const logOut = (): Promise<void> => api('logout', {});

export const fetchMe = (signal?: AbortSignal): Promise<SelfUser> => api('me', { signal });
