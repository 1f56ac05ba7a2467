import { ApiError, TransportError } from '../api/api-error';
import type { ErrorMessages } from './en.messages';
import { interpolate } from './translator';

/** What a person reads for any failure: always from the dictionary, never the server's text. */
export function errorText(errors: ErrorMessages, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== null) {
      return interpolate(errors.RATE_LIMITED_WAIT, { seconds: Math.ceil(error.retryAfterSeconds) });
    }
    return errors[error.code];
  }
  if (error instanceof TransportError) return error.kind === 'network' ? errors.NETWORK : errors.UNEXPECTED;
  return errors.UNEXPECTED;
}
