import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import { acquireDataDirLock, type DataDirBusyError as BusyError, DataDirBusyError } from './data-dir-lock';
import { PGliteThread } from './pglite-thread';
import { schema, type Schema } from './schema';

export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle or the database: the same query methods on both. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** Same folder from `src/` (tests) and from `dist/` (built): both sit two levels below the app. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '../../../drizzle');

/** timestamp, timestamptz, date, interval: kept as text, as drizzle's PGlite driver keeps them. */
const TEXT_TYPE_OIDS = [1114, 1184, 1082, 1186];

/** Arbitrary, fixed: every instance of DiscordGym takes this lock before migrating. */
const MIGRATION_LOCK_KEY = 4_242_001;

export interface DatabaseOptions {
  /** postgres://… for the cluster mode; undefined for embedded PGlite. */
  url?: string | undefined;
  /** PGlite's folder, or `memory://` for throw-away tests. */
  dataDir: string;
  poolMax: number;
  /** Who opens a PGlite folder (`server`, `admin-cli`): written into its lock file. */
  role?: string;
}

/**
 * The one handle to PostgreSQL, real or PGlite. Created once per process; the
 * repositories receive it through Nest's DI.
 */
export class Database {
  private readonly dialect = new PgDialect();

  private constructor(
    readonly db: Db,
    readonly kind: 'postgres' | 'pglite',
    private readonly closeFn: () => Promise<void>,
    private readonly migrateFn: () => Promise<void>,
    readonly pool: Pool | undefined,
    private readonly thread?: PGliteThread,
  ) {}

  /**
   * A hot statement whose text never changes (only its parameters do): parsed and planned
   * once per connection under `name` instead of on every call. For a statement like the
   * send, planning costs PostgreSQL several times what running it does. Rows as objects;
   * dates and timestamps may come as `Date` (pg) or text (PGlite).
   */
  async executeNamed(name: string, statement: SQL): Promise<Record<string, unknown>[]> {
    const query = this.dialect.sqlToQuery(statement);
    if (this.pool) return (await this.pool.query({ name, text: query.sql, values: query.params })).rows as Record<string, unknown>[];
    const result = await this.thread!.queryNamed(name, query.sql, query.params, TEXT_TYPE_OIDS);
    return result.rows as Record<string, unknown>[];
  }

  static open(options: DatabaseOptions): Database {
    if (options.url) {
      const pool = new Pool({ connectionString: options.url, max: options.poolMax });
      // A dropped idle connection must not crash the process; the pool replaces it.
      pool.on('error', () => undefined);
      const db = drizzlePg(pool, { schema }) as unknown as Db;
      return new Database(db, 'postgres', () => pool.end(), () => migrateUnderLock(pool), pool);
    }
    const dataDir = options.dataDir;
    const inMemory = dataDir.startsWith('memory://');
    if (!inMemory) mkdirSync(dataDir, { recursive: true });
    // Throws DataDirBusyError while another process (a server, the admin CLI) has it open.
    const lock = inMemory ? undefined : acquireDataDirLock(dataDir, options.role ?? 'server');
    let thread: PGliteThread;
    try {
      thread = new PGliteThread(dataDir);
    } catch (error) {
      lock?.release();
      throw error;
    }
    // drizzle's PGlite driver calls only what PGliteThread answers (query, exec, transaction).
    const client = thread as unknown as PGlite;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return new Database(
      db,
      'pglite',
      async () => {
        try {
          await thread.close();
        } finally {
          lock?.release();
        }
      },
      () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR }),
      undefined,
      thread,
    );
  }

  /**
   * `open`, but a PGlite folder held by another process is waited for (the admin CLI holds
   * it for a second or two) up to `timeoutMs`, then refused with who holds it.
   */
  static async openWhenFree(options: DatabaseOptions, { timeoutMs = 30_000, onWait }: { timeoutMs?: number; onWait?: (busy: BusyError) => void } = {}): Promise<Database> {
    const deadline = Date.now() + timeoutMs;
    for (let waited = false; ; waited = true) {
      try {
        return Database.open(options);
      } catch (error) {
        if (!(error instanceof DataDirBusyError) || Date.now() > deadline) throw error;
        if (!waited) onWait?.(error);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  migrate(): Promise<void> {
    return this.migrateFn();
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  close(): Promise<void> {
    return this.closeFn();
  }
}

/**
 * Many instances may start at once against one empty database: the first takes the
 * advisory lock and migrates, the others wait and then find nothing left to do.
 */
async function migrateUnderLock(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** PostgreSQL's SQLSTATE for a unique-constraint violation, from `pg` or PGlite. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = findPgError(error);
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

function findPgError(error: unknown): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string') {
      return { code: candidate.code, constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined };
    }
    current = candidate.cause;
  }
  return undefined;
}
