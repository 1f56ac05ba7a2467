import { ApiError, banOf, type BanNotice, TransportError } from '../api/api-error';
import type { ErrorMessages } from './en.messages';
import { interpolate } from './translator';

/** What a person reads for any failure: always from the dictionary, never the server's text. */
export function errorText(errors: ErrorMessages, error: unknown, locale = 'en'): string {
  const ban = banOf(error);
  if (ban) return banText(errors, ban, locale);
  if (error instanceof ApiError) {
    if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== null) {
      return interpolate(errors.RATE_LIMITED_WAIT, { seconds: Math.ceil(error.retryAfterSeconds) });
    }
    return errors[error.code];
  }
  if (error instanceof TransportError) return error.kind === 'network' ? errors.NETWORK : errors.UNEXPECTED;
  return errors.UNEXPECTED;
}

/** "This account is banned until 3 Dec 2026, 14:00. Reason: spam" (or without end). */
export function banText(errors: ErrorMessages, ban: BanNotice, locale: string): string {
  const reason = ban.reason || '—';
  // Formatted here rather than with lib/format: this module is in the entry chunk, lib/format is not.
  const until = ban.until ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ban.until)) : null;
  return until ? interpolate(errors.ACCOUNT_BANNED_UNTIL, { until, reason }) : interpolate(errors.ACCOUNT_BANNED_FOREVER, { reason });
}
