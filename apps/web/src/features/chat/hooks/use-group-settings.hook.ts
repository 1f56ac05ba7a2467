import type { Chatroom, ChatroomList, GroupIcon, Message, UpdateChatroomBody } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useChatI18n } from './use-chat-i18n.hook';
import { chatKeys } from '../api/chat.api';
import { roomsWithout, roomsWithRoom } from '../api/chat-cache';
import { dismissRemoval, updateGroup } from '../api/group-settings.api';
import { authorOf, displayName } from './room-view';

/** Where a built-in group icon lives (served from the web app's public folder). */
export const groupIconUrl = (icon: GroupIcon): string => `/group-icons/${icon}.svg`;

/** The owner saves name and/or icon; the room list shows the answer at once. */
export function useUpdateGroup(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateChatroomBody) => updateGroup(roomId, body),
    onSuccess: (room: Chatroom) => {
      queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithRoom(list, room) : { items: [room] }));
    },
  });
}

/** Someone removed clears the room out of their list (the server tells their other devices). */
export function useDismissRemoval(roomId: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => dismissRemoval(roomId),
    onSuccess: () => {
      queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithout(list, roomId) : list));
      queryClient.removeQueries({ queryKey: chatKeys.messages(roomId) });
      void navigate('/chat', { replace: true });
    },
  });
}

/** A system line as words: "Ada added Bob", "Bob left", "Ada removed Cy", "Ada renamed the group to X". */
export function useSystemText() {
  const { t } = useChatI18n();
  return (room: Chatroom, message: Pick<Message, 'sender_id' | 'author' | 'system'>): string => {
    const author = authorOf(room, message);
    const actor = author ? displayName(author) : t('chat.unknownUser');
    const system = message.system;
    if (!system) return '';
    switch (system.type) {
      case 'added':
        return t('group.system.added', { actor, names: system.users.map((u) => userName(room, u)).join(', ') });
      case 'left':
        return t('group.system.left', { actor });
      case 'removed':
        return t('group.system.removed', { actor, name: userName(room, system.user) });
      case 'renamed':
        return t('group.system.renamed', { actor, name: system.name });
    }
  };
}

/** Someone a system line names: as they are called now while in the room, else as they were then. */
function userName(room: Chatroom, user: { id: string; name: string }): string {
  const now = room.participants.find((p) => p.user.id === user.id)?.user;
  return now ? displayName(now) : user.name;
}
