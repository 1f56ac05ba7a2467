import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * PGlite on a worker thread of its own, behind the part of PGlite's interface that
 * drizzle's PGlite driver calls (`query`, `exec`, `transaction`, `close`).
 *
 * Why: PGlite is PostgreSQL compiled to WebAssembly, and on the app's thread every
 * statement runs on the event loop. Under load the process sat at 100 % of one core with
 * the second core idle, and sockets, acks and handshakes waited behind SQL. On a thread of
 * its own the database works on the other core while the event loop serves clients.
 *
 * Semantics stay PGlite's: one connection, statements run one at a time in arrival order,
 * and a transaction holds the connection until it commits or rolls back (statements
 * outside it wait, as they do in PGlite itself).
 */

/** The worker's CommonJS source: the package path comes in workerData, so nothing depends on its cwd. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite, protocol, parse } = require(workerData.pglite);
const db = new PGlite(workerData.dataDir);
const transactions = new Map();
const parserSets = new Map();

// drizzle's parsers keep dates, intervals and some arrays as PostgreSQL's text; functions
// cannot cross threads, so the caller names the type oids and they come back as text here.
function textParsers(oids) {
  const key = oids.join(',');
  let parsers = parserSets.get(key);
  if (!parsers) {
    parsers = {};
    for (const oid of oids) parsers[oid] = (value) => value;
    parserSets.set(key, parsers);
  }
  return parsers;
}

function plainError(error) {
  const out = { message: String((error && error.message) || error) };
  if (error && typeof error === 'object') {
    for (const key of Object.keys(error)) {
      const value = error[key];
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    }
  }
  return out;
}

// A transaction holds PGlite's connection from BEGIN until the caller says commit or
// rollback; PGlite runs COMMIT or ROLLBACK when the callback below settles.
function begin(txId) {
  return new Promise((opened, failed) => {
    const entry = {};
    entry.outcome = db.transaction(
      (tx) =>
        new Promise((commit, rollback) => {
          Object.assign(entry, { tx, commit, rollback });
          transactions.set(txId, entry);
          opened();
        }),
    );
    // BEGIN itself failed: the callback never ran.
    entry.outcome.catch((error) => {
      if (!entry.tx) failed(error);
    });
  });
}

// Prepared statements: PGlite's own query() parses and plans every statement afresh, and
// for statements like the send or a history page planning costs several times running
// them. A text seen a second time (or a caller's named statement, at once) is parsed once
// and from then on only bound and executed by name, through the same wire messages
// query() sends, under the same locks (the caller's open transaction, else the
// connection), as pg drivers with a statement cache do. At most STATEMENTS_MAX are kept;
// the least recently used one is closed to make room.
const STATEMENTS_MAX = 256;
const SIGHTINGS_MAX = 10000;
const statements = new Map();
const sightings = new Set();
let statementCount = 0;

function preparedFor(text, name) {
  const statement = statements.get(text);
  if (statement) {
    statements.delete(text);
    statements.set(text, statement);
    return statement;
  }
  if (name === undefined && !sightings.has(text)) {
    if (sightings.size >= SIGHTINGS_MAX) sightings.clear();
    sightings.add(text);
    return undefined;
  }
  sightings.delete(text);
  return { name: name ?? 'dg_' + ++statementCount, paramOids: undefined };
}

async function runPrepared(message, statement, inTransaction) {
  const work = async () => {
    const received = [];
    const send = async (bytes) => {
      const { messages } = await db.execProtocol(bytes, { syncToFs: false });
      received.push(...messages);
      return messages;
    };
    try {
      if (!statement.paramOids) {
        if (statements.size >= STATEMENTS_MAX) {
          const [oldest, evicted] = statements.entries().next().value;
          statements.delete(oldest);
          await send(protocol.serialize.close({ type: 'S', name: evicted.name }));
        }
        await send(protocol.serialize.parse({ name: statement.name, text: message.sql, types: [] }));
        statements.set(message.sql, statement);
        const described = await send(protocol.serialize.describe({ type: 'S', name: statement.name }));
        statement.paramOids = described.find((m) => m.name === 'parameterDescription')?.dataTypeIDs ?? [];
      }
      const values = (message.params || []).map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = db.serializers[statement.paramOids[i]];
        return serializer ? serializer(value) : value.toString();
      });
      received.length = 0;
      await send(protocol.serialize.bind({ statement: statement.name, values }));
      await send(protocol.serialize.describe({ type: 'P' }));
      await send(protocol.serialize.execute({}));
    } finally {
      await send(protocol.serialize.sync());
    }
    if (!inTransaction) await db.syncToFs();
    const options = { rowMode: message.rowMode, parsers: message.textOids ? textParsers(message.textOids) : undefined };
    const [result] = parse.parseResults(received, db.parsers, options);
    return { rows: result ? result.rows : [], fields: result ? result.fields : [], affectedRows: result ? result.affectedRows : 0 };
  };
  await db.waitReady;
  return inTransaction ? db._runExclusiveQuery(work) : db._runExclusiveTransaction(() => db._runExclusiveQuery(work));
}

async function run(message) {
  const { op, tx: txId } = message;
  const target = txId === undefined || op === 'begin' || op === 'commit' || op === 'rollback' ? db : transactions.get(txId)?.tx;
  if (!target) throw new Error('no open transaction ' + txId);
  switch (op) {
    case 'query':
    case 'named': {
      const statement = preparedFor(message.sql, op === 'named' ? message.name : undefined);
      if (statement) return runPrepared(message, statement, txId !== undefined);
      const options = message.rowMode || message.textOids ? { rowMode: message.rowMode, parsers: message.textOids ? textParsers(message.textOids) : undefined } : undefined;
      const result = await target.query(message.sql, message.params, options);
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'exec': {
      const results = await target.exec(message.sql);
      return results.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    }
    case 'begin':
      await begin(txId);
      return null;
    case 'commit':
    case 'rollback': {
      const entry = transactions.get(txId);
      if (!entry) throw new Error('no open transaction ' + txId);
      transactions.delete(txId);
      if (op === 'commit') {
        entry.commit();
        await entry.outcome;
      } else {
        entry.rollback(new Error('rolled back by the caller'));
        await entry.outcome.catch(() => undefined);
      }
      return null;
    }
    case 'ready':
      await db.waitReady;
      return null;
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error('unknown operation ' + op);
  }
}

parentPort.on('message', (message) => {
  run(message).then(
    (value) => parentPort.postMessage({ id: message.id, value }),
    (error) => parentPort.postMessage({ id: message.id, error: plainError(error) }),
  );
});
`;

export interface ThreadQueryOptions {
  rowMode?: 'array' | 'object';
  /** drizzle passes parsers keyed by type oid; each is taken to mean "keep the text". */
  parsers?: Record<number, unknown>;
}

