import { Injectable } from '@nestjs/common';
import type { Notification, NotificationKind, NotificationListQuery, NotificationPage, UnreadCount } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import type { DomainEvent } from '../../events/event-types';
import { DomainEvents } from '../../events/domain-events.service';
import { PresenceRules } from '../../realtime/presence-rules';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { toNotification } from './notifications.mapper';
import { type NotificationDraft, type NotificationRow, NotificationsRepository } from './notifications.repository';
import { PushKeys } from './push/push-keys';

/** A draft with a kind the contracts know: what a producer hands to `deliver`. */
export interface NotificationRequest extends NotificationDraft {
  kind: NotificationKind;
}

/**
 * The inbox: reading and marking, and the one way notifications are made. A producer (a
 * consumer of some domain event) decides who gets what and calls `deliver`; the rows,
 * the consumer's "done" marker and the push events commit together, then the live
 * `notification` events go out.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly events: DomainEvents,
    private readonly emitter: RealtimeEmitter,
    private readonly pushKeys: PushKeys,
    private readonly presenceRules: PresenceRules,
  ) {}

  async list(userId: string, query: NotificationListQuery): Promise<NotificationPage> {
    const rows = await this.repository.page(userId, query.before, query.limit + 1);
    const items = rows.slice(0, query.limit).map(toNotification);
    return { items, next_cursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
  }

  async unread(userId: string): Promise<UnreadCount> {
    return { count: await this.repository.unreadCount(userId) };
  }

  /** Idempotent: reading a read notification answers the count again and tells no one. */
  async markRead(userId: string, id: string): Promise<UnreadCount> {
    const at = new Date();
    const changed = await this.repository.markRead(userId, id, at);
    if (!changed && !(await this.repository.exists(userId, id))) throw AppError.notFound('Notification');
    const count = await this.repository.unreadCount(userId);
    if (changed) this.emitter.toUsers([userId], 'notifications-read', { ids: [id], read_at: at.toISOString(), unread_count: count });
    return { count };
  }

  async markAllRead(userId: string): Promise<UnreadCount> {
    const at = new Date();
    await this.repository.markAllRead(userId, at);
    const count = await this.repository.unreadCount(userId);
    this.emitter.toUsers([userId], 'notifications-read', { ids: null, read_at: at.toISOString(), unread_count: count });
    return { count };
  }

  /** Recipients who still have an unread notification of this kind about this thing (a producer batching per album). */
  withUnread(userIds: string[], kind: NotificationKind, dataKey: string, dataValue: string): Promise<string[]> {
    return this.repository.withUnread(userIds, kind, dataKey, dataValue);
  }

  /**
   * Makes this event's notifications exactly once per consumer, however often its job
   * runs: the consumer's marker, the rows (unique per event and recipient) and the
   * `notification.created` events of recipients who have push commit together or not at
   * all. The live events go out after commit; a crash right then loses only those (the
   * inbox has the rows), never a row or a push.
   */
  async deliver(consumer: string, event: DomainEvent, requests: NotificationRequest[]): Promise<NotificationRow[]> {
    // Nothing to make: no marker either (most group messages notify no one).
    if (!requests.length) return [];
    const pushOn = this.pushKeys.enabled;
    const outcome = await this.events.once(consumer, event, async (tx) => {
      const rows = await this.repository.insert(tx, event.id, requests);
      if (pushOn) {
        const withPush = new Set(await this.repository.usersWithPush(tx, rows.map((r) => r.userId)));
        for (const row of rows.filter((r) => withPush.has(r.userId))) {
          await this.events.record(tx, 'notification.created', { notification_id: row.id, user_id: row.userId });
        }
      }
      return rows;
    });
    if (!outcome.ran) return [];
    if (pushOn) this.events.kick();
    await this.announce(outcome.result);
    return outcome.result;
  }

  /** The notifications by id, as their recipients see them (for push). */
  async views(ids: string[]): Promise<Map<string, Notification>> {
    const rows = await this.repository.byIds(ids);
    return new Map(rows.map((r) => [r.notification.id, toNotification(r)]));
  }

  private async announce(rows: NotificationRow[]): Promise<void> {
    if (!rows.length) return;
    const views = await this.views(rows.map((r) => r.id));
    // Do Not Disturb: the inbox and the count still change, the client stays quiet (no toast, no sound).
    const choices = await this.presenceRules.choicesOf([...new Set(rows.map((r) => r.userId))]);
    for (const row of rows) {
      const notification = views.get(row.id);
      if (!notification) continue;
      const unread_count = await this.repository.unreadCount(row.userId);
      const silent = choices.get(row.userId) === 'dnd';
      this.emitter.toUsers([row.userId], 'notification', silent ? { notification, unread_count, silent } : { notification, unread_count });
    }
  }
}
