import { useState } from 'react';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useRevokeOtherSessions, useRevokeSession } from './use-sessions.hook';

/** Signing devices out, with one notice and one error at a time for the page to show. */
export function useSessionActions() {
  const { t } = useI18n();
  const revokeOne = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = (id: string): void => {
    setNotice(null);
    revokeOthers.reset();
    revokeOne.mutate(id, { onSuccess: () => setNotice(t('sessions.revokedOne')) });
  };

  const signOutOthers = (): void => {
    setNotice(null);
    revokeOne.reset();
    revokeOthers.mutate(undefined, {
      onSuccess: ({ revoked }) =>
        setNotice(t(revoked === 1 ? 'sessions.revokedOthers.one' : 'sessions.revokedOthers.other', { count: revoked })),
    });
  };

  return {
    signOut,
    signOutOthers,
    notice,
    error: revokeOne.error ?? revokeOthers.error,
    busy: revokeOne.isPending || revokeOthers.isPending,
    pendingId: revokeOne.isPending ? revokeOne.variables : undefined,
    othersPending: revokeOthers.isPending,
  };
}
