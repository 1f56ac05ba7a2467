import { randomBytes } from 'node:crypto';
import type { AuthResponse, UserRole } from '@discordgym/contracts';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { sessions, users } from '../src/infra/db/schema';
import type { ApiClient } from './api-client';
import type { TestServer } from './harness';

export interface Registration {
  username: string;
  email: string;
  password: string;
}

/** A unique, valid registration body; override any field. */
export function buildRegistration(overrides: Partial<Registration> = {}): Registration {
  const id = randomBytes(4).toString('hex');
  return { username: `user_${id}`, email: `user-${id}@example.test`, password: `lifting ${id} heavy things`, ...overrides };
}

export interface RegisteredUser extends Registration {
  auth: AuthResponse & { refresh_token: string };
}

export async function registerUser(api: ApiClient, overrides: Partial<Registration> = {}, headers?: Record<string, string>): Promise<RegisteredUser> {
  const registration = buildRegistration(overrides);
  const response = await api.post<AuthResponse & { refresh_token: string }>('/api/auth/register', registration, headers ? { headers } : {});
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { ...registration, auth: response.body };
}

/**
 * Gives a registered user a platform role straight in the database (what `npm run admin --
 * promote` does), and drops the cached session so their next request carries it.
 */
export async function grantRole(sut: TestServer, userId: string, role: UserRole): Promise<void> {
  await sut.server.infra.database.db.update(users).set({ role }).where(eq(users.id, userId));
  const sessionIds = (await sut.server.infra.database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).map((s) => s.id);
  await Promise.all(sessionIds.map((id) => sut.server.infra.kv.del(`session:${id}`)));
}
