import { forgetDrafts } from '../features/chat/api/draft.store';
import { forgetChatSnapshots } from '../features/chat/api/offline-snapshot';
import { forgetOutboxes } from '../features/chat/api/outbox.store';
import { forgetPushOnThisBrowser } from '../features/notifications/api/push';
import { forgetWorkoutData } from '../features/workouts/api/forget-workout-data';

/**
 * What one account leaves on this browser when its session ends. Its own module, loaded only when a
 * session ends (in the shell, which has these stores already), so the login page's JS does not carry
 * the chat, notification and workout stores.
 */
export function forgetAccountData(explicitLogout: boolean): void {
  // The next person on this browser must not get the last one's push notifications.
  void forgetPushOnThisBrowser();
  // An ended session (revoked, expired) keeps unsent drafts and outboxes, so they go out once the same person signs in again.
  if (!explicitLogout) return;
  forgetOutboxes();
  forgetWorkoutData();
  forgetDrafts();
  forgetChatSnapshots();
}
