import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { chatKeys } from '../api/chat.api';
import type { TypingMap } from '../api/chat-cache';

const EMPTY: TypingMap = {};

/** Ids of the people typing in a room now; an indicator drops by itself when its time runs out. */
export function useTypingUsers(roomId: string): string[] {
  const { data } = useQuery<TypingMap>({ queryKey: chatKeys.typing(roomId), queryFn: () => EMPTY, initialData: EMPTY, staleTime: Infinity });
  const [now, setNow] = useState(() => Date.now());
  const live = Object.entries(data).filter(([, until]) => until > now);
  const nextExpiry = live.length ? Math.min(...live.map(([, until]) => until)) : null;

  useEffect(() => {
    if (nextExpiry === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(50, nextExpiry - Date.now()));
    return () => clearTimeout(timer);
  }, [nextExpiry]);
  useEffect(() => setNow(Date.now()), [data]);

  return live.map(([id]) => id);
}
