import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { authSession } from '../lib/auth/auth-session.store';

type AccountDataModule = typeof import('./forget-account-data');

let accountData: AccountDataModule | undefined;
let loading: Promise<AccountDataModule> | undefined;

/**
 * The stores are imported lazily, so the entry chunk (the login page's JS) stays without them, but
 * as soon as someone is signed in: at the sign-out they are there, and what one account leaves is
 * gone before the login page shows. Imported only then, a slow chunk let the page show with the
 * drafts still stored.
 */
const loadAccountData = (): Promise<AccountDataModule> => (loading ??= import('./forget-account-data').then((m) => (accountData = m)));

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
        if (state.status === 'signed-in') void loadAccountData();
        if (state.status !== 'signed-out') return;
        queryClient.clear();
        // A first visit without a session has nothing to forget.
        if (state.reason === 'initial') return;
        const explicitLogout = state.reason === 'logout';
        if (accountData) accountData.forgetAccountData(explicitLogout);
        else void loadAccountData().then((m) => m.forgetAccountData(explicitLogout));
      }),
    [queryClient],
  );
}
