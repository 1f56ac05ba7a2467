import { type Chatroom, MESSAGE_MAX_LENGTH, type Message, type PublicUser } from '@discordgym/contracts';
import { type KeyboardEvent, type RefObject, useMemo, useState } from 'react';
import { newClientId } from '../../../lib/storage/client-id';
import { draftsFor } from '../api/draft.store';
import { matchesMention, mentionQueryAt } from './mentions';
import { useMeId } from './use-me-id.hook';
import { useOutbox } from './use-outbox.hook';
import { useTypingEmitter } from './use-typing-emitter.hook';

interface ComposerOptions {
  room: Chatroom;
  replyTo: Message | null;
  textarea: RefObject<HTMLTextAreaElement | null>;
  onSent(): void;
  onCancelReply(): void;
  /** ArrowUp in an empty composer edits my last message, as in Discord. */
  onEditLast(): void;
}

/**
 * The composer's text is the room's draft; sending puts the message into the outbox,
 * which shows it as pending at once and delivers it as soon as there is a connection.
 */
export function useComposer({ room, replyTo, textarea, onSent, onCancelReply, onEditLast }: ComposerOptions) {
  const meId = useMeId();
  const outbox = useOutbox();
  const drafts = draftsFor(meId);
  const typing = useTypingEmitter(room.id);
  const [text, setText] = useState(() => drafts.get(room.id));
  const [caret, setCaret] = useState(() => text.length);
  const [activeIndex, setActiveIndex] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  const mention = mentionQueryAt(text, caret);
  const suggestions = useMemo<PublicUser[]>(() => {
    if (!mention || mention.start === dismissedAt) return [];
    return room.participants
      .map((p) => p.user)
      .filter((u) => u.id !== meId && matchesMention(u, mention.query))
      .slice(0, 6);
  }, [mention, dismissedAt, room.participants, meId]);

  const update = (value: string, caretAt: number): void => {
    setText(value);
    setCaret(caretAt);
    setActiveIndex(0);
    drafts.set(room.id, value);
    typing.onInput(value);
  };

  const pick = (user: PublicUser): void => {
    if (!mention) return;
    const insert = `@${user.handle} `;
    const value = text.slice(0, mention.start) + insert + text.slice(caret);
    const at = mention.start + insert.length;
    update(value, at);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(at, at));
  };

  const tooLong = text.length > MESSAGE_MAX_LENGTH;

  const submit = (): void => {
    const content = text.trim();
    if (!content || tooLong) return;
    outbox.add({ client_id: newClientId(), chatroom_id: room.id, content, reply_to_id: replyTo?.id ?? null });
    update('', 0);
    typing.stop();
    onSent();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (suggestions.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActiveIndex((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(suggestions[Math.min(activeIndex, suggestions.length - 1)]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(mention?.start ?? null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === 'ArrowUp' && text === '') {
      event.preventDefault();
      onEditLast();
    } else if (event.key === 'Escape' && replyTo) {
      event.preventDefault();
      onCancelReply();
    }
  };

  return {
    text,
    change: (value: string, caretAt: number) => update(value, caretAt),
    moveCaret: setCaret,
    submit,
    onKeyDown,
    onBlur: typing.stop,
    tooLong,
    remaining: MESSAGE_MAX_LENGTH - text.length,
    suggestions,
    activeIndex,
    pick,
  };
}
