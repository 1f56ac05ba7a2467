import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { realtime } from '../../../lib/realtime/realtime';
import { FriendsLive } from '../api/friends-live';

/** Keeps the friends caches live while the signed-in shell is mounted (the shell owns the socket). */
export function useFriendsLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const live = new FriendsLive(queryClient, realtime);
    live.start();
    return () => live.stop();
  }, [queryClient]);
}
