import { useId, useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Dialog } from '../../../components/dialog.component';
import { Icon } from '../../../components/icon.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useDmRefusal } from '../../friends/hooks/use-dm-refusal.hook';
import { displayName } from '../hooks/room-view';
import { type SwitcherOption, useQuickSwitcher, useQuickSwitcherHotkey } from '../hooks/use-quick-switcher.hook';
import { RoomAvatar } from './room-avatar.component';

/**
 * Ctrl+K / ⌘K: a search box over my rooms and people; ↑/↓ choose, Enter opens the room or
 * the DM, Escape closes and gives the focus back to where it was.
 */
export function QuickSwitcher() {
  const { t } = useChatI18n();
  const { open, setOpen } = useQuickSwitcherHotkey();
  // Closed by choosing: the focus goes to the room's composer instead of back.
  const [leaving, setLeaving] = useState(false);
  return (
    <Dialog
      open={open}
      returnFocus={!leaving}
      title={t('switcher.title')}
      closeLabel={t('chat.dialogClose')}
      onClose={() => {
        setLeaving(false);
        setOpen(false);
      }}
    >
      <SwitcherBody
        leave={() => {
          setLeaving(true);
          setOpen(false);
        }}
      />
    </Dialog>
  );
}

function SwitcherBody({ leave }: { leave(): void }) {
  const { t, describeError } = useChatI18n();
  const switcher = useQuickSwitcher(leave);
  const refusal = useDmRefusal(switcher.error);
  const listId = useId();
  const inputId = useId();
  const optionId = (i: number) => `${listId}-${i}`;
  const firstPerson = switcher.options.findIndex((o) => o.kind === 'person');

  return (
    <div className="flex flex-col gap-3" data-testid="quick-switcher">
      <label htmlFor={inputId} className="sr-only">
        {t('switcher.label')}
      </label>
      <input
        id={inputId}
        data-autofocus
        type="text"
        role="combobox"
        aria-expanded={switcher.options.length > 0}
        aria-controls={listId}
        aria-activedescendant={switcher.options.length ? optionId(switcher.active) : undefined}
        aria-autocomplete="list"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder={t('switcher.placeholder')}
        value={switcher.text}
        onChange={(e) => switcher.setText(e.target.value)}
        onKeyDown={switcher.onKeyDown}
        className="h-11 w-full rounded-[4px] bg-surface-900 px-3 text-base text-fg placeholder:text-fg-subtle"
      />
      {switcher.error != null && <Alert tone="error">{refusal ?? describeError(switcher.error)}</Alert>}
      <ul id={listId} role="listbox" aria-label={t('switcher.results')} className="flex max-h-80 flex-col gap-0.5 overflow-y-auto">
        {switcher.options.map((option, i) => (
          <li
            key={option.kind === 'room' ? `room:${option.room.id}` : `person:${option.user.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === switcher.active}
            data-testid="switcher-option"
            onMouseMove={() => switcher.setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => switcher.choose(option)}
            className={`flex cursor-pointer items-center gap-3 rounded-[4px] px-2 py-1.5 ${i === switcher.active ? 'bg-surface-500/60 text-fg' : 'text-fg-muted'} ${i === firstPerson ? 'mt-2' : ''}`}
          >
            <OptionView option={option} />
          </li>
        ))}
      </ul>
      <p className="text-xs text-fg-subtle" role="status">
        {switcher.searching ? t('app.loading') : switcher.options.length === 0 ? t('switcher.empty') : t('switcher.hint')}
      </p>
    </div>
  );
}

function OptionView({ option }: { option: SwitcherOption }) {
  const { t } = useChatI18n();
  if (option.kind === 'room') {
    return (
      <>
        <RoomAvatar room={option.room} />
        <span className="min-w-0 flex-1 truncate font-medium">{option.title}</span>
        <span className="text-xs text-fg-subtle">{option.room.is_group ? t('chat.groups') : t('chat.directMessages')}</span>
      </>
    );
  }
  const name = displayName(option.user);
  return (
    <>
      <UserAvatar name={name} avatar={option.user.avatar} size="sm" />
      <span className="min-w-0 flex-1 leading-tight">
        <span className="block truncate font-medium">{t('switcher.dmWith', { name })}</span>
        <span className="block truncate text-xs text-fg-subtle">{option.user.handle}</span>
      </span>
      <Icon name="chat" className="size-4 text-fg-subtle" />
    </>
  );
}
