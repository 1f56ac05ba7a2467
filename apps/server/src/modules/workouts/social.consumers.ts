import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PLAUSIBILITY_FACTOR } from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { NotificationsService } from '../notifications/notifications.service';
import { SocialRepository } from './social.repository';
import { SocialService } from './social.service';

export const FEED_LIVE_CONSUMER = 'workouts.feed-live';
export const HOLDS_CONSUMER = 'workouts.leaderboard-holds';
export const KUDOS_NOTIFY_CONSUMER = 'notifications.workout-kudos';
export const COMMENT_NOTIFY_CONSUMER = 'notifications.workout-comment';

/**
 * Reactions to workout events: the feed item goes live to friends, implausible lifts are
 * held out of leaderboards (exactly once, with `once`), and kudos and comments notify the
 * workout's owner through the notifications mechanism (exactly once per event).
 */
@Injectable()
export class SocialConsumers implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly repository: SocialRepository,
    private readonly social: SocialService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('workout.finished', FEED_LIVE_CONSUMER, (event) => this.social.announceFinished(event.payload.workout_id));
    this.events.subscribe('workout.finished', HOLDS_CONSUMER, (event) => this.hold(event));
    this.events.subscribe('workout.kudos.given', KUDOS_NOTIFY_CONSUMER, (event) => this.kudos(event));
    this.events.subscribe('workout.comment.created', COMMENT_NOTIFY_CONSUMER, (event) => this.comment(event));
  }

  /** An e1RM record more than PLAUSIBILITY_FACTOR × the previous best waits for the lifter's confirmation. */
  async hold(event: DomainEvent<'workout.finished'>): Promise<void> {
    const { workout_id, user_id, prs } = event.payload;
    const suspicious = prs.filter((p) => p.kind === 'e1rm' && p.previous_value !== null && p.value > PLAUSIBILITY_FACTOR * p.previous_value);
    if (!suspicious.length) return;
    await this.events.once(HOLDS_CONSUMER, event, (tx) =>
      this.repository.insertHolds(
        tx,
        suspicious.map((p) => ({ id: uuidv7(), userId: user_id, workoutId: workout_id, setId: p.set_id, exerciseId: p.exercise_id, metric: 'e1rm', value: p.value, previousBest: p.previous_value })),
      ),
    );
  }

  async kudos(event: DomainEvent<'workout.kudos.given'>): Promise<void> {
    const { workout_id, owner_id, user_id } = event.payload;
    // Taken back before the job ran, or the workout is gone: nothing to tell.
    const [workout] = await this.repository.workoutsByIds([workout_id]);
    if (!workout || !(await this.repository.kudosCounts([workout_id], user_id)).get(workout_id)?.mine) return;
    await this.notifications.deliver(KUDOS_NOTIFY_CONSUMER, event, [
      { userId: owner_id, kind: 'workout_kudos', actorId: user_id, data: { workout_id, workout_title: workout.title } },
    ]);
  }

  async comment(event: DomainEvent<'workout.comment.created'>): Promise<void> {
    const { workout_id, owner_id, comment_id, user_id } = event.payload;
    // My own comment on my workout tells me nothing; a deleted one neither.
    if (owner_id === user_id) return;
    const [workout, comment] = await Promise.all([this.repository.workoutsByIds([workout_id]).then((r) => r[0]), this.repository.comment(comment_id)]);
    if (!workout || !comment || comment.deletedAt) return;
    await this.notifications.deliver(COMMENT_NOTIFY_CONSUMER, event, [
      { userId: owner_id, kind: 'workout_comment', actorId: user_id, data: { workout_id, workout_title: workout.title, comment_id } },
    ]);
  }
}
