import type { Chatroom } from '@discordgym/contracts';
import type { KeyboardEvent, ReactNode } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { SEEN_BY_NAMES, type SeenMarker } from '../hooks/read-receipts';
import { displayName, roomTitle } from '../hooks/room-view';
import type { useChatRoom } from '../hooks/use-chat-room.hook';
import { useDayLabel } from '../hooks/use-message-time-label.hook';
import { useMessageMenu } from '../hooks/use-message-menu.hook';
import { useRovingMessages } from '../hooks/use-roving-messages.hook';
import { Menu } from '../../../components/menu.component';
import { RoomAvatar } from './room-avatar.component';
import { MessageItem } from './message-item.component';
import { SystemMessage } from './system-message.component';
import { UnreadBar } from './unread-bar.component';

type ChatRoomState = ReturnType<typeof useChatRoom>;

/** Arrow keys walk the messages; Home / End go to the oldest loaded and the newest. */
function onListKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
  const target = event.target as HTMLElement;
  const isItem = target.hasAttribute('data-message-item');
  if (!isItem && target !== event.currentTarget) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-message-item]')];
  if (!items.length) return;
  const index = items.indexOf(target);
  let next: HTMLElement | undefined;
  if (event.key === 'ArrowUp') next = index === -1 ? items.at(-1) : items[Math.max(0, index - 1)];
  else if (event.key === 'ArrowDown') next = index === -1 ? items.at(-1) : items[Math.min(items.length - 1, index + 1)];
  else if (event.key === 'Home' && isItem) next = items[0];
  else if (event.key === 'End' && isItem) next = items.at(-1);
  if (!next) return;
  event.preventDefault();
  next.focus();
}

export function MessageList({ room, state }: { room: Chatroom; state: ChatRoomState }) {
  const { t, describeError } = useChatI18n();
  const dayLabel = useDayLabel();
  const { timeline, scroller, laidOut, me, meId } = state;
  const title = roomTitle(room, meId, t('chat.unnamedGroup'));
  // One tab stop for the whole list; a context menu on every message.
  useRovingMessages(scroller.ref);
  const menu = useMessageMenu(room, timeline.messages, meId, state.canModerate, state.actions);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    menu.onKeyDown(event);
    // ↑ on the oldest loaded message (or Home) pages back, as scrolling to the top would.
    const first = event.currentTarget.querySelector('[data-message-item]');
    if (!event.defaultPrevented && (event.key === 'ArrowUp' || event.key === 'Home') && event.target === first && timeline.hasOlder && !timeline.loadingOlder) {
      void timeline.fetchOlder();
    }
    if (!event.defaultPrevented) onListKeyDown(event);
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {state.unreadBar && !timeline.isPending && <UnreadBar bar={state.unreadBar} />}
      <div
        ref={scroller.ref}
        onScroll={scroller.onScroll}
        onKeyDown={onKeyDown}
        onContextMenu={menu.onContextMenu}
        tabIndex={0}
        role="log"
        aria-label={t('chat.messagesLabel', { room: title })}
        data-testid="message-list"
        className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none] focus-visible:outline-offset-[-2px]"
      >
        <div className="flex min-h-full flex-col justify-end pb-4">
          {timeline.isPending && (
            <p className="px-4 py-6 text-center text-sm text-fg-subtle" role="status">
              {t('app.loading')}
            </p>
          )}
          {timeline.error && (
            <div className="flex flex-col items-center gap-3 px-4 py-6">
              <Alert tone="error">{describeError(timeline.error)}</Alert>
              <Button variant="secondary" onClick={() => void timeline.refetch()}>
                {t('error.retry')}
              </Button>
            </div>
          )}
          {!timeline.isPending && !timeline.error && (
            <>
              {timeline.hasOlder ? (
                <div className="flex justify-center py-3">
                  {timeline.loadingOlder ? (
                    <p className="text-sm text-fg-subtle" role="status">
                      {t('chat.loadingOlder')}
                    </p>
                  ) : (
                    <Button variant="ghost" onClick={() => void timeline.fetchOlder()}>
                      {t('chat.loadOlder')}
                    </Button>
                  )}
                </div>
              ) : (
                <RoomBeginning room={room} title={title} />
              )}
              {timeline.olderError != null && (
                <Alert tone="error" className="mx-4 mb-2">
                  {describeError(timeline.olderError)}
                </Alert>
              )}
              <ol className="flex flex-col" data-testid="messages">
                {laidOut.map(({ item, header, dayStart }) => {
                  const replyTo = item.kind === 'message' ? item.message.reply_to_id : item.entry.reply_to_id;
                  if (item.kind === 'message' && item.message.system) {
                    return (
                      <Row key={item.key} dayStart={dayStart} dayLabel={dayStart ? dayLabel(dayStart) : ''} unread={false}>
                        <SystemMessage room={room} message={item.message} />
                      </Row>
                    );
                  }
                  return (
                    <Row key={item.key} dayStart={dayStart} dayLabel={dayStart ? dayLabel(dayStart) : ''} unread={item.key === state.firstUnreadKey}>
                      <MessageItem
                        item={item}
                        room={room}
                        me={me}
                        header={header}
                        parent={state.parentOf(replyTo)}
                        editing={item.kind === 'message' && state.editingId === item.message.id}
                        savingEdit={state.savingEdit}
                        highlighted={item.kind === 'message' && scroller.highlight === item.message.id}
                        connected={state.connected}
                        canModerate={state.canModerate}
                        actions={menu.actions}
                      />
                      {state.seen && item.kind === 'message' && state.seen.messageId === item.message.id && <SeenLine marker={state.seen} />}
                    </Row>
                  );
                })}
              </ol>
            </>
          )}
        </div>
      </div>
      {menu.target && <Menu label={t('chat.actions')} items={menu.entries} at={menu.target.at} opener={menu.target.opener} onClose={menu.close} testId="message-menu" />}
      <div role="status" className="pointer-events-none absolute inset-x-0 bottom-12 flex justify-center">
        {menu.notice && <span className="rounded-md bg-surface-950 px-3 py-1.5 text-sm text-fg shadow-lg">{menu.notice}</span>}
      </div>
      {!scroller.atBottom && !timeline.isPending && (
        <button
          type="button"
          onClick={scroller.scrollToBottom}
          className="absolute right-4 bottom-3 z-20 rounded-full bg-brand px-3 py-1 text-xs font-semibold text-white shadow-lg hover:bg-brand-hover"
        >
          {t('chat.jumpToPresent')}
        </button>
      )}
    </div>
  );
}

