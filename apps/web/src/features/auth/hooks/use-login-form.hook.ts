import { type FormEvent, useEffect, useState } from 'react';
import type { FieldErrors, LoginField } from './auth-form.validation';
import { loadAuthValidation, preloadAuthValidation } from './load-auth-validation';
import { useCheckedSubmit } from './use-checked-submit.hook';
import { useLogin } from './use-session-mutations.hook';

export function useLoginForm() {
  const [values, setValues] = useState<Record<LoginField, string>>({ identifier: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<LoginField>>({});
  // Bumped on every submit so the form can move focus to the first invalid field.
  const [attempt, setAttempt] = useState(0);
  const login = useLogin();
  const checked = useCheckedSubmit();
  useEffect(preloadAuthValidation, []);

  const setField = (field: LoginField, value: string): void => {
    setValues((current) => ({ ...current, [field]: value }));
    setFieldErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (login.isPending) return;
    checked.run(loadAuthValidation, ({ validateLogin }) => {
      setAttempt((n) => n + 1);
      const result = validateLogin(values);
      if (!result.ok) {
        setFieldErrors(result.errors);
        login.reset();
        return;
      }
      setFieldErrors({});
      login.mutate(result.body);
    });
  };

  return { values, setField, fieldErrors, submit, attempt, pending: login.isPending || checked.pending, error: checked.error ?? login.error };
}
