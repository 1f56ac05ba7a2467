import type { PublicUser } from '@discordgym/contracts';
import { useId, useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Icon } from '../../../components/icon.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { displayName } from '../hooks/room-view';
import { useMeId } from '../hooks/use-me-id.hook';
import { usePeopleSearch } from '../hooks/use-search.hook';

export interface PeoplePickerProps {
  /** The label of each result's button, e.g. "Add Ada" or "Message Ada". */
  actionLabel(name: string): string;
  onPick(user: PublicUser): void;
  /** Already chosen (shown as removable chips above the search). */
  selected?: readonly PublicUser[];
  onUnpick?(user: PublicUser): void;
  /** People who cannot be picked, e.g. members already in the group. */
  unavailable?: ReadonlySet<string>;
  busy?: boolean;
  autoFocus?: boolean;
}

/** Search people by name or handle and pick them, with the keyboard or the mouse. */
export function PeoplePicker({ actionLabel, onPick, selected = [], onUnpick, unavailable, busy = false, autoFocus = false }: PeoplePickerProps) {
  const { t, describeError } = useChatI18n();
  const meId = useMeId();
  const [text, setText] = useState('');
  const search = usePeopleSearch(text);
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const chosen = new Set(selected.map((u) => u.id));
  const results = (search.data?.items ?? []).filter((u) => u.id !== meId);

  return (
    <div className="flex flex-col gap-3">
      {selected.length > 0 && (
        <div>
          <p className="mb-1.5 text-xs font-bold tracking-wide text-fg-subtle uppercase">{t('chat.selected')}</p>
          <ul className="flex flex-wrap gap-1.5">
            {selected.map((user) => (
              <li key={user.id}>
                <button
                  type="button"
                  onClick={() => onUnpick?.(user)}
                  aria-label={t('chat.unselect', { name: displayName(user) })}
                  className="flex items-center gap-1.5 rounded-full bg-surface-900 py-0.5 pr-2 pl-0.5 text-sm text-fg hover:bg-surface-950"
                >
                  <UserAvatar name={displayName(user)} avatar={user.avatar} size="sm" className="size-6! text-xs!" />
                  {displayName(user)}
                  <Icon name="close" className="size-3.5" />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-col gap-2">
        <label htmlFor={inputId} className="text-xs font-bold tracking-wide text-fg-muted uppercase">
          {t('chat.findPeople')}
        </label>
        <input
          id={inputId}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={hintId}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus={autoFocus}
          className="h-10 w-full rounded-[4px] bg-surface-900 px-3 text-base text-fg placeholder:text-fg-subtle"
        />
        <p id={hintId} className="text-xs text-fg-subtle">
          {t('chat.findPeopleHint')}
        </p>
      </div>
      {search.error && <Alert tone="error">{describeError(search.error)}</Alert>}
      <div aria-live="polite" className="min-h-10">
        {search.q && search.isFetching && !search.data && (
          <p className="text-sm text-fg-subtle" role="status">
            {t('app.loading')}
          </p>
        )}
        {search.q && search.data && results.length === 0 && <p className="text-sm text-fg-subtle">{t('chat.noPeople')}</p>}
        {results.length > 0 && (
          <ul className="flex flex-col gap-0.5" data-testid="people-results">
            {results.map((user) => {
              const taken = unavailable?.has(user.id) ?? false;
              const picked = chosen.has(user.id);
              return (
                <li key={user.id}>
                  <button
                    type="button"
                    disabled={taken || picked || busy}
                    onClick={() => onPick(user)}
                    aria-label={actionLabel(displayName(user))}
                    className="flex w-full items-center gap-3 rounded-[4px] px-2 py-1.5 text-left hover:bg-surface-500/40 disabled:cursor-not-allowed disabled:opacity-60"
                  >
                    <UserAvatar name={displayName(user)} avatar={user.avatar} size="sm" />
                    <span className="min-w-0 flex-1 leading-tight">
                      <span className="block truncate font-medium text-fg">{displayName(user)}</span>
                      <span className="block truncate text-xs text-fg-subtle">{user.handle}</span>
                    </span>
                    {taken ? (
                      <span className="text-xs text-fg-subtle">{t('chat.alreadyMember')}</span>
                    ) : picked ? (
                      <span className="text-xs text-fg-subtle">{t('chat.selected')}</span>
                    ) : (
                      <Icon name="plus" className="size-4 text-fg-subtle" />
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
