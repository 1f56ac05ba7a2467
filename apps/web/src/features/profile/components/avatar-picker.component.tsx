import type { Avatar } from '@discordgym/contracts';
import { UserAvatar } from '../../../components/user-avatar.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { en, type MessageKey } from '../../../lib/i18n/en.messages';

/** The built-in avatars as a radio group (arrow keys move, as radios do), plus "initials". */
export function AvatarPicker({ avatars, value, name, onChange }: { avatars: readonly Avatar[]; value: string | null; name: string; onChange(id: string | null): void }) {
  const { t } = useI18n();
  const labelOf = (avatar: Avatar): string => {
    const key = `avatar.${avatar.id}`;
    return key in en ? t(key as MessageKey) : avatar.name;
  };
  const options: Array<{ id: string | null; label: string; url: string | null }> = [
    { id: null, label: t('profile.noAvatar'), url: null },
    ...avatars.map((a) => ({ id: a.id, label: labelOf(a), url: a.url })),
  ];
  return (
    <fieldset>
      <legend className="mb-2 text-xs font-bold tracking-wide text-fg-muted uppercase">{t('profile.avatar')}</legend>
      <div className="grid grid-cols-4 gap-2 sm:grid-cols-6" data-testid="avatar-picker">
        {options.map((option) => (
          <label
            key={option.id ?? 'none'}
            className="flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-transparent p-2 text-center text-xs text-fg-muted hover:bg-surface-600 has-checked:border-brand has-checked:bg-brand-soft has-checked:text-fg has-focus-visible:outline-2 has-focus-visible:outline-focus"
          >
            <input type="radio" name="avatar" className="sr-only" checked={value === option.id} onChange={() => onChange(option.id)} />
            {option.url ? (
              <img src={option.url} alt="" className="size-12 rounded-full bg-surface-900" />
            ) : (
              <UserAvatar name={name} avatar={null} className="size-12!" />
            )}
            <span className="line-clamp-1">{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
