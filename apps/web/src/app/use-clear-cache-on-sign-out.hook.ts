import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { authSession } from '../lib/auth/auth-session.store';

/**
 * Nothing of one account may linger for whoever signs in next on this browser. An explicit
 * logout also drops unsent drafts and the outboxes; an ended session (revoked, expired) keeps
 * them, so they go out once the same person signs in again.
 */
export function useClearCacheOnSignOut(queryClient: QueryClient): void {
  useEffect(
    () =>
      authSession.subscribe(() => {
        const state = authSession.getState();
        if (state.status !== 'signed-out') return;
        queryClient.clear();
        // A first visit without a session has nothing to forget. The stores are imported lazily: a session ends in
        // the shell, which has loaded them already, and the entry chunk (the login page's JS) stays without them.
        if (state.reason === 'initial') return;
        void import('./forget-account-data').then((m) => m.forgetAccountData(state.reason === 'logout'));
      }),
    [queryClient],
  );
}
