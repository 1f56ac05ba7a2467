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
      realtime.on('user-updated', ({ user }) => {
        const me = queryClient.getQueryData<SelfUser>(authKeys.me);
        if (!me || me.id !== user.id) return;
        // The public view hides my custom status while I am invisible: keep mine, and fetch my presence choice.
        queryClient.setQueryData<SelfUser>(authKeys.me, { ...me, ...user, custom_status: me.custom_status });
        void queryClient.invalidateQueries({ queryKey: authKeys.me });
      }),
    [queryClient],
  );
}
