import type { ChatroomList, NotificationLevel } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { chatKeys } from '../../chat/api/chat.api';
import { setRoomNotificationLevel } from '../api/notifications.api';

const withLevel = (list: ChatroomList | undefined, roomId: string, level: NotificationLevel): ChatroomList | undefined =>
  list && { ...list, items: list.items.map((r) => (r.id === roomId ? { ...r, notification_level: level } : r)) };

/** Sets my level for a room in the room list at once; a refusal puts the old one back. */
export function useNotificationLevel(roomId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (level: NotificationLevel) => setRoomNotificationLevel(roomId, level),
    onMutate: async (level) => {
      await queryClient.cancelQueries({ queryKey: chatKeys.rooms });
      const before = queryClient.getQueryData<ChatroomList>(chatKeys.rooms);
      queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => withLevel(list, roomId, level));
      return { before };
    },
    onError: (_error, _level, context) => {
      if (context?.before) queryClient.setQueryData(chatKeys.rooms, context.before);
    },
  });
}
