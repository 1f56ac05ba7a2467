import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api/api-error';
import type { FieldErrors, RegisterField } from './auth-form.validation';
import { loadAuthValidation, preloadAuthValidation } from './load-auth-validation';
import { useCheckedSubmit } from './use-checked-submit.hook';
import { useRegister } from './use-session-mutations.hook';

/** Server answers that belong to one field: the form marks that field as well as saying why. */
const FIELD_OF_CODE: Partial<Record<string, RegisterField>> = {
  EMAIL_TAKEN: 'email',
  PASSWORD_TOO_COMMON: 'password',
  HANDLE_UNAVAILABLE: 'username',
};

export function useRegisterForm() {
  const [values, setValues] = useState<Record<RegisterField, string>>({ username: '', email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<RegisterField>>({});
  const [attempt, setAttempt] = useState(0);
  const register = useRegister();
  const checked = useCheckedSubmit();
  useEffect(preloadAuthValidation, []);
  const serverField = register.error instanceof ApiError ? FIELD_OF_CODE[register.error.code] : undefined;

  const setField = (field: RegisterField, value: string): void => {
    setValues((current) => ({ ...current, [field]: value }));
    setFieldErrors((current) => ({ ...current, [field]: undefined }));
    // The server's objection was about this field, and it has just changed.
    if (serverField === field) register.reset();
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (register.isPending) return;
    checked.run(loadAuthValidation, ({ validateRegister }) => {
      setAttempt((n) => n + 1);
      const result = validateRegister(values);
      if (!result.ok) {
        setFieldErrors(result.errors);
        register.reset();
        return;
      }
      setFieldErrors({});
      register.mutate(result.body);
    });
  };

  return {
    values,
    setField,
    fieldErrors,
    serverField,
    submit,
    attempt,
    pending: register.isPending || checked.pending,
    error: checked.error ?? register.error,
  };
}
