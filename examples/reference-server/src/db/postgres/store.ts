/**
 * The reference server's store on Postgres, shared by every node of a cluster: a pool, the schema brought
 * up to date (migrations.ts), the database's epoch, and the operations of the files beside this one, run
 * in the transactions of transactions.ts. Postgres's BIGINT and NUMERIC (times, seqs, averages) are read
 * as JS numbers, as SQLite gives them.
 *
 * Where it answers otherwise than SQLite:
 * - `atomically` at the top runs its work again after a deadlock or a serialization failure, so the work
 *   must be safe to run twice (transactions.ts);
 * - rows tied in time other than conversations (which keep the order they arrived in, a column of their
 *   own) come in the order of their ids, SQLite's in the order they were written;
 * - a NUL character in a string is stored as U+FFFD (sql.ts, `withoutNul`);
 * - the archive's search folds diacritics by Unicode's decomposition, which leaves a few letters (ø, ł)
 *   that SQLite folds (search-words.ts);
 * - an erased visitor's rows are dead tuples on disk until (auto)vacuum reclaims them.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPostgresStorage } from '../../files/postgres-storage.js';
import type { Store } from '../store-types.js';
import { accountOperations } from './account-operations.js';
import { archiveOperations } from './archive-operations.js';
import { attachmentOperations } from './attachment-operations.js';
import { conversationOperations } from './conversation-operations.js';
import { eventOperations } from './event-operations.js';
import { formOperations } from './form-operations.js';
import { handoffOperations } from './handoff-operations.js';
import { inboxOperations } from './inbox-operations.js';
import { migratePostgres } from './migrations.js';
import { one } from './sql.js';
import { type PostgresDeps, postgresTransactions } from './transactions.js';
import { visitorOperations } from './visitor-operations.js';

/**
 * Options of {@link openPostgresStore}.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { url: 'postgres://clavard@db.internal/clavard', poolSize: 20 };
 * ```
 */
export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database`. */
  url: string;
  /** The clock, in ms. @default Date.now */
  now?: () => number;
  /** Makes ids. @default crypto.randomUUID */
  createId?: () => string;
  /** How many connections the pool opens at most. @default 10 */
  poolSize?: number;
  /**
   * Hears of an idle connection that failed (the server restarted, or ended it). The pool has dropped it
   * already and opens another for the next query, whose own failures reach its caller; without a
   * listener, such an error would end the process. @default ignored
   */
  onConnectionError?: (error: Error) => void;
}

/** Postgres's type ids of BIGINT (times, seqs, counts) and NUMERIC (averages). */
const INT8 = 20;
const NUMERIC = 1700;

/** Reads BIGINT and NUMERIC as numbers: times in ms and seqs stay far below 2^53. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Brings the schema up to date and returns the epoch, made once with the database. */
async function prepare(pool: pg.Pool, createId: () => string): Promise<string> {
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  await pool.query("INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", [
    createId(),
  ]);
  const row = await one<{ value: string }>(
    (text, values) => pool.query(text, values) as never,
    "SELECT value FROM meta WHERE key = 'epoch'",
  );
  if (!row) throw new Error('the database has no epoch');
  return row.value;
}

/**
 * Opens the reference server's Postgres database (creating its tables when needed): the server's
 * {@link Store}, whose operations every node may run at once.
 *
 * @example
 * ```ts
 * const store = await openPostgresStore({ url: process.env.CLAVARD_POSTGRES_URL ?? 'postgres://localhost/clavard' });
 * const visitor = await store.createVisitor(hashToken(token), 'en');
 * await store.close();
 * ```
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types });
  pool.on('error', options.onConnectionError ?? (() => undefined));
  const createId = options.createId ?? randomUUID;
  let epoch: string;
  try {
    epoch = await prepare(pool, createId);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const tx = postgresTransactions(pool);
  const deps: PostgresDeps = { tx, now: options.now ?? Date.now, createId, epoch };
  return {
    ...accountOperations(deps),
    ...archiveOperations(deps),
    ...conversationOperations(deps),
    ...eventOperations(deps),
    ...formOperations(deps),
    ...inboxOperations(deps),
    ...attachmentOperations(deps),
    ...handoffOperations(deps),
    ...visitorOperations(deps),
    epoch,
    engine: 'postgres',
    atomically: (work) => tx.atomically(work),
    claimVisitor: (visitorId) => tx.claimVisitor(visitorId),
    groups: tx.groups,
    fileStorage: () => createPostgresStorage(pool),
    async close() {
      await tx.idle();
      await pool.end();
    },
  };
}
