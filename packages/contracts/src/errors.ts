import { z } from 'zod';

/**
 * Every error the API can answer with. The server maps each code to exactly one HTTP
 * status (see `errorStatus`), and the web app maps each code to a message for people.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'SESSION_REVOKED',
  'INVALID_CREDENTIALS',
  'HANDLE_AMBIGUOUS',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'ACCOUNT_BANNED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'EMAIL_TAKEN',
  'HANDLE_UNAVAILABLE',
  'PASSWORD_TOO_COMMON',
  'CLIENT_ID_CONFLICT',
  'LAST_ADMIN',
  'REPORT_CLOSED',
  'UPLOADS_CLOSED',
  'QUOTA_EXCEEDED',
  'FILE_TYPE_REFUSED',
  'UPLOAD_INCOMPLETE',
  'ATTACHMENT_NOT_READY',
  'ATTACHMENT_ALREADY_SENT',
  'INVITE_INVALID',
  'GUEST_SESSION_ENDED',
  'RATE_LIMITED',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  SESSION_REVOKED: 401,
  INVALID_CREDENTIALS: 401,
  /** A login by bare username with the right password for one of several accounts of that name: the full handle is needed. */
  HANDLE_AMBIGUOUS: 401,
  REFRESH_TOKEN_INVALID: 401,
  REFRESH_TOKEN_REUSED: 401,
  /** Login or refresh of a banned account; `details` is BanDetails (reason, until). */
  ACCOUNT_BANNED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  HANDLE_UNAVAILABLE: 409,
  PASSWORD_TOO_COMMON: 422,
  CLIENT_ID_CONFLICT: 409,
  LAST_ADMIN: 409,
  REPORT_CLOSED: 409,
  /** Album uploads are switched off or outside their window. */
  UPLOADS_CLOSED: 403,
  /** A guest's photo or byte quota in an album would be passed; refused before any URL is issued. */
  QUOTA_EXCEEDED: 413,
  /** The uploaded bytes are no allowed type (by magic number); the object is deleted. */
  FILE_TYPE_REFUSED: 422,
  /** Complete before the bytes (or every part) arrived, or with another size than announced. */
  UPLOAD_INCOMPLETE: 409,
  /** A chat attachment sent before its upload was completed and processed (retry once it is `ready`). */
  ATTACHMENT_NOT_READY: 409,
  /** A chat attachment that is already on another message (each upload goes on one message only). */
  ATTACHMENT_ALREADY_SENT: 409,
  /** An album invite link that is unknown, expired or revoked (which one is not said). */
  INVITE_INVALID: 410,
  /** The guest cookie is missing, expired, or its guest left or was removed. */
  GUEST_SESSION_ENDED: 401,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export const ErrorIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;
