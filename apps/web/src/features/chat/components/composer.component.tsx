import type { Chatroom, Message } from '@discordgym/contracts';
import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../../../components/icon.component';
import { IconButton } from '../../../components/icon-button.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { authorOf, displayName, roomTitle } from '../hooks/room-view';
import { useComposer } from '../hooks/use-composer.hook';
import { useMeId } from '../hooks/use-me-id.hook';
import { EmojiPicker } from './emoji-picker.component';
import { PendingAttachments } from './pending-attachments.component';
import { TypingIndicator } from './typing-indicator.component';

interface ComposerProps {
  room: Chatroom;
  replyTo: Message | null;
  textarea: RefObject<HTMLTextAreaElement | null>;
  onCancelReply(): void;
  onSent(): void;
  onEditLast(): void;
}

export function Composer({ room, replyTo, textarea, onCancelReply, onSent, onEditLast }: ComposerProps) {
  const { t } = useChatI18n();
  const meId = useMeId();
  const composer = useComposer({ room, replyTo, textarea, onSent, onCancelReply, onEditLast });
  const [picking, setPicking] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const listId = useId();
  const hintId = useId();
  const title = roomTitle(room, meId, t('chat.unnamedGroup'));
  const placeholder = room.is_group ? t('chat.composerPlaceholderGroup', { name: title }) : t('chat.composerPlaceholderDm', { name: title });
  const replyAuthor = replyTo ? authorOf(room, replyTo) : undefined;
  const open = composer.suggestions.length > 0 || composer.emojiSuggestions.length > 0;
  const hasFiles = composer.files.files.length > 0 || composer.files.notice !== null;

  // Grows with its text up to a limit, then scrolls.
  useEffect(() => {
    const el = textarea.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
  }, [composer.text, textarea]);

  const insertEmoji = (emoji: string): void => {
    const el = textarea.current;
    const start = el?.selectionStart ?? composer.text.length;
    const end = el?.selectionEnd ?? start;
    const value = composer.text.slice(0, start) + emoji + composer.text.slice(end);
    composer.change(value, start + emoji.length);
    setPicking(false);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  return (
    <div className="shrink-0 px-4">
      {replyTo && (
        <div className="flex items-center justify-between gap-2 rounded-t-lg bg-surface-800 px-4 py-1.5 text-sm text-fg-muted" data-testid="reply-bar">
          <span className="truncate">{t('chat.replyingTo', { name: replyAuthor ? displayName(replyAuthor) : t('chat.unknownUser') })}</span>
          <IconButton icon="close" size="sm" label={t('chat.cancelReply')} onClick={onCancelReply} className="size-6!" />
        </div>
      )}
      <PendingAttachments
        files={composer.files.files}
        notice={composer.files.notice}
        onRemove={(id) => {
          composer.files.remove(id);
          textarea.current?.focus();
        }}
        onDismissNotice={composer.files.dismissNotice}
        flushTop={replyTo !== null}
      />
      <div className="relative">
        {composer.emojiSuggestions.length > 0 && (
          <ul
            id={listId}
            role="listbox"
            aria-label={t('chat.emojiSuggestions')}
            data-testid="emoji-suggestions"
            className="absolute right-0 bottom-full left-0 z-20 mb-2 rounded-lg bg-surface-850 p-1.5 shadow-xl"
          >
            {composer.emojiSuggestions.map((entry, i) => (
              <li
                key={entry.shortcode}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === composer.activeIndex}
                onMouseDown={(e) => {
                  e.preventDefault();
                  composer.pickEmoji(entry);
                }}
                className={`flex cursor-pointer items-center gap-2 rounded-[4px] px-2 py-1.5 ${i === composer.activeIndex ? 'bg-surface-600 text-fg' : 'text-fg-muted'}`}
              >
                <span aria-hidden="true" className="w-6 text-center text-xl">
                  {entry.emoji}
                </span>
                <span className="font-medium">:{entry.shortcode}:</span>
                <span className="truncate text-xs text-fg-subtle">{entry.name}</span>
              </li>
            ))}
          </ul>
        )}
        {composer.suggestions.length > 0 && (
          <ul
            id={listId}
            role="listbox"
            aria-label={t('chat.mentionSuggestions')}
            className="absolute right-0 bottom-full left-0 z-20 mb-2 rounded-lg bg-surface-850 p-1.5 shadow-xl"
          >
            {composer.suggestions.map((user, i) => (
              <li
                key={user.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === composer.activeIndex}
                onMouseDown={(e) => {
                  e.preventDefault();
                  composer.pick(user);
                }}
                className={`flex cursor-pointer items-center gap-2 rounded-[4px] px-2 py-1.5 ${i === composer.activeIndex ? 'bg-surface-600 text-fg' : 'text-fg-muted'}`}
              >
                <UserAvatar name={displayName(user)} avatar={user.avatar} size="sm" className="size-6! text-xs!" />
                <span className="font-medium">{displayName(user)}</span>
                <span className="text-xs text-fg-subtle">{user.handle}</span>
              </li>
            ))}
          </ul>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            composer.submit();
          }}
          className={`flex items-end gap-1 bg-surface-600 py-1 pr-1.5 pl-1 focus-within:ring-1 focus-within:ring-brand/70 ${replyTo || hasFiles ? 'rounded-b-lg' : 'rounded-lg'}`}
        >
          <IconButton icon="paperclip" label={t('chat.attach')} onClick={() => fileInput.current?.click()} className="mb-0.5" data-testid="attach-button" />
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            tabIndex={-1}
            data-testid="attach-input"
            onChange={(e) => {
              composer.files.add([...(e.currentTarget.files ?? [])]);
              // The same file may be picked again after it was removed.
              e.currentTarget.value = '';
              textarea.current?.focus();
            }}
          />
          <div className="relative">
            <IconButton icon="smile" label={t('chat.insertEmoji')} aria-expanded={picking} onClick={() => setPicking((p) => !p)} className="mb-0.5" />
            {picking && <EmojiPicker label={t('chat.pickEmoji')} className="absolute bottom-11 left-0" onPick={insertEmoji} onClose={() => setPicking(false)} />}
          </div>
          <textarea
            ref={textarea}
            rows={1}
            value={composer.text}
            placeholder={placeholder}
            aria-label={t('chat.composerLabel', { room: title })}
            aria-describedby={hintId}
            aria-invalid={composer.tooLong || undefined}
            role={open ? 'combobox' : undefined}
            aria-expanded={open ? true : undefined}
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open ? `${listId}-${composer.activeIndex}` : undefined}
            aria-autocomplete={open ? 'list' : undefined}
            data-testid="composer"
            onChange={(e) => composer.change(e.target.value, e.target.selectionStart)}
            onSelect={(e) => composer.moveCaret(e.currentTarget.selectionStart)}
            onKeyDown={composer.onKeyDown}
            onPaste={composer.onPaste}
            onBlur={composer.onBlur}
            className="max-h-[200px] min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-[15px] leading-6 text-fg placeholder:text-fg-subtle focus-visible:outline-none"
          />
          <button
            type="submit"
            aria-label={t('chat.send')}
            title={t('chat.send')}
            disabled={!composer.canSend}
            className="mb-0.5 flex size-9 shrink-0 items-center justify-center rounded-[4px] text-fg-muted enabled:hover:bg-brand enabled:hover:text-white disabled:opacity-40"
          >
            <Icon name="send" />
          </button>
        </form>
      </div>
      <p id={hintId} className="sr-only">
        {t('chat.composerHint')}
      </p>
      {composer.tooLong ? (
        <p className="h-6 px-4 text-xs text-[#fa777c]" role="alert">
          {t('chat.tooLong', { count: -composer.remaining })}
        </p>
      ) : (
        <TypingIndicator room={room} />
      )}
    </div>
  );
}
