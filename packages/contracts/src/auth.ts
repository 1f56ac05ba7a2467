import { z } from 'zod';
import { Id, IsoDate, plainText } from './common';
import { SelfUser, Username } from './users';

export const Email = z.string().trim().max(254).pipe(z.email()).transform((v) => v.toLowerCase());

/** Length only here; the server also refuses the most common passwords (422). */
export const Password = z.string().min(8).max(128);

export const RegisterBody = z
  .strictObject({ username: Username, email: Email, password: Password })
  .meta({ id: 'RegisterBody' });
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z
  .union([
    z.strictObject({ email: Email, password: z.string().min(1).max(128) }),
    // A handle `name#1234`, or a bare username when only one account has it.
    // No control characters: PostgreSQL refuses a NUL byte in text, and it is never a handle.
    z.strictObject({ handle: plainText(2, 40), password: z.string().min(1).max(128) }),
  ])
  .meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBody>;

/** API clients send the refresh token in the body; the web app's travels in an httpOnly cookie. */
export const RefreshBody = z.strictObject({ refresh_token: z.string().min(1).max(200).optional() }).meta({ id: 'RefreshBody' });
export type RefreshBody = z.infer<typeof RefreshBody>;

export const AuthResponse = z
  .object({
    token: z.string(),
    /** Absent when the client asked for the cookie transport (the web app). */
    refresh_token: z.string().optional(),
    expires_in: z.number().int(),
    user: SelfUser,
  })
  .meta({ id: 'AuthResponse' });
export type AuthResponse = z.infer<typeof AuthResponse>;

export const Session = z
  .object({
    id: Id,
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    created_at: IsoDate,
    last_used_at: IsoDate,
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const SessionList = z.object({ items: z.array(Session) }).meta({ id: 'SessionList' });
export type SessionList = z.infer<typeof SessionList>;

export const SessionIdParams = z.strictObject({ id: Id });

export const RevokedCount = z.object({ revoked: z.number().int() }).meta({ id: 'RevokedCount' });
export type RevokedCount = z.infer<typeof RevokedCount>;

export { SESSION_HINT_COOKIE, WEB_CLIENT_HEADER, WEB_CLIENT_VALUE } from './web-client';
export const REFRESH_COOKIE = 'dg_refresh';
