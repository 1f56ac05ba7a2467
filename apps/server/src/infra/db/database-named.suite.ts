import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, isUniqueViolation } from './database';

/**
 * `executeNamed` (issue 15): a hot statement is parsed and planned once per connection,
 * on PostgreSQL (pg's named statements) and on PGlite (the wire protocol's, on its thread).
 * `open` gives a database with one connection, so the session the test reads is the one
 * that prepared the statement.
 */
export function namedStatementSuite(mode: string, open: () => Promise<Database>): void {
  describe(`named statements (${mode})`, () => {
    let database: Database;
    const table = `named_${Math.random().toString(36).slice(2, 8)}`;
    const insert = (id: number, note: string) =>
      database.executeNamed(`${table}_insert`, sql`insert into ${sql.identifier(table)} (id, note) values (${id}::int, ${note}::text) returning id, note, at`);

    beforeAll(async () => {
      database = await open();
      await database.db.execute(sql`create table ${sql.identifier(table)} (id int primary key, note text, at timestamptz not null default now())`);
    });
    afterAll(async () => {
      await database.db.execute(sql`drop table if exists ${sql.identifier(table)}`);
      await database.close();
    });

    it('answers each call with its own parameters, from a statement prepared once', async () => {
      const first = await insert(1, 'one');
      const second = await insert(2, 'two');
      expect(first).toEqual([{ id: 1, note: 'one', at: expect.anything() }]);
      expect(second).toEqual([{ id: 2, note: 'two', at: expect.anything() }]);
      expect(Number.isNaN(new Date(String(first[0]!.at instanceof Date ? first[0]!.at.toISOString() : first[0]!.at)).getTime())).toBe(false);
      const prepared = (await database.db.execute(sql`select name from pg_prepared_statements where name = ${`${table}_insert`}`)) as unknown as { rows: unknown[] };
      expect(prepared.rows).toEqual([{ name: `${table}_insert` }]);
    });

    it("passes PostgreSQL's errors on with their code, and keeps working after one", async () => {
      const error = await insert(1, 'again').catch((e: unknown) => e);
      expect(isUniqueViolation(error, `${table}_pkey`)).toBe(true);
      expect(await insert(3, 'three')).toEqual([{ id: 3, note: 'three', at: expect.anything() }]);
      const notes = (await database.db.execute(sql`select note from ${sql.identifier(table)} order by id`)) as unknown as { rows: unknown[] };
      expect(notes.rows).toEqual([{ note: 'one' }, { note: 'two' }, { note: 'three' }]);
    });

    it('waits for a transaction that holds the connection, and sees what it committed', async () => {
      let release!: () => void;
      const holding = new Promise<void>((resolve) => (release = resolve));
      const order: string[] = [];
      const tx = database.db.transaction(async (t) => {
        await t.execute(sql`insert into ${sql.identifier(table)} (id, note) values (10, 'in tx')`);
        await holding;
        order.push('tx done');
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const read = database
        .executeNamed(`${table}_read`, sql`select note from ${sql.identifier(table)} where id = ${10}::int`)
        .then((rows) => (order.push('named read'), rows));
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await tx;
      expect(await read).toEqual([{ note: 'in tx' }]);
      expect(order).toEqual(['tx done', 'named read']);
    });
  });
}
