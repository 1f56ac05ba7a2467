import type { Chatroom, Message, PublicUser } from '@discordgym/contracts';
import { type KeyboardEvent, useState } from 'react';
import { Icon } from '../../../components/icon.component';
import { IconButton } from '../../../components/icon-button.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { formatDateTime, formatTime } from '../../../lib/format/date.format';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useBlockedIds } from '../../friends/hooks/use-friends.hook';
import type { MessageActions } from '../hooks/message-actions.types';
import { PersonButton } from '../../people/components/person-button.component';
import { authorOf, displayName } from '../hooks/room-view';
import { useMessageTimeLabel } from '../hooks/use-message-time-label.hook';
import type { TimelineItem } from '../hooks/use-room-timeline.hook';
import { EmojiPicker } from './emoji-picker.component';
import { MessageCardView } from './message-card.component';
import { MessageAttachments } from './message-attachments.component';
import { OutboxAttachments } from './outbox-attachments.component';
import { outboxFailureText } from '../hooks/attachment-failure';
import { MessageContent } from './message-content.component';
import { MessageEditor } from './message-editor.component';
import { ReactionBar } from './reaction-bar.component';


export interface MessageItemProps {
  item: TimelineItem;
  room: Chatroom;
  me: PublicUser | null;
  /** First of a run by one sender: shows avatar, name and time. */
  header: boolean;
  /** The message replied to: a Message when loaded, null when not (any more) on screen. */
  parent: Message | null | undefined;
  editing: boolean;
  savingEdit: boolean;
  highlighted: boolean;
  connected: boolean;
  canModerate: boolean;
  actions: MessageActions;
}

/**
 * One message, Discord-style. The action bar appears on hover and whenever the message
 * (or anything in it) has keyboard focus; with the message focused, R replies, E edits,
 * Delete deletes and + reacts.
 */
