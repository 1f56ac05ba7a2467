import type { ChatroomList, Message } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { chatKeys, deleteMessage, editMessage, react } from '../api/chat.api';
import { type RoomMessages, roomsWithChanged, withMessages } from '../api/chat-cache';
import { useMeId } from './use-me-id.hook';

/** My reaction flipped on or off, before the server confirms it. */
export function toggledReaction(message: Message, emoji: string, meId: string): Message {
  const existing = message.reactions.find((r) => r.emoji === emoji);
  const mine = existing?.user_ids.includes(meId) ?? false;
  const reactions = mine
    ? message.reactions
        .map((r) => (r.emoji === emoji ? { ...r, count: r.count - 1, user_ids: r.user_ids.filter((id) => id !== meId) } : r))
        .filter((r) => r.count > 0)
    : existing
      ? message.reactions.map((r) => (r.emoji === emoji ? { ...r, count: r.count + 1, user_ids: [...r.user_ids, meId] } : r))
      : [...message.reactions, { emoji, count: 1, user_ids: [meId] }];
  return { ...message, reactions };
}

/** Edit, delete and react: over HTTP, and the answer replaces the cached message (the echo does the same elsewhere). */
export function useMessageActions(roomId: string) {
  const queryClient = useQueryClient();
  const meId = useMeId();

  const apply = (message: Message, previous?: Message): void => {
    queryClient.setQueryData<RoomMessages>(chatKeys.messages(roomId), (data) => (data ? withMessages(data, [message], true) : data));
    queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithChanged(list, message, meId, previous) : list));
  };

  const edit = useMutation({
    mutationFn: ({ id, content }: { id: string; content: string }) => editMessage(id, content),
    onSuccess: (message) => apply(message),
  });

  const remove = useMutation({
    mutationFn: (message: Message) => deleteMessage(message.id),
    onSuccess: (message, previous) => apply(message, previous),
  });

  const reaction = useMutation({
    mutationFn: ({ message, emoji }: { message: Message; emoji: string }) =>
      react(message.id, emoji, !message.reactions.some((r) => r.emoji === emoji && r.user_ids.includes(meId))),
    onMutate: ({ message, emoji }) => apply(toggledReaction(message, emoji, meId)),
    onError: (_error, { message }) => apply(message),
    onSuccess: (message) => apply(message),
  });

  return {
    edit,
    remove,
    toggleReaction: (message: Message, emoji: string) => reaction.mutate({ message, emoji }),
    error: edit.error ?? remove.error ?? reaction.error,
    reset: () => {
      edit.reset();
      remove.reset();
      reaction.reset();
    },
  };
}
