import type { Message } from '@discordgym/contracts';
import type { OutboxEntry } from '../api/outbox.store';

/** What a message in the list can ask its room to do. */
export interface MessageActions {
  reply(message: Message): void;
  edit(message: Message): void;
  cancelEdit(): void;
  saveEdit(message: Message, content: string): void;
  remove(message: Message, skipConfirm: boolean): void;
  react(message: Message, emoji: string): void;
  retry(entry: OutboxEntry): void;
  discard(entry: OutboxEntry): void;
  jumpTo(messageId: string): void;
  /** Opens the message's context menu under its "More" button. */
  openMenu?(message: Message, opener: HTMLElement): void;
}
