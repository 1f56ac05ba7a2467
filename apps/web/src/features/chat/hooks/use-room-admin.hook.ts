import type { Chatroom, ChatroomList } from '@discordgym/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { addPeople, chatKeys, createGroup, openDirectMessage, removePerson } from '../api/chat.api';
import { roomsWithout, roomsWithRoom } from '../api/chat-cache';
import { useMeId } from './use-me-id.hook';

function useRememberRoom() {
  const queryClient = useQueryClient();
  return (room: Chatroom): void => {
    queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithRoom(list, room) : { items: [room] }));
  };
}

/** Opens (or finds) the DM with someone and goes there. */
export function useOpenDm() {
  const remember = useRememberRoom();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (userId: string) => openDirectMessage(userId),
    onSuccess: (room) => {
      remember(room);
      void navigate(`/chat/${room.id}`);
    },
  });
}

export function useCreateGroup() {
  const remember = useRememberRoom();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: ({ name, userIds }: { name: string; userIds: string[] }) => createGroup(name, userIds),
    onSuccess: (room) => {
      remember(room);
      void navigate(`/chat/${room.id}`);
    },
  });
}

export function useAddPeople(roomId: string) {
  const remember = useRememberRoom();
  return useMutation({ mutationFn: (userIds: string[]) => addPeople(roomId, userIds), onSuccess: remember });
}

/** The owner removes someone, or I leave (and the room leaves my list). */
export function useRemovePerson(roomId: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const meId = useMeId();
  return useMutation({
    mutationFn: (userId: string) => removePerson(roomId, userId),
    onSuccess: (_result, userId) => {
      if (userId !== meId) return void queryClient.invalidateQueries({ queryKey: chatKeys.rooms });
      queryClient.setQueryData<ChatroomList>(chatKeys.rooms, (list) => (list ? roomsWithout(list, roomId) : list));
      queryClient.removeQueries({ queryKey: chatKeys.messages(roomId) });
      void navigate('/chat', { replace: true });
    },
  });
}
