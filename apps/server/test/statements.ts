import { vi } from 'vitest';
import type { Database } from '../src/infra/db/database';

/**
 * The SQL statements the server sends while `work` runs, as far as they name one of `tables`
 * (quoted, as Drizzle writes them): other work of the process (session checks, the outbox,
 * jobs) may run at the same time and touches other tables. Both drivers (`pg`'s pool and
 * PGlite) take every statement through their `query`.
 */
export async function statementsDuring<T>(database: Database, tables: string[], work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const client = (database.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const spy = vi.spyOn(client, 'query');
  try {
    const result = await work();
    const named = new RegExp(`"(${tables.join('|')})"`);
    const statements = spy.mock.calls.map(([query]) => (typeof query === 'string' ? query : String((query as { text?: unknown }).text))).filter((text) => named.test(text));
    return { result, statements };
  } finally {
    spy.mockRestore();
  }
}
