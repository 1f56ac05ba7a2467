import type { ErrorCode, ErrorIssue } from '@discordgym/contracts';

/** An answer from the API in the shared error shape; the UI shows `code`, never `message`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly issues: readonly ErrorIssue[],
    /** Seconds from the Retry-After header of a 429, when the server sent one. */
    readonly retryAfterSeconds: number | null,
    serverMessage: string,
  ) {
    super(serverMessage);
    this.name = 'ApiError';
  }
}

/** The server could not be reached, or answered with something outside the contract. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'network' | 'unexpected-response',
    options?: { cause?: unknown },
  ) {
    super(kind, options);
    this.name = 'TransportError';
  }
}

/** Codes after which this browser's session is over and only a new sign-in helps. */
const SESSION_ENDED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'SESSION_REVOKED',
  'TOKEN_INVALID',
  'UNAUTHENTICATED',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
]);

export const isSessionEnded = (error: unknown): error is ApiError =>
  error instanceof ApiError && SESSION_ENDED.has(error.code);
