import { type Chatroom, MESSAGE_MAX_LENGTH, type Message, type PublicUser } from '@discordgym/contracts';
import { type ClipboardEvent, type KeyboardEvent, type RefObject, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { newClientId } from '../../../lib/storage/client-id';
import { type EmojiShortcode, loadEmojiIndex } from '../api/emoji-data';
import { draftsFor } from '../api/draft.store';
import { saveFiles } from '../api/attachment-blobs';
import { sendableName } from '../api/attachment-files';
import { pendingFiles } from '../api/pending-files.store';
import { convertTypedShortcode, replaceShortcodes, searchShortcodes, shortcodeQueryAt } from './emoji-shortcodes';
import { matchesMention, mentionQueryAt } from './mentions';
import { useMeId } from './use-me-id.hook';
import { useOutbox } from './use-outbox.hook';
import { useEmojiIndex } from './use-emoji-index.hook';
import { useTypingEmitter } from './use-typing-emitter.hook';
import { filesOf, usePendingFiles } from './use-pending-files.hook';

/** A complete `:shortcode:` somewhere in the text. */
const SHORTCODE = /:[\w+-]+:/;

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
  const files = usePendingFiles(room.id);
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

  // `:fla` suggests emoji by shortcode; the index loads the first time a colon is typed.
  const emojiIndex = useEmojiIndex(text.includes(':'));
  const shortcode = mention ? null : shortcodeQueryAt(text, caret);
  const shortcodeStart = shortcode?.start ?? null;
  const shortcodeQuery = shortcode?.query ?? '';
  const emojiSuggestions = useMemo<EmojiShortcode[]>(
    () => (shortcodeStart === null || !emojiIndex || shortcodeStart === dismissedAt ? [] : searchShortcodes(emojiIndex, shortcodeQuery)),
    [shortcodeStart, shortcodeQuery, emojiIndex, dismissedAt],
  );
  const optionCount = suggestions.length || emojiSuggestions.length;

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

  const pickEmoji = (entry: EmojiShortcode): void => {
    if (!shortcode) return;
    const insert = `${entry.emoji} `;
    const value = text.slice(0, shortcode.start) + insert + text.slice(caret);
    const at = shortcode.start + insert.length;
    update(value, at);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(at, at));
  };

  /** Typing: a `:shortcode:` completed at the caret turns into its emoji at once. */
  const change = (value: string, caretAt: number): void => {
    const converted = emojiIndex && value.length > text.length ? convertTypedShortcode(value, caretAt, emojiIndex) : null;
    if (!converted) return update(value, caretAt);
    update(converted.value, converted.caret);
    caretAfterRender.current = converted.caret;
  };
  // Put back before the next keystroke, not a frame later, or fast typing lands behind the caret.
  const caretAfterRender = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretAfterRender.current === null) return;
    textarea.current?.setSelectionRange(caretAfterRender.current, caretAfterRender.current);
    caretAfterRender.current = null;
  });

  const tooLong = text.length > MESSAGE_MAX_LENGTH;
  const sending = useRef<Promise<unknown>>(Promise.resolve());

  const submit = (): void => {
    const raw = text.trim();
    if ((!raw && !pendingFiles.get(room.id).files.length) || tooLong) return;
    const message = { client_id: newClientId(), chatroom_id: room.id, reply_to_id: replyTo?.id ?? null };
    // Files go with it: their bytes into IndexedDB (so a reload offline keeps them), their names into the outbox.
    const taken = pendingFiles.take(room.id);
    const attachments = taken.map((f) => ({ name: sendableName(f.file.name), type: f.type, size: f.file.size }));
    const withFiles = attachments.length ? { attachments, files_id: message.client_id } : {};
    const saved = taken.length ? saveFiles(meId, message.client_id, taken.map((f) => f.file)) : Promise.resolve();
    // A pasted ":thumbsup:" sent before the shortcode index has arrived still converts: the send
    // waits for the index (or its failure, offline), and later sends queue behind it in order.
    const content: Promise<string> = emojiIndex
      ? Promise.resolve(replaceShortcodes(raw, emojiIndex))
      : SHORTCODE.test(raw)
        ? loadEmojiIndex().then((index) => replaceShortcodes(raw, index), () => raw)
        : Promise.resolve(raw);
    sending.current = sending.current
      .then(() => Promise.all([content, saved]))
      .then(([converted]) => outbox.add({ ...message, content: converted, ...withFiles }));
    update('', 0);
    typing.stop();
    onSent();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (optionCount) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActiveIndex((i) => (i + step + optionCount) % optionCount);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const at = Math.min(activeIndex, optionCount - 1);
        if (suggestions.length) pick(suggestions[at]!);
        else pickEmoji(emojiSuggestions[at]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(mention?.start ?? shortcode?.start ?? null);
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

  /** A pasted image or file joins the message; pasted text goes in as always. */
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>): void => {
    const pasted = filesOf(event.clipboardData);
    if (!pasted.length) return;
    files.add(pasted);
    if (!event.clipboardData.types.includes('text/plain')) event.preventDefault();
  };

  return {
    text,
    files,
    onPaste,
    canSend: (text.trim() !== '' || files.files.length > 0) && !tooLong,
    change,
    moveCaret: setCaret,
    submit,
    onKeyDown,
    onBlur: typing.stop,
    tooLong,
    remaining: MESSAGE_MAX_LENGTH - text.length,
    suggestions,
    activeIndex,
    pick,
    emojiSuggestions,
    pickEmoji,
  };
}
