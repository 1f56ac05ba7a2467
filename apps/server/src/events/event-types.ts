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
  'friend.request.created': { request_id: string; from_user_id: string; to_user_id: string };
  'friend.request.accepted': { request_id: string; from_user_id: string; to_user_id: string };
  /** Recorded with the notification, only for recipients with a push subscription: the push consumer sends it. */
  'notification.created': { notification_id: string; user_id: string };
  'user.banned': { user_id: string; by_user_id: string | null; reason: string; until: string | null };
}

export type DomainEventName = keyof DomainEventPayloads;

export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  id: string;
  name: N;
  payload: DomainEventPayloads[N];
  createdAt: string;
}
