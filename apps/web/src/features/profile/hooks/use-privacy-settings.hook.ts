import { DmsFrom, FriendRequestsFrom, type PrivacySettings, type SelfUser } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys } from '../../auth/api/auth.api';
import { saveProfile } from '../api/profile.api';

export const REQUEST_OPTIONS = FriendRequestsFrom.options;
export const DM_OPTIONS = DmsFrom.options;

/**
 * My privacy settings, each saved the moment it changes (only that setting is sent, so
 * two quick changes cannot undo each other). Shown optimistically; a refusal puts the
 * saved value back.
 */
export function usePrivacySettings(user: SelfUser) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (change: Partial<PrivacySettings>) => saveProfile({ privacy: change }),
    onMutate: (change) => {
      const before = queryClient.getQueryData<SelfUser>(authKeys.me);
      if (before) queryClient.setQueryData<SelfUser>(authKeys.me, { ...before, privacy: { ...before.privacy, ...change } });
      return { before };
    },
    onError: (_error, _change, context) => {
      if (context?.before) queryClient.setQueryData(authKeys.me, context.before);
    },
    onSuccess: (next) => queryClient.setQueryData(authKeys.me, next),
  });
  return {
    values: user.privacy,
    change: (change: Partial<PrivacySettings>) => save.mutate(change),
    pending: save.isPending,
    saved: save.isSuccess,
    error: save.error,
  };
}
