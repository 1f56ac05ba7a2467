import type { FeedItem, FeedPage, WorkoutComment } from '@discordgym/contracts';
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { realtime } from '../../../lib/realtime/realtime';
import { newClientId } from '../../../lib/storage/client-id';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { socialApi, workoutKeys } from '../api/workouts.api';

type Feed = InfiniteData<FeedPage, string | undefined>;

const patchItem = (feed: Feed | undefined, id: string, patch: (item: FeedItem) => FeedItem): Feed | undefined =>
  feed && { ...feed, pages: feed.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === id ? patch(i) : i)) })) };

export function useFeed() {
  return useInfiniteQuery({
    queryKey: workoutKeys.feed,
    queryFn: ({ pageParam, signal }) => socialApi.feed(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** Socket events into the feed cache: new workouts on top, kudos and comment counts in place. */
export function useFeedLive(): void {
  const queryClient = useQueryClient();
  const meId = useMeId();
  useEffect(() => {
    const offs = [
      realtime.on('feed-workout', (item) =>
        queryClient.setQueryData<Feed>(workoutKeys.feed, (feed) => {
          if (!feed || feed.pages.some((p) => p.items.some((i) => i.id === item.id))) return feed;
          const [first, ...rest] = feed.pages;
          return first ? { ...feed, pages: [{ ...first, items: [item, ...first.items] }, ...rest] } : feed;
        }),
      ),
      realtime.on('workout-kudos', (e) =>
        queryClient.setQueryData<Feed>(workoutKeys.feed, (feed) =>
          patchItem(feed, e.workout_id, (i) => ({ ...i, kudos_count: e.kudos_count, has_kudos: e.user_id === meId ? e.added : i.has_kudos })),
        ),
      ),
      realtime.on('workout-comment', (e) => {
        queryClient.setQueryData<Feed>(workoutKeys.feed, (feed) => patchItem(feed, e.workout_id, (i) => ({ ...i, comment_count: e.comment_count })));
        queryClient.setQueryData<WorkoutComment[]>(workoutKeys.comments(e.workout_id), (list) =>
          !list ? list : e.deleted ? list.filter((c) => c.id !== e.comment.id) : list.some((c) => c.id === e.comment.id) ? list : [...list, e.comment],
        );
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [queryClient, meId]);
}

export function useKudos() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, give }: { id: string; give: boolean }) => socialApi.kudos(id, give),
    onSuccess: (state) =>
      queryClient.setQueryData<Feed>(workoutKeys.feed, (feed) => patchItem(feed, state.workout_id, (i) => ({ ...i, kudos_count: state.kudos_count, has_kudos: state.has_kudos }))),
  });
}

export function useComments(workoutId: string, enabled: boolean) {
  return useQuery({
    queryKey: workoutKeys.comments(workoutId),
    queryFn: async ({ signal }) => (await socialApi.comments(workoutId, signal)).items,
    enabled,
  });
}

export function useAddComment(workoutId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => socialApi.comment(workoutId, body, newClientId()),
    onSuccess: (comment) => {
      queryClient.setQueryData<WorkoutComment[]>(workoutKeys.comments(workoutId), (list) => (list && !list.some((c) => c.id === comment.id) ? [...list, comment] : list));
      queryClient.setQueryData<Feed>(workoutKeys.feed, (feed) => patchItem(feed, workoutId, (i) => ({ ...i, comment_count: i.comment_count + 1 })));
    },
  });
}
