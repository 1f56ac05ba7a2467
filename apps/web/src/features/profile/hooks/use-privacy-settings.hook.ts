import { DmsFrom, FriendRequestsFrom, type PrivacySettings, type SelfUser } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { authKeys } from '../../auth/api/auth.api';
import { saveProfile } from '../api/profile.api';

export const REQUEST_OPTIONS = FriendRequestsFrom.options;
export const DM_OPTIONS = DmsFrom.options;

interface Save {
  change: Partial<PrivacySettings>;
  sequence: number;
}

/**
 * My privacy settings, each saved the moment it changes (only that setting is sent, so
 * two quick changes cannot undo each other). The choice shows at once from local state:
 * the query cache notifies a tick later, and a controlled radio would flip back in between.
 * Only the answer to the newest change is applied (an older answer arriving after a newer
 * click would otherwise undo that click); a refusal of the newest change puts the saved
 * values back.
 */
export function usePrivacySettings(user: SelfUser) {
  const queryClient = useQueryClient();
  const newest = useRef(0);
  const settled = useRef(0);
  const [shown, setShown] = useState<Partial<PrivacySettings>>({});
  // Once the saved user carries the newest answer, the local choice has nothing left to add.
  useEffect(() => {
    if (settled.current === newest.current) setShown({});
  }, [user.privacy]);
  const save = useMutation({
    mutationFn: ({ change }: Save) => saveProfile({ privacy: change }),
    onError: (_error, { sequence }) => {
      if (sequence !== newest.current) return;
      setShown({});
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
    onSuccess: (next, { sequence }) => {
      if (sequence !== newest.current) return;
      settled.current = sequence;
      queryClient.setQueryData(authKeys.me, next);
    },
  });
  return {
    values: { ...user.privacy, ...shown },
    change: (change: Partial<PrivacySettings>) => {
      newest.current += 1;
      setShown((before) => ({ ...before, ...change }));
      save.mutate({ change, sequence: newest.current });
    },
    pending: save.isPending,
    saved: save.isSuccess,
    error: save.error,
  };
}
