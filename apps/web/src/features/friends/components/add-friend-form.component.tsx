import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { TextField } from '../../../components/text-field.component';
import { useMe } from '../../auth/hooks/use-me.hook';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useAddFriendForm } from '../hooks/use-add-friend-form.hook';
import { Section } from './section.component';

/** Discord's "Add friend": by the handle people tell each other. */
export function AddFriendForm() {
  const { t, describeError } = useI18n();
  const me = useMe();
  const form = useAddFriendForm();
  return (
    <Section id="add-friend-heading" title={t('friends.addHeading')}>
      <form onSubmit={form.submit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          className="flex-1"
          label={t('friends.addLabel')}
          hint={t('friends.addHint', { handle: me.data?.handle ?? '' })}
          placeholder="name#1234"
          value={form.handle}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          onChange={(e) => form.setHandle(e.target.value)}
          error={form.invalid ? t('friends.handleInvalid') : null}
        />
        <Button type="submit" className="sm:mt-6" pending={form.pending} pendingLabel={t('friends.adding')} disabled={!form.handle.trim()}>
          {t('friends.addSubmit')}
        </Button>
      </form>
      <div aria-live="polite" className="mt-3 empty:hidden">
        {form.outcome && <Alert tone="success">{t(form.outcome.key, { name: form.outcome.name })}</Alert>}
      </div>
      {form.refusal && <Alert tone="error" className="mt-3">{t(form.refusal)}</Alert>}
      {form.error && <Alert tone="error" className="mt-3">{describeError(form.error)}</Alert>}
    </Section>
  );
}