/** "Seen" (DM) or "Seen by A, B +3" (group) under the message it is about; all names in the tooltip. */
function SeenLine({ marker }: { marker: SeenMarker }) {
  const { t } = useChatI18n();
  let text = t('chat.seen');
  let full = text;
  if (marker.kind === 'group') {
    const names = marker.readers.map(displayName);
    const shown = names.slice(0, SEEN_BY_NAMES).join(', ');
    const more = names.length - SEEN_BY_NAMES;
    text = more > 0 ? t('chat.seenByMore', { names: shown, count: more }) : t('chat.seenBy', { names: shown });
    full = t('chat.seenBy', { names: names.join(', ') });
  }
  return (
    <li data-testid="seen" title={full} className="truncate pr-12 pl-18 text-[11px] leading-4 text-fg-subtle">
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{full}</span>
    </li>
  );
}

function Row({ dayStart, dayLabel, unread, children }: { dayStart: string | null; dayLabel: string; unread: boolean; children: ReactNode }) {
  const { t } = useChatI18n();
  if (!dayStart && !unread) return children;
  return (
    <>
      {dayStart && (
        <li data-testid="day-separator">
          <div role="separator" aria-label={dayLabel} className="mx-4 mt-5 mb-1 flex items-center gap-2">
            <span aria-hidden="true" className="h-px flex-1 bg-surface-500" />
            <span aria-hidden="true" className="text-xs font-semibold text-fg-subtle">
              {dayLabel}
            </span>
            <span aria-hidden="true" className="h-px flex-1 bg-surface-500" />
          </div>
        </li>
      )}
      {unread && (
        <li data-testid="new-messages">
          <div role="separator" aria-label={t('chat.newMessages')} className="relative mx-4 mt-4 mb-1 h-0 border-t border-danger">
            <span aria-hidden="true" className="absolute -top-2 right-0 rounded-sm bg-danger px-1 text-[10px] leading-4 font-bold text-white uppercase">
              {t('chat.newBadge')}
            </span>
          </div>
        </li>
      )}
      {children}
    </>
  );
}

function RoomBeginning({ room, title }: { room: Chatroom; title: string }) {
  const { t } = useChatI18n();
  return (
    <div className="px-4 pt-8 pb-2">
      <RoomAvatar room={room} size="md" ring="700" />
      <h2 className="mt-3 text-2xl font-bold text-fg">{title}</h2>
      <p className="mt-1 text-fg-subtle">{room.is_group ? t('chat.beginningGroup', { name: title }) : t('chat.beginningDm', { name: title })}</p>
    </div>
  );
}
