import { Injectable } from '@nestjs/common';
import { CARD_SNAPSHOT_MAX_BYTES, type CardRef, type MessageCard } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';

/** What a card kind's resolver learns about the share: who shares it, and into which room. */
export interface CardShare {
  userId: string;
  chatroomId: string;
}

/**
 * One kind of card (a workout, an album). `resolve` decides whether this sender may share
 * this resource into this room and answers what every reader of the message will see;
 * it refuses by throwing an AppError (404 for what the sender may not see, 403 for what
 * they see but may not share). The snapshot is stored with the message and never
 * re-read from the feature, so it must hold nothing a room member may not see.
 */
export interface CardKindResolver {
  resolve(share: CardShare, id: string): Promise<Record<string, unknown>>;
}

/**
 * The registry of card kinds on chat messages. Features register their kind at start-up
 * (`onModuleInit`); chat asks here on send, once per message that carries a card.
 */
@Injectable()
export class ChatCards {
  private readonly kinds = new Map<string, CardKindResolver>();

  register(kind: string, resolver: CardKindResolver): void {
    if (this.kinds.has(kind)) throw new Error(`card kind ${kind} is registered twice`);
    this.kinds.set(kind, resolver);
  }

  registered(): string[] {
    return [...this.kinds.keys()];
  }

  async snapshot(share: CardShare, ref: CardRef): Promise<MessageCard> {
    const resolver = this.kinds.get(ref.kind);
    if (!resolver) {
      throw new AppError('VALIDATION_FAILED', `Unknown card kind ${ref.kind}`, [{ path: 'card.kind', message: `one of: ${this.registered().join(', ') || 'none'}` }]);
    }
    const snapshot = await resolver.resolve(share, ref.id);
    // A resolver's bug, not the sender's: a card must stay small enough for every history page.
    if (JSON.stringify(snapshot).length > CARD_SNAPSHOT_MAX_BYTES) throw new Error(`card ${ref.kind} snapshot exceeds ${CARD_SNAPSHOT_MAX_BYTES} bytes`);
    return { kind: ref.kind, id: ref.id, snapshot };
  }
}
