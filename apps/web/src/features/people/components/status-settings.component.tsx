import { CUSTOM_STATUS_MAX, type SelfUser } from '@discordgym/contracts';
import { useId } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { PresenceDot } from '../../../components/presence-dot.component';
import { SelectField } from '../../../components/select-field.component';
import { useChatI18n } from '../../chat/hooks/use-chat-i18n.hook';
import { PRESENCE_CHOICES, STATUS_EXPIRIES, type StatusExpiry, useStatusSettings } from '../hooks/use-status-settings.hook';

const DOTS = { online: 'online', idle: 'away', dnd: 'dnd', invisible: 'offline' } as const;

/** Presence (online / idle / do not disturb / invisible) and a custom status with an end. */
export function StatusSettings({ user }: { user: SelfUser }) {
  const { t, describeError } = useChatI18n();
  const status = useStatusSettings(user);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} data-testid="status-settings" className="flex flex-col gap-5 rounded-lg bg-surface-800 px-4 py-5 sm:px-6">
      <div>
        <h2 id={`${id}-heading`} className="text-base font-semibold text-fg">
          {t('status.heading')}
        </h2>
        <p className="mt-1 text-sm text-fg-muted">{t('status.subtitle')}</p>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-xs font-bold tracking-wide text-fg-muted uppercase">{t('status.presenceLabel')}</legend>
        {PRESENCE_CHOICES.map((choice) => (
          <label key={choice} className="flex min-h-9 cursor-pointer items-center gap-3 rounded-[4px] bg-surface-900 px-3 text-sm text-fg has-checked:ring-1 has-checked:ring-brand">
            <input
              type="radio"
              name={`${id}-presence`}
              value={choice}
              checked={status.presence === choice}
              onChange={() => status.setPresence(choice)}
              className="accent-brand"
            />
            <PresenceDot status={DOTS[choice]} ring="900" />
            {t(`status.choice.${choice}`)}
          </label>
        ))}
      </fieldset>
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          status.submit();
        }}
      >
        <div className="flex flex-col gap-2">
          <label htmlFor={`${id}-text`} className="text-xs font-bold tracking-wide text-fg-muted uppercase">
            {t('status.customLabel')}
          </label>
          <input
            id={`${id}-text`}
            data-testid="custom-status-input"
            value={status.text}
            maxLength={CUSTOM_STATUS_MAX}
            placeholder={t('status.customPlaceholder')}
            onChange={(e) => status.setText(e.target.value)}
            className="h-10 rounded-[4px] bg-surface-900 px-3 text-base text-fg"
          />
        </div>
        <SelectField
          label={t('status.expiryLabel')}
          value={status.expiry}
          onChange={(e) => status.setExpiry(e.target.value as StatusExpiry)}
          options={STATUS_EXPIRIES.map((value) => ({ value, label: t(`status.expiry.${value}`) }))}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={status.pending} data-testid="custom-status-save">
            {t('status.save')}
          </Button>
          {status.current && (
            <Button type="button" variant="ghost" onClick={status.clear}>
              {t('status.clear')}
            </Button>
          )}
        </div>
      </form>
      <div aria-live="polite" className="text-sm text-fg-subtle empty:hidden">
        {status.saved && !status.pending ? t('status.saved') : null}
      </div>
      {status.error && <Alert tone="error">{describeError(status.error)}</Alert>}
    </section>
  );
}
