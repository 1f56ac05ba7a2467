import { count, max } from 'drizzle-orm';
import { expect } from 'vitest';
import { refreshTokens, sessions, users } from '../src/infra/db/schema';
import type { ErrorCode } from '@discordgym/contracts';
import type { ApiResponse } from './api-client';
import { expectError } from './expect-error';
import type { TestServer } from './harness';

/** What a refused request must leave as it was: the rows of the account tables and their last changes. */
export interface RowSnapshot {
  users: number;
  lastUserUpdate: Date | null;
  sessions: number;
  revokedSessions: number;
  refreshTokens: number;
  rotatedRefreshTokens: number;
}

/** Read straight from the database of the server under test, past the API. */
export async function snapshotRows(sut: TestServer): Promise<RowSnapshot> {
  const db = sut.server.infra.database.db;
  const [u] = await db.select({ rows: count(), lastUpdate: max(users.updatedAt) }).from(users);
  const [s] = await db.select({ rows: count(), revoked: count(sessions.revokedAt) }).from(sessions);
  const [t] = await db.select({ rows: count(), rotated: count(refreshTokens.rotatedAt) }).from(refreshTokens);
  return {
    users: u!.rows,
    lastUserUpdate: u!.lastUpdate,
    sessions: s!.rows,
    revokedSessions: s!.revoked,
    refreshTokens: t!.rows,
    rotatedRefreshTokens: t!.rotated,
  };
}

/** Runs `action` and asserts that it wrote nothing to users, sessions or refresh_tokens. */
export async function expectNothingWritten<T>(sut: TestServer, action: () => Promise<T>): Promise<T> {
  const before = await snapshotRows(sut);
  const result = await action();
  expect(await snapshotRows(sut), 'rows changed').toEqual(before);
  return result;
}

/** One request that must be refused with `status` / `code` in the error shape and change no row. */
export function expectRefusedWithoutWrites(
  sut: TestServer,
  status: number,
  code: ErrorCode,
  send: () => Promise<ApiResponse>,
): Promise<ApiResponse> {
  return expectNothingWritten(sut, async () => {
    const response = await send();
    expectError(response, status, code);
    return response;
  });
}
