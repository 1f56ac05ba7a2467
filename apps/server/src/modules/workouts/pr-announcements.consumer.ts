import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import { DomainEvents } from '../../events/domain-events.service';
import type { DomainEvent } from '../../events/event-types';
import { ChatService } from '../chat/chat.service';
import { SocialRepository } from './social.repository';
import { WORKOUT_CARD_KIND } from './workout-card';

export const PR_ANNOUNCE_CONSUMER = 'workouts.pr-announcements';

/**
 * Opt-in PR announcements: a finished workout with new PRs posts its card in each room the
 * user chose and is still a member of. Exactly once per event and room: the message's
 * client_id is derived from both, and chat's (sender, client_id) uniqueness turns a rerun
 * of this job into a replay of the first message.
 */
@Injectable()
export class PrAnnouncements implements OnModuleInit {
  private readonly logger = new Logger(PrAnnouncements.name);

  constructor(
    private readonly events: DomainEvents,
    private readonly repository: SocialRepository,
    private readonly chat: ChatService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('workout.finished', PR_ANNOUNCE_CONSUMER, (event) => this.announce(event));
  }

  async announce(event: DomainEvent<'workout.finished'>): Promise<void> {
    const { workout_id, user_id, prs, visibility } = event.payload;
    // A private workout is never shown to a room; no PRs, nothing to announce.
    if (!prs.length || visibility === 'private') return;
    const [workout] = await this.repository.workoutsByIds([workout_id]);
    if (!workout || workout.visibility === 'private') return;
    for (const roomId of await this.repository.prRoomsStillMember(user_id)) {
      const clientId = `pr_${createHash('sha256').update(`${event.id}:${roomId}`).digest('hex').slice(0, 40)}`;
      try {
        await this.chat.send(user_id, { chatroom_id: roomId, content: '🏆', client_id: clientId, card: { kind: WORKOUT_CARD_KIND, id: workout_id } });
      } catch (error) {
        // Left the room or got blocked in the DM meanwhile: that room is skipped, the others still hear of it.
        if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) {
          this.logger.debug(`PR announcement to ${roomId} skipped: ${error.message}`);
          continue;
        }
        throw error;
      }
    }
  }
}
