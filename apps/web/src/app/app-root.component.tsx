import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider } from '../lib/i18n/i18n.provider';
import type { createAppRouter } from './app.router';
import { useClearCacheOnSignOut } from './use-clear-cache-on-sign-out.hook';

export function AppRoot({ queryClient, router }: { queryClient: QueryClient; router: ReturnType<typeof createAppRouter> }) {
  useClearCacheOnSignOut(queryClient);
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        {router}
      </QueryClientProvider>
    </I18nProvider>
  );
}