export function MessageItem({ item, room, me, header, parent, editing, savingEdit, highlighted, connected, canModerate, actions }: MessageItemProps) {
  const { t, locale, errors } = useChatI18n();
  const timeLabel = useMessageTimeLabel();
  // Which way the emoji picker opens: away from the nearer edge of the window.
  const [picking, setPicking] = useState<'up' | 'down' | null>(null);
  const openPicker = (anchor: Element | null): void =>
    setPicking((open) => (open ? null : anchor && anchor.getBoundingClientRect().top > window.innerHeight / 2 ? 'up' : 'down'));
  const meId = me?.id ?? '';

  const message = item.kind === 'message' ? item.message : null;
  const entry = item.kind === 'outbox' ? item.entry : null;
  const senderId = message?.sender_id ?? meId;
  const sender = senderId === meId || !message ? me : authorOf(room, message);
  const name = sender ? displayName(sender) : t('chat.unknownUser');
  const createdAt = message?.created_at ?? entry!.created_at;
  const content = message?.content ?? entry!.content;
  const deleted = message?.deleted_at != null;
  const mentionsMe = message ? message.mentions.includes(meId) : false;
  const replyToId = message?.reply_to_id ?? entry?.reply_to_id ?? null;
  const status = entry ? entry.status : 'sent';
  const mine = senderId === meId;
  // Someone I blocked, in a group we still share: collapsed unless I ask to see it.
  const blockedIds = useBlockedIds();
  const [revealed, setRevealed] = useState(false);
  const blockedSender = room.is_group && message !== null && !mine && blockedIds.has(senderId);

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>): void => {
    if (event.target !== event.currentTarget || !message || deleted || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'r') actions.reply(message);
    else if (key === 'e' && mine) actions.edit(message);
    else if ((key === 'delete' || key === 'backspace') && (mine || canModerate)) actions.remove(message, event.shiftKey);
    else if (key === '+') openPicker(event.currentTarget);
    else return;
    event.preventDefault();
  };

  if (blockedSender && !revealed) {
    return (
      <li data-testid="message-blocked" data-message-item="" tabIndex={-1} data-message-id={message.id} className={`px-4 py-0.5 pl-[4.5rem] ${header ? 'mt-[1.0625rem]' : ''}`}>
        <p className="flex items-center gap-2 text-sm text-fg-subtle italic">
          <Icon name="alert" className="size-3.5" />
          {t('chat.blockedMessage')} —
          <button type="button" className="font-medium text-link not-italic hover:underline" onClick={() => setRevealed(true)}>
            {t('chat.blockedShow')}
          </button>
        </p>
      </li>
    );
  }

  return (
    <li
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="message"
      data-message-item=""
      data-message-id={message?.id}
      data-client-id={message?.client_id ?? entry?.client_id}
      data-status={status}
      data-seq={message?.seq}
      className={`group relative px-4 py-0.5 pr-12 focus:outline-none focus-visible:bg-surface-800/60 focus-visible:shadow-[inset_2px_0_0_var(--color-focus)] ${header ? 'mt-[1.0625rem]' : ''} ${
        highlighted ? 'bg-brand-soft' : mentionsMe ? 'border-l-2 border-warning bg-warning/10 hover:bg-warning/15' : 'hover:bg-surface-800/40'
      }`}
    >
      {replyToId && <ReplyPreview parent={parent} room={room} me={me} onJump={actions.jumpTo} />}
      <div className="flex gap-4">
        {header ? (
          <UserAvatar name={name} avatar={sender?.avatar ?? null} className="mt-0.5" />
        ) : (
          <time
            dateTime={createdAt}
            aria-hidden="true"
            className="invisible w-10 shrink-0 text-right text-[11px] leading-[1.375rem] whitespace-nowrap text-fg-subtle group-focus-within:visible group-hover:visible"
          >
            {formatTime(createdAt, locale)}
          </time>
        )}
        <div className={`min-w-0 flex-1 ${status !== 'sent' ? 'opacity-70' : ''}`}>
          {header ? (
            <h3 className="flex flex-wrap items-baseline gap-x-2">
              {sender ? (
                <PersonButton user={sender} className="font-medium text-fg" testId="message-author">
                  {name}
                </PersonButton>
              ) : (
                <span className="font-medium text-fg" data-testid="message-author">
                  {name}
                </span>
              )}
              <time dateTime={createdAt} title={formatDateTime(createdAt, locale)} className="text-xs text-fg-subtle">
                {timeLabel(createdAt)}
              </time>
            </h3>
          ) : (
            <span className="sr-only">{name}</span>
          )}
          {deleted ? (
            <p className="text-[15px] text-fg-subtle italic" data-testid="message-deleted">
              {t('chat.deleted')}
            </p>
          ) : editing && message ? (
            <MessageEditor initial={message.content} pending={savingEdit} onSave={(c) => actions.saveEdit(message, c)} onCancel={actions.cancelEdit} />
          ) : (
            <div data-testid="message-content">
              {content.trim() !== '' && <MessageContent content={content} room={room} meHandle={me?.handle ?? null} />}
              {message?.card && <MessageCardView card={message.card} />}
              {message?.attachments?.length ? <MessageAttachments roomId={room.id} attachments={message.attachments} /> : null}
              {entry?.attachments?.length ? <OutboxAttachments entry={entry} userId={meId} /> : null}
              {message?.edited_at && (
                <span className="text-[11px] text-fg-subtle" title={formatDateTime(message.edited_at, locale)} data-testid="message-edited">
                  {' '}
                  {t('chat.edited')}
                </span>
              )}
              {blockedSender && (
                <button type="button" className="ml-2 text-[11px] text-link hover:underline" onClick={() => setRevealed(false)}>
                  {t('chat.blockedHide')}
                </button>
              )}
            </div>
          )}
          {message && !deleted && <ReactionBar message={message} meId={meId} room={room} onToggle={(emoji) => actions.react(message, emoji)} />}
          {entry && entry.status === 'pending' && (
            <p className="mt-0.5 flex items-center gap-1 text-xs text-fg-subtle" data-testid="message-pending">
              <Icon name="clock" className="size-3.5" />
              {connected ? t('chat.pending') : t('chat.pendingOffline')}
            </p>
          )}
          {entry && entry.status === 'failed' && (
            <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-[#fa777c]" role="alert">
              <Icon name="alert" className="size-3.5" />
              {t('chat.failed', { reason: outboxFailureText(entry, t, errors) })}
              <button type="button" className="font-medium text-link hover:underline" onClick={() => actions.retry(entry)}>
                {t('chat.retry')}
              </button>
              <button type="button" className="font-medium text-link hover:underline" onClick={() => actions.discard(entry)}>
                {t('chat.discard')}
              </button>
            </p>
          )}
        </div>
      </div>

      {message && !deleted && !editing && (
        <div
          role="toolbar"
          aria-label={t('chat.actions')}
          className="absolute -top-4 right-4 z-10 flex rounded-md border border-surface-950/50 bg-surface-700 opacity-0 shadow-md group-focus-within:opacity-100 group-hover:opacity-100 has-[[aria-expanded=true]]:opacity-100"
        >
          <IconButton icon="smile" size="sm" label={t('chat.react')} aria-expanded={picking !== null} onClick={(e) => openPicker(e.currentTarget)} />
          <IconButton icon="reply" size="sm" label={t('chat.reply')} onClick={() => actions.reply(message)} />
          {mine && <IconButton icon="edit" size="sm" label={t('chat.edit')} onClick={() => actions.edit(message)} />}
          {(mine || canModerate) && (
            <IconButton icon="trash" size="sm" tone="danger" label={t('chat.delete')} onClick={(e) => actions.remove(message, e.shiftKey)} />
          )}
          {actions.openMenu && (
            <IconButton icon="more" size="sm" label={t('chat.more')} aria-haspopup="menu" data-testid="message-more" onClick={(e) => actions.openMenu?.(message, e.currentTarget)} />
          )}
          {picking && (
            <EmojiPicker
              label={t('chat.pickEmoji')}
              className={`absolute right-0 ${picking === 'up' ? 'bottom-9' : 'top-9'}`}
              onClose={() => setPicking(null)}
              onPick={(emoji) => {
                setPicking(null);
                actions.react(message, emoji);
              }}
            />
          )}
        </div>
      )}
    </li>
  );
}

