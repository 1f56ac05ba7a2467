import type { Friend, FriendRequest } from '@discordgym/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeClient } from '../../../lib/realtime/realtime-client';
import { friendsKeys } from './friends.api';
import { friendsAllOffline, friendsWith, friendsWithout, friendsWithStatus, friendsWithUser, requestsWith, requestsWithout } from './friends-cache';

/**
 * The friends' live side: `friend-*` events and friends' statuses go into the query
 * cache, so every list on screen follows without a refetch. After a reconnect the lists
 * are fetched again: events sent while the socket was away are not replayed.
 */
export class FriendsLive {
  private readonly cleanups: Array<() => void> = [];
  private connects = 0;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly realtime: RealtimeClient,
  ) {}

  start(): void {
    const rt = this.realtime;
    const friends = (update: (list: Friend[]) => readonly Friend[]) =>
      this.queryClient.setQueryData<Friend[]>(friendsKeys.list, (list) => (list ? (update(list) as Friend[]) : list));
    const requests = (update: (list: FriendRequest[]) => FriendRequest[]) =>
      this.queryClient.setQueryData<FriendRequest[]>(friendsKeys.requests, (list) => (list ? update(list) : list));
    this.cleanups.push(
      rt.on('friend-request', (request) => requests((list) => requestsWith(list, request))),
      rt.on('friend-request-removed', ({ id }) => requests((list) => requestsWithout(list, id))),
      rt.on('friend-added', (friend) => friends((list) => friendsWith(list, friend))),
      rt.on('friend-removed', ({ user_id }) => friends((list) => friendsWithout(list, user_id))),
      rt.on('user-status-changed', (status) => friends((list) => friendsWithStatus(list, status))),
      rt.on('user-updated', ({ user }) => friends((list) => friendsWithUser(list, user))),
      rt.onDisconnect(() => friends(friendsAllOffline)),
      rt.onConnect(() => {
        this.connects += 1;
        // The first connect follows the first fetch closely enough; later ones may have missed events.
        if (this.connects > 1) void this.queryClient.invalidateQueries({ queryKey: friendsKeys.all });
      }),
    );
  }

  stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