export interface ThreadResults {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

/** Statements of one transaction, on the connection it holds. */
class ThreadTransaction {
  constructor(
    private readonly thread: PGliteThread,
    readonly id: number,
  ) {}

  query(sql: string, params?: unknown[], options?: ThreadQueryOptions): Promise<ThreadResults> {
    return this.thread.query(sql, params, options, this.id);
  }

  exec(sql: string): Promise<ThreadResults[]> {
    return this.thread.exec(sql, this.id);
  }

  /** PGlite's own `tx.rollback()`: ends the transaction by throwing out of its callback. */
  rollback(): Promise<void> {
    return Promise.reject(new Error('transaction rolled back'));
  }
}

export class PGliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextTransaction = 1;
  private stopped: Error | undefined;
  private closing = false;
  readonly waitReady: Promise<void>;

  constructor(dataDir: string) {
    const pglite = createRequire(__filename).resolve('@electric-sql/pglite');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pglite, dataDir } });
    // Referenced only while a statement is out: an idle database must not keep the process alive.
    this.worker.unref();
    this.worker.on('message', (message: { id: number; value?: unknown; error?: Record<string, unknown> & { message: string } }) => {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.settled(message.id);
      if (message.error) call.reject(Object.assign(new Error(message.error.message), message.error));
      else call.resolve(message.value as never);
    });
    this.worker.on('error', (error) => this.stop(error));
    this.worker.on('exit', (code) => this.stop(new Error(`the PGlite thread exited with code ${code}`)));
    this.waitReady = this.call<void>({ op: 'ready' });
  }

  query(sql: string, params?: unknown[], options?: ThreadQueryOptions, tx?: number): Promise<ThreadResults> {
    const textOids = options?.parsers ? Object.keys(options.parsers).map(Number) : undefined;
    return this.call({ op: 'query', sql, params, rowMode: options?.rowMode, textOids, tx });
  }

  exec(sql: string, tx?: number): Promise<ThreadResults[]> {
    return this.call({ op: 'exec', sql, tx });
  }

  /**
   * A statement run often with the same text: parsed and planned once per `name`, then
   * only bound and executed. Rows come as objects; `textOids` stay PostgreSQL's text.
   */
  queryNamed(name: string, sql: string, params: unknown[], textOids?: number[]): Promise<ThreadResults> {
    return this.call({ op: 'named', name, sql, params, rowMode: 'object', textOids });
  }

  async transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const tx = this.nextTransaction++;
    await this.call({ op: 'begin', tx });
    let result: T;
    try {
      result = await fn(new ThreadTransaction(this, tx));
    } catch (error) {
      await this.call({ op: 'rollback', tx }).catch(() => undefined);
      throw error;
    }
    await this.call({ op: 'commit', tx });
    return result;
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.closing = true;
    try {
      await this.call({ op: 'close' });
    } finally {
      await this.worker.terminate();
      this.stop(new Error('the database is closed'));
    }
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  /** A thread that died takes every statement in flight with it; later ones are refused. */
  private stop(error: Error): void {
    if (this.stopped) return;
    this.stopped = this.closing ? new Error('the database is closed') : error;
    for (const [id, call] of this.pending) {
      this.settled(id);
      call.reject(this.stopped);
    }
  }
}
