/**
 * Every domain event, by name, with its payload. A feature adds its events here; the
 * payload is JSON (ids and plain values), enough for a consumer to load what it needs.
 */
export interface DomainEventPayloads {
  'message.created': {
    message_id: string;
    chatroom_id: string;
    sender_id: string;
    seq: number;
    mention_ids: string[];
    reply_to_id: string | null;
  };
  /** A chat image's bytes arrived and passed the type check: the attachment processing consumer makes its thumbnail and preview. */
  'chat.attachment.uploaded': { chatroom_id: string; attachment_id: string };
  /**
   * Attachments whose rows are gone (their message deleted, or swept unsent): the storage
   * consumer deletes their objects (`attachmentKeys`), retrying until storage answers.
   */
  'chat.attachments.deleted': { chatroom_id: string; attachment_ids: string[] };
  /** A group was deleted (its attachment rows went with it): the storage consumer deletes everything under `chat/<room>/`. */
  'chat.room.deleted': { chatroom_id: string };
  'friend.request.created': { request_id: string; from_user_id: string; to_user_id: string };
  'friend.request.accepted': { request_id: string; from_user_id: string; to_user_id: string };
  /** Recorded with the notification, only for recipients with a push subscription: the push consumer sends it. */
  'notification.created': { notification_id: string; user_id: string };
  /** Marked deleted (every route answers 404 from now on); the cleanup consumer removes its objects, then its rows. */
  'album.deleted': { album_id: string; owner_id: string; by_user_id: string };
  /** A guest's session ended (left, or removed by a host): live sockets of that guest close. */
  'album.guest.ended': { album_id: string; guest_id: string; reason: 'left' | 'removed'; by_user_id: string | null };
  /** Someone with an account is no longer in the album (removed by a host, or left): their live sockets leave its channel. */
  'album.member.removed': { album_id: string; user_id: string; reason: 'left' | 'removed'; by_user_id: string };
  /** A wall link stopped working (revoked or replaced): live wall sockets of that link close. */
  'album.wall-link.revoked': { album_id: string; wall_link_id: string };
  /** The bytes of an upload arrived and passed the type check: the processing consumer makes its derivatives. */
  'album.photo.uploaded': { album_id: string; photo_id: string };
  /** Processed and waiting in the host queue (approval on): hosts get a notification. */
  'album.photo.submitted': { album_id: string; photo_id: string; uploader_user_id: string | null; uploader_guest_id: string | null };
  /** Visible in the album and on the wall; `by_user_id` null when approval is off. */
  'album.photo.approved': { album_id: string; photo_id: string; seq: number; by_user_id: string | null };
  /** Gone from the album and the wall (rejected or deleted); its objects are already deleted. */
  'album.photo.removed': { album_id: string; photo_id: string; seq: number; reason: 'rejected' | 'deleted'; by_user_id: string | null; by_guest_id: string | null };
  'user.banned': { user_id: string; by_user_id: string | null; reason: string; until: string | null };
  /**
   * A workout was finished (first finish only, not edits). `prs` are the records this workout
   * set and still holds after the rebuild; `weight_kg` only for reps_at_weight.
   */
  'workout.finished': {
    workout_id: string;
    user_id: string;
    visibility: 'private' | 'friends' | 'public';
    finished_at: string;
    prs: { exercise_id: string; kind: 'heaviest' | 'e1rm' | 'set_volume' | 'reps_at_weight' | 'distance' | 'duration'; value: number; previous_value: number | null; weight_kg: number | null; set_id: string }[];
  };
  /** Someone gave kudos to a workout (only when it was new: a repeated PUT records nothing). */
  'workout.kudos.given': { workout_id: string; owner_id: string; user_id: string };
  'workout.comment.created': { workout_id: string; owner_id: string; comment_id: string; user_id: string };
}

export type DomainEventName = keyof DomainEventPayloads;

export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  id: string;
  name: N;
  payload: DomainEventPayloads[N];
  createdAt: string;
}
