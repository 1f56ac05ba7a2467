import { useRef } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { TextField } from '../../../components/text-field.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useFocusFirstInvalid } from '../hooks/use-focus-first-invalid.hook';
import { useLoginForm } from '../hooks/use-login-form.hook';

export function LoginForm({ registerHref }: { registerHref: string }) {
  const { t, describeError } = useI18n();
  const form = useLoginForm();
  const formRef = useRef<HTMLFormElement>(null);
  const fieldError = (field: 'identifier' | 'password') => {
    const key = form.fieldErrors[field];
    return key ? t(key) : null;
  };
  useFocusFirstInvalid(formRef, Object.values(form.fieldErrors).some(Boolean) ? `client-${form.attempt}` : null);

  return (
    <form ref={formRef} onSubmit={form.submit} noValidate className="flex flex-col gap-5">
      {form.error && <Alert tone="error">{describeError(form.error)}</Alert>}
      <TextField
        label={t('login.identifier')}
        hint={t('login.identifierHint')}
        name="identifier"
        // The one thing to do on this page: typing starts at once.
        autoFocus
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        value={form.values.identifier}
        onChange={(e) => form.setField('identifier', e.target.value)}
        error={fieldError('identifier')}
      />
      <TextField
        label={t('login.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={form.values.password}
        onChange={(e) => form.setField('password', e.target.value)}
        error={fieldError('password')}
        revealLabels={{ show: t('password.show'), hide: t('password.hide') }}
      />
      <Button type="submit" block pending={form.pending} pendingLabel={t('login.submitting')} className="mt-1 h-11 text-base">
        {t('login.submit')}
      </Button>
      <p className="text-sm text-fg-subtle">
        {t('login.noAccount')}{' '}
        <Link to={registerHref} className="font-medium text-link hover:underline">
          {t('login.registerLink')}
        </Link>
      </p>
    </form>
  );
}
