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
    /** The error's `details` as sent (e.g. ACCOUNT_BANNED's reason and end). */
    readonly details: unknown = undefined,
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
  'ACCOUNT_BANNED',
]);

type BanDetailsParser = (details: unknown) => BanNotice | undefined;

// BanDetails is a zod schema, and this module is in the entry chunk, which carries no zod:
// ban-details.ts installs the parser. It is imported by the modules that make ApiErrors
// from answers (http-transport, realtime-client), so it is there before any such error.
let parseBanDetails: BanDetailsParser = () => undefined;

export function setBanDetailsParser(parser: BanDetailsParser): void {
  parseBanDetails = parser;
}

/** The reason and end of a ban, when `error` is the server saying this account is banned. */
export function banOf(error: unknown): BanNotice | undefined {
  if (!(error instanceof ApiError) || error.code !== 'ACCOUNT_BANNED') return undefined;
  return parseBanDetails(error.details) ?? { until: null, reason: '' };
}

export interface BanNotice {
  until: string | null;
  reason: string;
}

export const isSessionEnded = (error: unknown): error is ApiError =>
  error instanceof ApiError && SESSION_ENDED.has(error.code);
