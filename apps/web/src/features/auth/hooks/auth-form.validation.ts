import { Email, Handle, type LoginBody, RegisterBody, Username } from '@discordgym/contracts';
import type { z } from 'zod';
import type { MessageKey } from '../../../lib/i18n/en.messages';

export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

export type Validation<F extends string, B> = { ok: true; body: B } | { ok: false; errors: FieldErrors<F> };

export type RegisterField = 'username' | 'email' | 'password';
export type LoginField = 'identifier' | 'password';

/** The contract's own schema decides; this only turns its verdict into words of our dictionary. */
export function validateRegister(values: Record<RegisterField, string>): Validation<RegisterField, RegisterBody> {
  const parsed = RegisterBody.safeParse(values);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: FieldErrors<RegisterField> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field !== 'username' && field !== 'email' && field !== 'password') continue;
    errors[field] ??= registerMessage(field, values[field], issue);
  }
  return { ok: false, errors };
}

/** One field for all ways in: an "@" means email, anything else a handle or a bare username (the server asks for the handle when the name is shared). */
export function validateLogin(values: Record<LoginField, string>): Validation<LoginField, LoginBody> {
  const errors: FieldErrors<LoginField> = {};
  const identifier = values.identifier.trim();
  let body: LoginBody | null = null;
  if (!identifier) errors.identifier = 'field.required';
  else if (identifier.includes('@')) {
    const email = Email.safeParse(identifier);
    if (email.success) body = { email: email.data, password: values.password };
    else errors.identifier = 'field.emailInvalid';
  } else if (Handle.safeParse(identifier).success || Username.safeParse(identifier).success) body = { handle: identifier, password: values.password };
  else errors.identifier = 'field.identifierInvalid';

  if (!values.password) errors.password = 'field.required';
  else if (values.password.length > 128) errors.password = 'field.passwordTooLong';

  return body && Object.keys(errors).length === 0 ? { ok: true, body } : { ok: false, errors };
}

function registerMessage(field: RegisterField, value: string, issue: z.core.$ZodIssue): MessageKey {
  if (!value.trim()) return 'field.required';
  switch (field) {
    case 'username':
      return 'field.usernameInvalid';
    case 'email':
      return issue.code === 'too_big' ? 'field.tooLong' : 'field.emailInvalid';
    case 'password':
      return issue.code === 'too_big' ? 'field.passwordTooLong' : 'field.passwordTooShort';
  }
}
