import { useEffect } from 'react';
import { realtime } from '../../../lib/realtime/realtime';

/**
 * Pages outside the signed-in shell (a guest's album, a wall) open the app's one socket
 * themselves, with the scope's handshake fields; inside the shell it is already open.
 */
export function usePageSocket(enabled: boolean, scopedAuth: Record<string, string> = {}): void {
  const authKey = JSON.stringify(scopedAuth);
  useEffect(() => {
    if (!enabled || realtime.getStatus() !== 'idle') return;
    realtime.setScopedAuth(JSON.parse(authKey) as Record<string, string>);
    realtime.start();
    return () => {
      realtime.stop();
      realtime.setScopedAuth({});
    };
  }, [enabled, authKey]);
}
