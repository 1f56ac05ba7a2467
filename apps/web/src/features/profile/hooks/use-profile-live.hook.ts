import type { SelfUser } from '@discordgym/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { realtime } from '../../../lib/realtime/realtime';
import { authKeys } from '../../auth/api/auth.api';

/**
 * My profile changed on another device (`user-updated` about me): the user panel, the
 * profile page and my own messages show it without a reload. Email, role and privacy are
 * not in the event; they stay as fetched.
 */
export function useProfileLive(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      realtime.on('user-updated', ({ user }) =>
        queryClient.setQueryData<SelfUser>(authKeys.me, (me) => (me && me.id === user.id ? { ...me, ...user } : me)),
      ),
    [queryClient],
  );
}
