import type { AuditEntry, AuditPage, UserRole } from '@discordgym/contracts';
import { count, eq, isNotNull, max } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLog, domainEvents, messages, reports, sessions, users } from '../src/infra/db/schema';
import type { ApiResponse } from './api-client';
import { type ChatServer, type ChatUser, chatUser } from './chat-fixtures';
import { expectError } from './expect-error';
import { grantRole } from './factories';
import type { TestServer } from './harness';

/** A new account with a platform role; its token carries the role from its next request on. */
export async function staffUser(chat: ChatServer, role: UserRole): Promise<ChatUser> {
  const user = await chatUser(chat.api);
  if (role !== 'member') await grantRole(chat.sut, user.id, role);
  return user;
}

/** What an admin or moderation request may write: none of it changes when one is refused. */
export interface AdminRowCounts {
  users: number;
  lastUserUpdate: Date | null;
  revokedSessions: number;
  audit: number;
  reports: number;
  closedReports: number;
  events: number;
  deletedMessages: number;
}

export async function adminRowCounts(sut: TestServer): Promise<AdminRowCounts> {
  const db = sut.server.infra.database.db;
  const [u] = await db.select({ n: count(), last: max(users.updatedAt) }).from(users);
  const [s] = await db.select({ n: count() }).from(sessions).where(isNotNull(sessions.revokedAt));
  const [a] = await db.select({ n: count() }).from(auditLog);
  const [r] = await db.select({ n: count(), closed: count(reports.resolvedAt) }).from(reports);
  const [e] = await db.select({ n: count() }).from(domainEvents);
  const [m] = await db.select({ n: count() }).from(messages).where(isNotNull(messages.deletedAt));
  return {
    users: u!.n,
    lastUserUpdate: u!.last,
    revokedSessions: s!.n,
    audit: a!.n,
    reports: r!.n,
    closedReports: r!.closed,
    events: e!.n,
    deletedMessages: m!.n,
  };
}

/** One request refused with `status` / `code` in the error shape, writing nothing at all. */
export async function expectAdminRefusal(sut: TestServer, status: number, code: string | undefined, send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await adminRowCounts(sut);
  const response = await send();
  expectError(response, status, code as never);
  expect(await adminRowCounts(sut), 'rows changed').toEqual(before);
  return response;
}

/** The audit entries about one user, newest first (what the API answers). */
export async function auditOf(chat: ChatServer, admin: ChatUser, query: Record<string, string>): Promise<AuditEntry[]> {
  const response = await chat.api.get<AuditPage>(`/api/admin/audit-log?${new URLSearchParams(query)}`, { token: admin.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items;
}

export async function sessionRows(sut: TestServer, userId: string) {
  return sut.server.infra.database.db.select().from(sessions).where(eq(sessions.userId, userId));
}
