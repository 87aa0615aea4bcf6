/**
 * The reference server's store on SQLite, its embedded default: the operations of sqlite-operations.ts,
 * each answering with a promise, in transactions of sqlite-transactions.ts.
 */
import { openSqlite, type StoreOptions } from './sqlite-operations.js';
import { sqliteTransactions } from './sqlite-transactions.js';
import type { Async, Store, StoreOperations } from './store-types.js';

export type { StoreOptions } from './sqlite-operations.js';
export * from './store-types.js';

/**
 * Opens (and creates when needed) the reference server's SQLite database.
 *
 * @example
 * ```ts
 * const store = openStore({ path: process.env.CLAVARD_DB ?? './clavard.db' });
 * const visitor = await store.visitor(visitorId);
 * ```
 */
export function openStore(options: StoreOptions): Store {
  const sqlite = openSqlite(options);
  const tx = sqliteTransactions(sqlite.db, sqlite.search, sqlite.wal);
  const operations = {} as Record<string, unknown>;
  for (const [name, operation] of Object.entries(sqlite.operations)) {
    const run = operation as (...args: unknown[]) => unknown;
    operations[name] = (...args: unknown[]) => tx.run(() => run(...args));
  }
  return {
    ...(operations as Async<StoreOperations>),
    epoch: sqlite.epoch,
    engine: 'sqlite',
    atomically: (work) => tx.atomically(work),
    // One writer: a transaction on SQLite already keeps every other out.
    claimVisitor: async () => {},
    groups: tx.groups,
    async close() {
      await tx.idle();
      sqlite.close();
    },
  };
}
