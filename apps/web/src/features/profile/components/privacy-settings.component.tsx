import type { SelfUser } from '@discordgym/contracts';
import { useId } from 'react';
import { Alert } from '../../../components/alert.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { DM_OPTIONS, REQUEST_OPTIONS, usePrivacySettings } from '../hooks/use-privacy-settings.hook';

function Choice<T extends string>({ legend, name, options, value, label, onChange }: {
  legend: string;
  name: string;
  options: readonly T[];
  value: T;
  label(option: T): string;
  onChange(option: T): void;
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-xs font-bold tracking-wide text-fg-muted uppercase">{legend}</legend>
      {options.map((option) => (
        <label key={option} className="flex min-h-9 cursor-pointer items-center gap-3 rounded-[4px] bg-surface-900 px-3 text-sm text-fg has-checked:ring-1 has-checked:ring-brand">
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} className="accent-brand" />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}

/** Who may send me friend requests, who may DM me (or add me to a group), read receipts. */
export function PrivacySettings({ user }: { user: SelfUser }) {
  const { t, describeError } = useI18n();
  const privacy = usePrivacySettings(user);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} data-testid="privacy-settings" className="flex flex-col gap-5 rounded-lg bg-surface-800 px-4 py-5 sm:px-6">
      <div>
        <h2 id={`${id}-heading`} className="text-base font-semibold text-fg">
          {t('privacy.heading')}
        </h2>
        <p className="mt-1 text-sm text-fg-muted">{t('privacy.subtitle')}</p>
      </div>
      <Choice
        legend={t('privacy.requestsLabel')}
        name={`${id}-requests`}
        options={REQUEST_OPTIONS}
        value={privacy.values.friend_requests_from}
        label={(o) => t(`privacy.requests.${o}`)}
        onChange={(o) => privacy.change({ friend_requests_from: o })}
      />
      <Choice
        legend={t('privacy.dmsLabel')}
        name={`${id}-dms`}
        options={DM_OPTIONS}
        value={privacy.values.dms_from}
        label={(o) => t(`privacy.dms.${o}`)}
        onChange={(o) => privacy.change({ dms_from: o })}
      />
      <label className="flex cursor-pointer items-start gap-3 text-sm text-fg">
        <input type="checkbox" checked={privacy.values.read_receipts} onChange={(e) => privacy.change({ read_receipts: e.target.checked })} className="mt-0.5 accent-brand" />
        <span>
          <span className="block font-medium">{t('privacy.readReceipts')}</span>
          <span className="block text-xs text-fg-subtle">{t('privacy.readReceiptsHint')}</span>
        </span>
      </label>
      <div aria-live="polite" className="text-sm text-fg-subtle empty:hidden">
        {privacy.pending ? t('privacy.saving') : privacy.saved ? t('privacy.saved') : null}
      </div>
      {privacy.error && <Alert tone="error">{describeError(privacy.error)}</Alert>}
    </section>
  );
}
