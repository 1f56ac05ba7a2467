import { useEffect } from 'react';
import { useMatch, useNavigate } from 'react-router';
import { useRoomSections } from './use-room-sections.hook';

/** Alt+↑ / Alt+↓ moves to the previous / next conversation, as in Discord. */
export function useRoomHotkeys(): void {
  const { ordered } = useRoomSections();
  const navigate = useNavigate();
  const current = useMatch('/chat/:roomId')?.params.roomId;

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      if (!ordered.length) return;
      event.preventDefault();
      const index = ordered.findIndex((r) => r.id === current);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = index === -1 ? (step === 1 ? 0 : ordered.length - 1) : (index + step + ordered.length) % ordered.length;
      void navigate(`/chat/${ordered[next]!.id}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ordered, current, navigate]);
}
