import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ChatCards } from '../chat/chat-cards';
import { SocialService } from './social.service';

export const WORKOUT_CARD_KIND = 'workout';

/** Registers the `workout` card kind on chat messages (a `WorkoutCardSnapshot`). */
@Injectable()
export class WorkoutCard implements OnModuleInit {
  constructor(
    private readonly cards: ChatCards,
    private readonly social: SocialService,
  ) {}

  onModuleInit(): void {
    this.cards.register(WORKOUT_CARD_KIND, { resolve: (share, id) => this.social.cardSnapshot(share.userId, id) });
  }
}
