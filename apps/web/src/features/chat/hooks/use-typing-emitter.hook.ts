import { useCallback, useEffect, useRef } from 'react';
import { chatSocket } from '../api/chat-socket.api';

const RENEW_MS = 3_000;
const IDLE_MS = 4_000;

/**
 * Tells the room I am typing: once, renewed every few seconds while keys keep coming,
 * and "stopped" after a pause, on send, on leaving the room. The server's indicator runs
 * out by itself if the "stopped" never arrives.
 */
export function useTypingEmitter(roomId: string) {
  const state = useRef({ active: false, sentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });

  const stop = useCallback(() => {
    const s = state.current;
    clearTimeout(s.idle);
    if (!s.active) return;
    s.active = false;
    void chatSocket.typing(roomId, false).catch(() => undefined);
  }, [roomId]);

  const onInput = useCallback(
    (text: string) => {
      const s = state.current;
      if (!text.trim()) return stop();
      const now = Date.now();
      if (!s.active || now - s.sentAt > RENEW_MS) {
        s.active = true;
        s.sentAt = now;
        void chatSocket.typing(roomId, true).catch(() => undefined);
      }
      clearTimeout(s.idle);
      s.idle = setTimeout(stop, IDLE_MS);
    },
    [roomId, stop],
  );

  useEffect(() => stop, [stop]);
  return { onInput, stop };
}
