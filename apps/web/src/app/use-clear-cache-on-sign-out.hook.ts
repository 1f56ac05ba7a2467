import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { forgetDrafts } from '../features/chat/api/draft.store';
import { forgetOutboxes } from '../features/chat/api/outbox.store';
import { forgetPushOnThisBrowser } from '../features/notifications/api/push';
import { authSession } from '../lib/auth/auth-session.store';

/**
 * Nothing of one account may linger for whoever signs in next on this browser. An explicit
 * logout also drops unsent drafts and the outbox; an ended session (revoked, expired) keeps
 * them, so they go out once the same person signs in again.
 */
export function useClearCacheOnSignOut(queryClient: QueryClient): void {
  useEffect(
    () =>
      authSession.subscribe(() => {
        const state = authSession.getState();
        if (state.status !== 'signed-out') return;
        queryClient.clear();
        // The next person on this browser must not get the last one's push notifications.
        if (state.reason !== 'initial') void forgetPushOnThisBrowser();
        if (state.reason === 'logout') {
          forgetOutboxes();
          forgetDrafts();
        }
      }),
    [queryClient],
  );
}
