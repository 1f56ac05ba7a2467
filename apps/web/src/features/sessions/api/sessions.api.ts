import type { RevokedCount, SessionList } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export const sessionKeys = {
  list: ['auth', 'sessions'] as const,
};

export const fetchSessions = (signal?: AbortSignal): Promise<SessionList> => api('listSessions', { signal });

export const revokeSession = (id: string): Promise<void> => api('revokeSession', { params: { id } });

export const revokeOtherSessions = (): Promise<RevokedCount> => api('revokeOtherSessions', {});
