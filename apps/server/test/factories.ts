import { randomBytes } from 'node:crypto';
import type { AuthResponse } from '@discordgym/contracts';
import { expect } from 'vitest';
import type { ApiClient } from './api-client';

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
