import { type SQL, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterEach, describe, expect, it } from 'vitest';
import { Database, isUniqueViolation } from './database';

const notes = pgTable('t', { id: integer('id').primaryKey(), note: text('note') });

/** Issue 15: embedded PGlite runs on a thread of its own, with PGlite's semantics kept. */
describe('PGlite on its own thread', () => {
  const open: Database[] = [];
  const database = async () => {
    const db = Database.open({ dataDir: 'memory://', poolMax: 1 });
    open.push(db);
    await db.db.execute(sql`create table t (id int primary key, note text, at timestamptz default now())`);
    return db;
  };
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  /** `execute` answers `{ rows }` on both drivers; drizzle types it loosely. */
  const query = async (db: Database, statement: SQL) => ((await db.db.execute(statement)) as unknown as { rows: unknown[] }).rows;
  const rows = (db: Database) => query(db, sql`select id, note from t order by id`);

  it('leaves the event loop free while a statement runs', async () => {
    const db = await database();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      // Several hundred milliseconds of WebAssembly: on the app's thread no timer could fire meanwhile.
      expect(await query(db, sql`select count(*)::int as n from generate_series(1, 3000000)`)).toEqual([{ n: 3_000_000 }]);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(5);
  });

  it('commits a transaction, and rolls one back when its callback throws', async () => {
    const db = await database();
    await db.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t (id, note) values (1, 'kept')`);
    });
    await expect(
      db.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t (id, note) values (2, 'lost')`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(
      db.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t (id, note) values (3, 'lost too')`);
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(await rows(db)).toEqual([{ id: 1, note: 'kept' }]);
  });

  it('makes statements outside an open transaction wait for it, as PGlite does', async () => {
    const db = await database();
    const order: string[] = [];
    let releaseTx!: () => void;
    const holding = new Promise<void>((resolve) => (releaseTx = resolve));
    const tx = db.db.transaction(async (t) => {
      await t.execute(sql`insert into t (id, note) values (1, 'in tx')`);
      order.push('tx wrote');
      await holding;
      await t.execute(sql`update t set note = 'in tx, updated' where id = 1`);
      order.push('tx done');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = query(db, sql`select note from t where id = 1`).then((found) => {
      order.push('outside read');
      return found;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseTx();
    await tx;
    expect(await outside).toEqual([{ note: 'in tx, updated' }]);
    expect(order).toEqual(['tx wrote', 'tx done', 'outside read']);
  });

  it("passes PostgreSQL's error code and constraint across, and keeps timestamps as drizzle wants them", async () => {
    const db = await database();
    await db.db.execute(sql`insert into t (id, note) values (1, 'first')`);
    const error = await db.db.execute(sql`insert into t (id, note) values (1, 'again')`).catch((e: unknown) => e);
    expect(isUniqueViolation(error, 't_pkey')).toBe(true);
    const [row] = (await query(db, sql`select at from t`)) as { at: unknown }[];
    expect(typeof row!.at).toBe('string');
    // The connection is usable after a failed statement.
    expect(await rows(db)).toEqual([{ id: 1, note: 'first' }]);
  });

  it('prepares a statement the second time its text runs, and keeps at most 256 of them', async () => {
    const db = await database();
    const prepared = async () => Number(((await query(db, sql`select count(*)::int as n from pg_prepared_statements`)) as { n: number }[])[0]!.n);
    const insert = (id: number) => db.db.insert(notes).values({ id, note: `note ${id}` }).returning();
    expect(await insert(1)).toEqual([{ id: 1, note: 'note 1' }]);
    const before = await prepared();
    expect(await insert(2)).toEqual([{ id: 2, note: 'note 2' }]);
    expect(await insert(3)).toEqual([{ id: 3, note: 'note 3' }]);
    expect(await prepared()).toBeGreaterThan(before);
    // 300 texts, each run twice: every answer right, and the oldest statements closed.
    for (let i = 0; i < 300; i++) {
      for (let run = 0; run < 2; run++) {
        const [row] = (await query(db, sql.raw(`select ${i} + ${run} as n`))) as { n: number }[];
        expect(row!.n).toBe(i + run);
      }
    }
    expect(await prepared()).toBeLessThanOrEqual(256);
    expect(await rows(db)).toEqual([1, 2, 3].map((id) => ({ id, note: `note ${id}` })));
  });

  it('refuses statements once closed instead of hanging', async () => {
    const db = Database.open({ dataDir: 'memory://', poolMax: 1 });
    await db.ping();
    await db.close();
    await expect(db.ping()).rejects.toMatchObject({ cause: { message: 'the database is closed' } });
  });
});
