import { ECDH } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type Notification,
  notificationPath,
  type PushConfig,
  type PushPayload,
  type PushSubscriptionBody,
  type PushSubscriptionInfo,
  PUSH_SUBSCRIPTIONS_PER_USER_MAX,
} from '@discordgym/contracts';
import { AppError } from '../../../common/app-error';
import { DomainEvents } from '../../../events/domain-events.service';
import type { DomainEvent } from '../../../events/event-types';
import { JobQueue } from '../../../infra/jobs/job-queue';
import { PresenceStore } from '../../../infra/realtime/presence-store';
import { PresenceRules } from '../../../realtime/presence-rules';
import { toNotification } from '../notifications.mapper';
import { NotificationsRepository } from '../notifications.repository';
import { PushEndpointPolicy } from './push-endpoint-policy';
import { PushKeys } from './push-keys';
import { PushSender } from './push-sender';

export const PUSH_CONSUMER = 'notifications.push';
export const PUSH_QUEUE = 'push.deliver';

interface PushJob {
  notification_id: string;
  subscription_id: string;
}

/**
 * Web Push for people who have the app closed. A notification for someone with a push
 * subscription records `notification.created` in its own transaction; this consumer
 * fans it out into one job per subscription (idempotent job ids), each of which sends one
 * encrypted message. Nobody with an open socket is pushed: their tab already has the live
 * event (and shows a browser notification itself while hidden).
 */
@Injectable()
export class PushService implements OnModuleInit {
  private readonly logger = new Logger(PushService.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly keys: PushKeys,
    private readonly policy: PushEndpointPolicy,
    private readonly sender: PushSender,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
    private readonly presence: PresenceStore,
    private readonly presenceRules: PresenceRules,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('notification.created', PUSH_CONSUMER, (event) => this.fanOut(event));
    // Retries ride out a busy push service (429 / 5xx) for about a minute, then give up: a push is a nudge, the inbox keeps the notification.
    this.jobs.define<PushJob>(PUSH_QUEUE, (job) => this.deliver(job), { attempts: 5, backoffMs: 2_000, concurrency: 4 });
  }

  config(): PushConfig {
    return { enabled: this.keys.enabled, public_key: this.keys.publicKey };
  }

  async subscribe(userId: string, body: PushSubscriptionBody, userAgent: string | null): Promise<PushSubscriptionInfo> {
    if (!this.keys.enabled) throw new AppError('SERVICE_UNAVAILABLE', 'Push notifications are not configured on this server');
    const refusal = this.policy.refusal(body.endpoint);
    if (refusal) throw new AppError('VALIDATION_FAILED', `The endpoint ${refusal}`, [{ path: 'endpoint', message: refusal }]);
    try {
      // Throws unless it is a point on P-256: a bad key would only fail later, at every send.
      ECDH.convertKey(Buffer.from(body.keys.p256dh, 'base64url'), 'prime256v1');
    } catch {
      throw new AppError('VALIDATION_FAILED', 'keys.p256dh is not a P-256 public key', [{ path: 'keys.p256dh', message: 'not a P-256 public key' }]);
    }
    const row = await this.repository.upsertSubscription(
      { userId, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth, userAgent: userAgent?.slice(0, 512) ?? null },
      PUSH_SUBSCRIPTIONS_PER_USER_MAX,
    );
    return { id: row.id, endpoint: row.endpoint, created_at: row.createdAt.toISOString() };
  }

  async unsubscribe(userId: string, endpoint: string): Promise<void> {
    if (!(await this.repository.deleteSubscription(userId, endpoint))) throw AppError.notFound('Push subscription');
  }

  private async fanOut(event: DomainEvent<'notification.created'>): Promise<void> {
    const { notification_id, user_id } = event.payload;
    const state = (await this.presence.get([user_id])).get(user_id);
    if (state && state.status !== 'offline') return;
    // Do Not Disturb: the notification waits in the inbox; no device is woken for it.
    if ((await this.presenceRules.choicesOf([user_id])).get(user_id) === 'dnd') return;
    const subscriptions = await this.repository.subscriptionsOf(user_id, PUSH_SUBSCRIPTIONS_PER_USER_MAX);
    await Promise.all(
      subscriptions.map((s) => this.jobs.enqueue<PushJob>(PUSH_QUEUE, { notification_id, subscription_id: s.id }, { jobId: `${notification_id}.${s.id}` })),
    );
  }

  private async deliver(job: PushJob): Promise<void> {
    const subscription = await this.repository.subscription(job.subscription_id);
    if (!subscription) return;
    if (this.policy.refusal(subscription.endpoint)) {
      // Allowed when it was made, not under today's PUSH_ENDPOINT_HOSTS.
      await this.repository.deleteSubscriptionById(subscription.id);
      return;
    }
    const [row] = await this.repository.byIds([job.notification_id]);
    // Gone, read meanwhile, or the browser now belongs to someone else: nothing to say.
    if (!row || row.notification.readAt || row.notification.userId !== subscription.userId) return;
    const notification = toNotification(row);
    const payload: PushPayload = {
      notification: withoutBio(notification),
      url: notificationPath(notification),
      unread_count: await this.repository.unreadCount(subscription.userId),
    };
    const urgent = notification.kind === 'mention' || notification.kind === 'dm' || notification.kind === 'reply';
    const outcome = await this.sender.send(subscription, JSON.stringify(payload), urgent ? 'high' : 'normal');
    switch (outcome.result) {
      case 'sent':
        return;
      case 'gone':
        await this.repository.deleteSubscriptionById(subscription.id);
        return;
      case 'retry':
        throw new Error(`push service answered ${outcome.status ?? 'nothing'}; will retry`);
      case 'refused':
        this.logger.warn(`push service refused a message with ${outcome.status ?? 'no answer'}; not retried`);
        return;
    }
  }
}

/** The bio is the one long field of a user: never needed to word a notification. */
function withoutBio(notification: Notification): Notification {
  return notification.actor ? { ...notification, actor: { ...notification.actor, bio: null } } : notification;
}
