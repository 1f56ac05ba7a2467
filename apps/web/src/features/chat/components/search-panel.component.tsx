import type { Chatroom, Message, SearchSnippet } from '@discordgym/contracts';
import { useId, useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Icon } from '../../../components/icon.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { splitMentions } from '../hooks/mentions';
import { authorOf, displayName, roomTitle } from '../hooks/room-view';
import { useMeId } from '../hooks/use-me-id.hook';
import { useMessageTimeLabel } from '../hooks/use-message-time-label.hook';
import { useRooms } from '../hooks/use-rooms.hook';
import { useMessageSearch } from '../hooks/use-search.hook';

/** Full-text search in this room or in all of mine; picking a result jumps to the message. */
export function SearchPanel({ roomId, onPick }: { roomId: string | null; onPick(message: Message): void }) {
  const { t, describeError } = useChatI18n();
  const meId = useMeId();
  const timeLabel = useMessageTimeLabel();
  const rooms = useRooms().data?.items ?? [];
  const [text, setText] = useState('');
  const [scope, setScope] = useState<'room' | 'all'>(roomId ? 'room' : 'all');
  const search = useMessageSearch(text, scope === 'room' ? roomId : null);
  const inputId = useId();
  const { items, total } = search;

  return (
    <section aria-labelledby={`${inputId}-title`} className="flex h-full flex-col" data-testid="search-panel">
      <div className="flex flex-col gap-2 px-4 pt-4">
        <h2 id={`${inputId}-title`} className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">
          {t('chat.searchTitle')}
        </h2>
        <div className="relative">
          <label htmlFor={inputId} className="sr-only">
            {t('chat.searchLabel')}
          </label>
          <input
            id={inputId}
            type="search"
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            placeholder={t('chat.searchLabel')}
            aria-describedby={`${inputId}-filters`}
            className="h-9 w-full rounded-[4px] bg-surface-900 pr-8 pl-2 text-sm text-fg placeholder:text-fg-subtle"
          />
          {!text && <Icon name="search" className="pointer-events-none absolute top-2 right-2 size-5 text-fg-subtle" />}
        </div>
        {roomId && (
          <fieldset className="grid grid-cols-2 gap-1 rounded-md bg-surface-900 p-1 text-xs font-medium">
            <legend className="sr-only">{t('chat.searchScope')}</legend>
            {(['room', 'all'] as const).map((value) => (
              <label
                key={value}
                className="cursor-pointer rounded-[4px] px-2 py-1.5 text-center text-fg-subtle hover:text-fg-muted has-checked:bg-surface-600 has-checked:text-fg has-focus-visible:outline-2 has-focus-visible:outline-focus"
              >
                <input type="radio" name={`${inputId}-scope`} value={value} checked={scope === value} onChange={() => setScope(value)} className="sr-only" />
                {value === 'room' ? t('chat.searchHere') : t('chat.searchAll')}
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <div className="mt-3 min-h-0 flex-1 overflow-y-auto px-2 pb-4" aria-live="polite">
        {search.error && <Alert tone="error">{describeError(search.error)}</Alert>}
        {!search.q && <p className="px-2 text-sm text-fg-subtle">{t('chat.searchHint')}</p>}
        <p id={`${inputId}-filters`} className={search.q ? 'sr-only' : 'px-2 pt-2 text-xs break-words text-fg-subtle'}>
          {t('chat.searchFilters')}
        </p>
        {search.q && search.isFetching && !search.data && (
          <p className="px-2 text-sm text-fg-subtle" role="status">
            {t('app.loading')}
          </p>
        )}
        {search.q && search.data && (
          <p className="px-2 pb-2 text-xs font-semibold text-fg-subtle uppercase" data-testid="search-total">
            {total === 0 ? t('chat.searchNone') : t(total === 1 ? 'chat.searchResults.one' : 'chat.searchResults.other', { count: total })}
          </p>
        )}
        <ul className="flex flex-col gap-1" data-testid="search-results">
          {items.map((message) => {
            const room = rooms.find((r) => r.id === message.chatroom_id);
            const author = authorOf(room, message);
            const name = author ? displayName(author) : t('chat.unknownUser');
            return (
              <li key={message.id}>
                <button
                  type="button"
                  onClick={() => onPick(message)}
                  aria-label={`${t('chat.jumpTo')}: ${name}, ${message.content}`}
                  className="flex w-full gap-2 rounded-md bg-surface-800 p-2 text-left hover:bg-surface-600"
                >
                  <UserAvatar name={name} avatar={author?.avatar ?? null} size="sm" />
                  <span className="min-w-0 flex-1">
                    <span className="flex flex-wrap items-baseline gap-x-2 text-sm">
                      <span className="font-medium text-fg">{name}</span>
                      <span className="text-xs text-fg-subtle">{timeLabel(message.created_at)}</span>
                    </span>
                    {scope === 'all' && room && <span className="block truncate text-xs text-fg-subtle">{roomTitle(room, meId, t('chat.unnamedGroup'))}</span>}
                    <Highlighted snippet={message.snippet} room={room} />
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {search.hasNextPage && (
          <div className="flex flex-col items-center gap-1 pt-3">
            <span className="text-xs text-fg-subtle">{t('chat.searchShown', { shown: items.length, total })}</span>
            <button
              type="button"
              onClick={() => void search.fetchNextPage()}
              disabled={search.isFetchingNextPage}
              className="rounded-md bg-surface-600 px-3 py-1.5 text-sm font-medium text-fg hover:bg-surface-500 disabled:opacity-60"
            >
              {search.isFetchingNextPage ? t('app.loading') : t('chat.searchMore')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

/** `@name#1234` as the person's name, as messages show it. */
const withNames = (text: string, room: Chatroom | undefined): string =>
  splitMentions(text)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      const user = room?.participants.find((p) => p.user.handle.toLowerCase() === part.handle.toLowerCase())?.user;
      return `@${user ? displayName(user) : part.handle}`;
    })
    .join('');

/** The server's snippet as text, its matches in <mark> (offsets, never HTML from the server). */
function Highlighted({ snippet, room }: { snippet: SearchSnippet; room: Chatroom | undefined }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    if (start < at || end <= start || end > snippet.text.length) continue;
    if (start > at) parts.push({ text: snippet.text.slice(at, start), marked: false });
    parts.push({ text: snippet.text.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), marked: false });
  return (
    <span className="line-clamp-3 block text-sm break-words text-fg-muted" data-testid="search-snippet">
      {parts.map((part, i) =>
        part.marked ? (
          <mark key={i} className="rounded-[2px] bg-warning/30 text-fg">
            {part.text}
          </mark>
        ) : (
          withNames(part.text, room)
        ),
      )}
    </span>
  );
}
