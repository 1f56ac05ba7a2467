import { Button } from '../components/button.component';
import { PageHeader } from '../components/page-header.component';
import { useMeId } from '../features/chat/hooks/use-me-id.hook';
import { FeedEntry } from '../features/workouts/components/feed-item.component';
import { useFeed, useFeedLive } from '../features/workouts/hooks/use-feed.hook';
import { useWorkoutPreferences } from '../features/workouts/hooks/use-workout-preferences.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';

export function WorkoutFeedPage() {
  const { tw, describeError } = useWorkoutsI18n();
  const feed = useFeed();
  useFeedLive();
  const meId = useMeId();
  const { units } = useWorkoutPreferences();
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={tw('w.feed.title')} />
      {feed.isError && <p className="text-danger">{describeError(feed.error)}</p>}
      {feed.isSuccess && items.length === 0 && <p className="text-fg-subtle">{tw('w.feed.empty')}</p>}
      <ul className="flex flex-col gap-3" data-testid="feed">
        {items.map((item) => (
          <FeedEntry key={item.id} item={item} unit={units.weight} mine={item.owner.id === meId} />
        ))}
      </ul>
      {feed.hasNextPage && (
        <Button variant="secondary" className="mt-4" pending={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
          {tw('w.more')}
        </Button>
      )}
    </>
  );
}
