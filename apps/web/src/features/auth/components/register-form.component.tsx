import { useRef } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { TextField } from '../../../components/text-field.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import type { RegisterField } from '../hooks/auth-form.validation';
import { useFocusFirstInvalid } from '../hooks/use-focus-first-invalid.hook';
import { useRegisterForm } from '../hooks/use-register-form.hook';

export function RegisterForm({ loginHref }: { loginHref: string }) {
  const { t, describeError } = useI18n();
  const form = useRegisterForm();
  const formRef = useRef<HTMLFormElement>(null);
  const fieldError = (field: RegisterField): string | null => {
    const key = form.fieldErrors[field];
    if (key) return t(key);
    return form.serverField === field && form.error ? describeError(form.error) : null;
  };
  const hasClientErrors = Object.values(form.fieldErrors).some(Boolean);
  useFocusFirstInvalid(formRef, hasClientErrors ? `client-${form.attempt}` : form.serverField ? `server-${form.attempt}` : null);

  return (
    <form ref={formRef} onSubmit={form.submit} noValidate className="flex flex-col gap-5">
      {/* A server answer tied to one field is shown there; anything else up here. */}
      {form.error && !form.serverField && <Alert tone="error">{describeError(form.error)}</Alert>}
      <TextField
        label={t('register.email')}
        type="email"
        name="email"
        autoComplete="email"
        required
        value={form.values.email}
        onChange={(e) => form.setField('email', e.target.value)}
        error={fieldError('email')}
      />
      <TextField
        label={t('register.username')}
        hint={t('register.usernameHint')}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={32}
        value={form.values.username}
        onChange={(e) => form.setField('username', e.target.value)}
        error={fieldError('username')}
      />
      <TextField
        label={t('register.password')}
        hint={t('register.passwordHint')}
        type="password"
        name="password"
        autoComplete="new-password"
        required
        value={form.values.password}
        onChange={(e) => form.setField('password', e.target.value)}
        error={fieldError('password')}
        revealLabels={{ show: t('password.show'), hide: t('password.hide') }}
      />
      <Button type="submit" block pending={form.pending} pendingLabel={t('register.submitting')} className="mt-1 h-11 text-base">
        {t('register.submit')}
      </Button>
      <p className="text-sm text-fg-subtle">
        {t('register.haveAccount')}{' '}
        <Link to={loginHref} className="font-medium text-link hover:underline">
          {t('register.loginLink')}
        </Link>
      </p>
    </form>
  );
}
