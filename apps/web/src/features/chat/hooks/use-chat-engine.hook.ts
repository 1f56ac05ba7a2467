import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { realtime } from '../../../lib/realtime/realtime';
import { chatKeys } from '../api/chat.api';
import { ChatEngine } from '../api/chat-engine';
import { useMeId } from './use-me-id.hook';

/**
 * Opens the socket for the signed-in user and keeps the chat cache live while the shell
 * is mounted; signing out unmounts the shell, which closes the socket.
 */
export function useChatEngine(): void {
  const queryClient = useQueryClient();
  const meId = useMeId();
  useEffect(() => {
    if (!meId) return;
    // Presence and typing exist only in the cache, filled by events: never collected, never fetched.
    queryClient.setQueryDefaults(chatKeys.presence, { gcTime: Infinity, staleTime: Infinity });
    queryClient.setQueryDefaults(['chat', 'typing'], { gcTime: Infinity, staleTime: Infinity });
    const engine = new ChatEngine(queryClient, realtime, meId);
    engine.start();
    realtime.start();
    return () => {
      engine.stop();
      realtime.stop();
    };
  }, [queryClient, meId]);
}