function ReplyPreview({ parent, room, me, onJump }: { parent: Message | null | undefined; room: Chatroom; me: PublicUser | null; onJump(id: string): void }) {
  const { t } = useChatI18n();
  const author = parent ? (parent.sender_id === me?.id ? me : authorOf(room, parent)) : undefined;
  const authorName = author ? displayName(author) : t('chat.unknownUser');
  const text = !parent ? t('chat.originalNotLoaded') : parent.deleted_at ? t('chat.originalDeleted') : parent.content.replace(/\s+/g, ' ');
  return (
    <div className="relative mb-0.5 ml-14 flex min-w-0 items-center gap-1.5 text-sm" data-testid="reply-preview">
      <span aria-hidden="true" className="absolute top-1/2 -left-9 h-2.5 w-8 rounded-tl-md border-t-2 border-l-2 border-surface-400" />
      {parent ? (
        <button
          type="button"
          onClick={() => onJump(parent.id)}
          aria-label={t('chat.replyTo', { name: authorName, text })}
          className="flex min-w-0 items-center gap-1.5 text-left text-fg-subtle hover:text-fg"
        >
          <UserAvatar name={authorName} avatar={author?.avatar ?? null} size="sm" className="size-4! text-[9px]!" />
          <span className="shrink-0 font-medium text-fg-muted">@{authorName}</span>
          <span className="truncate">{text}</span>
        </button>
      ) : (
        <span className="truncate text-fg-subtle italic">{text}</span>
      )}
    </div>
  );
}
