import { HttpException } from '@nestjs/common';
import type { ErrorBody, ErrorCode } from '@discordgym/contracts';
import { ZodError } from 'zod';
import { AppError } from './app-error';
import { zodIssues } from './zod-issues';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** true for a bug: log it with the request id, tell the client nothing. */
  unexpected: boolean;
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'VALIDATION_FAILED',
  FST_ERR_MAX_PARAM_LENGTH: 'VALIDATION_FAILED',
};

const statusCodes: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const make = (status: number, code: ErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}): ErrorResponse => ({
  status,
  body: { error: details === undefined ? { code, message } : { code, message, details } },
  headers,
  unexpected: false,
});

/** One mapping from anything thrown to the one error shape, for HTTP and for socket acks. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof AppError) return make(error.status, error.code, error.message, error.details, error.headers);
  if (error instanceof ZodError) return make(400, 'VALIDATION_FAILED', 'The request is not valid', zodIssues(error));
  if (error instanceof HttpException) {
    // Nest wraps Fastify's own 4xx (bad JSON, body too large) with the original as cause.
    if (error.cause) return toErrorResponse(error.cause);
    const status = error.getStatus();
    const code = statusCodes[status];
    if (code) return make(status, code, status === 404 ? 'No such route' : 'The request is not valid');
  }
  if (error && typeof error === 'object') {
    const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
    const mapped = typeof code === 'string' ? fastifyCodes[code] : undefined;
    if (mapped === 'INVALID_JSON') return make(400, mapped, 'The body is not valid JSON');
    if (mapped === 'PAYLOAD_TOO_LARGE') return make(413, mapped, 'The body is too large');
    if (mapped === 'UNSUPPORTED_MEDIA_TYPE') return make(415, mapped, 'Send the body as application/json');
    if (mapped) return make(400, mapped, 'The request is not valid');
    // Other 4xx raised by Fastify itself (bad URL encoding, header too large …).
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return make(statusCode, statusCodes[statusCode] ?? 'VALIDATION_FAILED', 'The request is not valid');
    }
  }
  // Redis unreachable: ioredis gave the command up after its retries. Not a bug, and a retry
  // (same client_id for a send) is safe once Redis is back.
  if (error instanceof Error && error.name === 'MaxRetriesPerRequestError') {
    return make(503, 'SERVICE_UNAVAILABLE', 'A service we depend on is briefly unavailable; try again', undefined, { 'retry-after': '1' });
  }
  return { ...make(500, 'INTERNAL', 'Something went wrong on our side'), unexpected: true };
}
