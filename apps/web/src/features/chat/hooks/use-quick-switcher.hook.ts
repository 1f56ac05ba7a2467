import type { Chatroom, ChatroomList, PublicUser } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent as ReactKeyboardEvent, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { chatKeys, openDirectMessage } from '../api/chat.api';
import { roomsWithRoom } from '../api/chat-cache';
import { dmPartner, roomTitle } from './room-view';
import { useMeId } from './use-me-id.hook';
import { useRoomSections } from './use-room-sections.hook';
import { usePeopleSearch } from './use-search.hook';

/** Rooms shown at most, before and while typing (the people search is paged by the server). */
const ROOM_RESULTS = 8;

export type SwitcherOption = { kind: 'room'; room: Chatroom; title: string } | { kind: 'person'; user: PublicUser };

/** Ctrl+K / ⌘K anywhere in the signed-in app opens (and closes) the quick switcher. */
export function useQuickSwitcherHotkey(): { open: boolean; setOpen(open: boolean): void } {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return;
      event.preventDefault();
      setOpen((was) => !was);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return { open, setOpen };
}

/**
 * What the switcher offers for a query: my rooms whose title matches (from the room list
 * already in the cache), then people from the user search who are not already one of those
 * DMs. Choosing a room goes there; choosing a person opens (or finds) the DM with them.
 * `leave` closes the dialog first, so the room's composer can take the focus after it.
 */
export function useQuickSwitcher(leave: () => void) {
  const { t } = useI18n();
  const meId = useMeId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { ordered } = useRoomSections();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const people = usePeopleSearch(text);
  const q = text.trim().toLowerCase();

  const options = useMemo((): SwitcherOption[] => {
    const rooms = ordered
      .map((room) => ({ kind: 'room' as const, room, title: roomTitle(room, meId, t('chat.unnamedGroup')) }))
      .filter((o) => !q || o.title.toLowerCase().includes(q) || (dmPartner(o.room, meId)?.handle.toLowerCase().includes(q) ?? false))
      .slice(0, ROOM_RESULTS);
    const inRooms = new Set(rooms.map((o) => dmPartner(o.room, meId)?.id).filter(Boolean));
    const persons = q && people.q ? (people.data?.items ?? []).filter((u) => u.id !== meId && !inRooms.has(u.id)).map((user) => ({ kind: 'person' as const, user })) : [];
    return [...rooms, ...persons];
  }, [ordered, meId, t, q, people.q, people.data]);

  const current = Math.min(active, Math.max(0, options.length - 1));

  const go = (path: string): void => {
    flushSync(leave);
    void navigate(path);
  };

  const dm = useMutation({
    mutationFn: (userId: string) => openDirectMessage(userId),
    onSuccess: (room) => {
      queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithRoom(list, room) : { items: [room] }));
      go(`/chat/${room.id}`);
    },
  });

  const choose = (option: SwitcherOption | undefined): void => {
    if (!option || dm.isPending) return;
    if (option.kind === 'room') go(`/chat/${option.room.id}`);
    else dm.mutate(option.user.id);
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!options.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : options.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(options[current]);
    }
  };

  return {
    text,
    setText: (value: string) => {
      setText(value);
      setActive(0);
    },
    options,
    active: current,
    setActive,
    choose,
    onKeyDown,
    searching: q.length > 0 && (people.q !== text.trim() || people.isFetching),
    error: dm.error ?? people.error,
  };
}
