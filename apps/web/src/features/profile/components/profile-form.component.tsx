import type { SelfUser } from '@discordgym/contracts';
import { useId } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { TextField } from '../../../components/text-field.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { BIO_MAX, DISPLAY_NAME_MAX, useProfileForm } from '../hooks/use-profile-form.hook';
import { AvatarPicker } from './avatar-picker.component';

export function ProfileForm({ user }: { user: SelfUser }) {
  const { t, describeError } = useI18n();
  const form = useProfileForm(user);
  const bioId = useId();
  const shownName = form.values.display_name.trim() || user.username;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <form onSubmit={form.submit} noValidate className="flex flex-col gap-5 rounded-lg bg-surface-800 px-4 py-5 sm:px-6">
        <div aria-live="polite">{form.saved && <Alert tone="success">{t('profile.saved')}</Alert>}</div>
        {form.error && <Alert tone="error">{describeError(form.error)}</Alert>}
        <TextField
          label={t('profile.displayName')}
          hint={t('profile.displayNameHint')}
          value={form.values.display_name}
          maxLength={DISPLAY_NAME_MAX}
          autoComplete="nickname"
          onChange={(e) => form.set('display_name', e.target.value)}
          error={form.invalid === 'display_name' ? t('field.invalid') : null}
        />
        <div className="flex flex-col gap-2">
          <label htmlFor={bioId} className="text-xs font-bold tracking-wide text-fg-muted uppercase">
            {t('profile.bio')}
          </label>
          <textarea
            id={bioId}
            value={form.values.bio}
            maxLength={BIO_MAX}
            rows={3}
            aria-describedby={`${bioId}-hint`}
            aria-invalid={form.invalid === 'bio' || undefined}
            onChange={(e) => form.set('bio', e.target.value)}
            className="resize-y rounded-[4px] bg-surface-900 px-3 py-2 text-base text-fg"
          />
          <p id={`${bioId}-hint`} className="text-xs text-fg-subtle">
            {t('profile.bioHint', { count: BIO_MAX - form.values.bio.length })}
          </p>
        </div>
        {form.avatars.isError ? (
          <Alert tone="error">{describeError(form.avatars.error)}</Alert>
        ) : (
          <AvatarPicker avatars={form.avatars.data?.items ?? []} value={form.values.avatar} name={shownName} onChange={(id) => form.set('avatar', id)} />
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" disabled={!form.dirty || form.pending} onClick={form.reset}>
            {t('profile.reset')}
          </Button>
          <Button type="submit" disabled={!form.dirty} pending={form.pending} pendingLabel={t('profile.saving')}>
            {t('profile.save')}
          </Button>
        </div>
      </form>

      <section aria-labelledby="profile-preview" className="h-fit overflow-hidden rounded-lg bg-surface-900">
        <h2 id="profile-preview" className="sr-only">
          {t('profile.preview')}
        </h2>
        <div aria-hidden="true" className="h-16 bg-linear-to-r from-brand to-[#eb459e]" />
        <div className="px-4 pb-4">
          <UserAvatar name={shownName} avatar={form.values.avatar} size="lg" className="-mt-10 ring-[6px] ring-surface-900" />
          <p className="mt-2 truncate text-lg font-bold text-fg" data-testid="preview-name">
            {shownName}
          </p>
          <p className="truncate text-sm text-fg-muted">{user.handle}</p>
          {form.values.bio.trim() && (
            <div className="mt-3 border-t border-surface-600 pt-3">
              <p className="text-xs font-bold tracking-wide text-fg-subtle uppercase">{t('profile.bio')}</p>
              <p className="mt-1 text-sm whitespace-pre-wrap text-fg-muted">{form.values.bio}</p>
            </div>
          )}
        </div>
      </section>
    </div>
  );
}
