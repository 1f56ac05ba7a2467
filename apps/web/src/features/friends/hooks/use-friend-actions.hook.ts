import type { BlockedUser, Friend, FriendRequest, SendFriendRequestBody } from '@discordgym/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  acceptFriendRequest,
  blockUser,
  cancelFriendRequest,
  declineFriendRequest,
  friendsKeys,
  removeFriend,
  sendFriendRequest,
  unblockUser,
} from '../api/friends.api';
import { blocksWith, blocksWithout, friendsWith, friendsWithout, requestsWith, requestsWithout, requestsWithoutUser } from '../api/friends-cache';

// Each answer goes into the cache at once; the socket events that follow it change nothing more.
function caches(queryClient: QueryClient) {
  const update = <T>(key: readonly unknown[], change: (list: T[]) => T[]) => queryClient.setQueryData<T[]>(key, (list) => (list ? change(list) : list));
  return {
    friends: (change: (list: Friend[]) => Friend[]) => update(friendsKeys.list, change),
    requests: (change: (list: FriendRequest[]) => FriendRequest[]) => update(friendsKeys.requests, change),
    blocks: (change: (list: BlockedUser[]) => BlockedUser[]) => update(friendsKeys.blocks, change),
  };
}

export function useSendFriendRequest() {
  const cache = caches(useQueryClient());
  return useMutation({
    mutationFn: (body: SendFriendRequestBody) => sendFriendRequest(body),
    onSuccess: (result) => {
      if (result.outcome === 'requested') cache.requests((list) => requestsWith(list, result.request));
      else {
        cache.friends((list) => friendsWith(list, result.friend));
        cache.requests((list) => requestsWithoutUser(list, result.friend.user.id));
      }
    },
  });
}

export function useAcceptRequest() {
  const cache = caches(useQueryClient());
  return useMutation({
    mutationFn: (request: FriendRequest) => acceptFriendRequest(request.id),
    onSuccess: (friend, request) => {
      cache.friends((list) => friendsWith(list, friend));
      cache.requests((list) => requestsWithout(list, request.id));
    },
  });
}

/** Decline one sent to me, or take back one I sent. */
export function useDropRequest() {
  const cache = caches(useQueryClient());
  return useMutation({
    mutationFn: (request: FriendRequest) => (request.direction === 'incoming' ? declineFriendRequest(request.id) : cancelFriendRequest(request.id)),
    onSuccess: (_, request) => cache.requests((list) => requestsWithout(list, request.id)),
  });
}

export function useRemoveFriend() {
  const cache = caches(useQueryClient());
  return useMutation({
    mutationFn: (userId: string) => removeFriend(userId),
    onSuccess: (_, userId) => cache.friends((list) => friendsWithout(list, userId)),
  });
}

export function useBlockUser() {
  const cache = caches(useQueryClient());
  return useMutation({
    mutationFn: (userId: string) => blockUser(userId),
    onSuccess: (blocked, userId) => {
      cache.blocks((list) => blocksWith(list, blocked));
      cache.friends((list) => friendsWithout(list, userId));
      cache.requests((list) => requestsWithoutUser(list, userId));
    },
  });
}

export function useUnblockUser() {
  const cache = caches(useQueryClient());
  return useMutation({
    mutationFn: (userId: string) => unblockUser(userId),
    onSuccess: (_, userId) => cache.blocks((list) => blocksWithout(list, userId)),
  });
}
