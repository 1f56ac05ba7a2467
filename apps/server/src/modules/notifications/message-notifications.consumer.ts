import { Injectable, type OnModuleInit } from '@nestjs/common';
import { effectiveNotificationLevel } from '@discordgym/contracts';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { PresenceStore } from '../../infra/realtime/presence-store';
import { NotificationsRepository } from './notifications.repository';
import { type NotificationRequest, NotificationsService } from './notifications.service';

export const MESSAGE_CONSUMER = 'notifications.message';

/**
 * Who hears about a new message, decided on the job queue (never on the send path):
 *
 * | my level here | mentioned / my message answered | any other message                       |
 * |---------------|---------------------------------|-----------------------------------------|
 * | all           | mention / reply                 | dm (DM) or message (group), only while I have no socket open |
 * | mentions      | mention / reply                 | nothing                                 |
 * | none          | nothing                         | nothing                                 |
 *
 * DMs default to `all`, groups to `mentions`. One notification per message and person:
 * a mention that is also a reply is a mention. Nobody hears about their own message, a
 * deleted one, or one from someone they blocked. "No socket open" is read when the job
 * runs; with a socket open the live `new-message` is the notification.
 */
@Injectable()
export class MessageNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly repository: NotificationsRepository,
    private readonly notifications: NotificationsService,
    private readonly presence: PresenceStore,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('message.created', MESSAGE_CONSUMER, (event) => this.handle(event));
  }

  async handle(event: DomainEvent<'message.created'>): Promise<void> {
    await this.notifications.deliver(MESSAGE_CONSUMER, event, await this.decide(event));
  }

  private async decide(event: DomainEvent<'message.created'>): Promise<NotificationRequest[]> {
    const { message_id, sender_id, mention_ids } = event.payload;
    const mentioned = new Set(mention_ids.filter((id) => id !== sender_id));
    const found = await this.repository.messageWithCandidates(message_id, sender_id, [...mentioned]);
    if (!found || found.facts.deleted) return [];
    const { facts } = found;
    const answered = facts.replyToSenderId !== sender_id ? facts.replyToSenderId : null;
    const candidates = found.candidates
      .map((c) => ({ userId: c.userId, level: effectiveNotificationLevel(c.level, facts.isGroup) }))
      .filter((c) => c.level !== 'none');

    const onlyIfAway = candidates.filter((c) => c.level === 'all' && !mentioned.has(c.userId) && c.userId !== answered).map((c) => c.userId);
    const states = onlyIfAway.length ? await this.presence.get(onlyIfAway) : new Map();
    const away = (userId: string) => (states.get(userId)?.status ?? 'offline') === 'offline';

    const requests: NotificationRequest[] = [];
    for (const { userId, level } of candidates) {
      const kind = mentioned.has(userId) ? 'mention' : userId === answered ? 'reply' : level === 'all' && away(userId) ? (facts.isGroup ? 'message' : 'dm') : null;
      if (kind) requests.push({ userId, kind, actorId: sender_id, chatroomId: facts.chatroomId, messageId: message_id });
    }
    return requests;
  }
}
