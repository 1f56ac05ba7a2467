import { errorStatus, type ErrorCode } from '@discordgym/contracts';

/**
 * The only error feature code throws on purpose. Its code decides the HTTP status and
 * the socket ack; the message is for people and never carries internals.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }

  static notFound(what = 'Resource'): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static forbidden(message = 'You may not do that'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static rateLimited(retryAfterMs: number): AppError {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new AppError('RATE_LIMITED', `Too many requests; try again in ${seconds} s`, { retry_after: seconds }, {
      'retry-after': String(seconds),
    });
  }
}
