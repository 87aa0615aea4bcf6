/**
 * Transactions on SQLite for a store whose operations answer with promises. SQLite has one connection:
 * while a transaction is open, everything run inside it (traced by AsyncLocalStorage through its awaits)
 * uses it, and any other caller waits for its COMMIT or ROLLBACK, so that nobody reads what may still be
 * rolled back, nor writes into a transaction that is not theirs.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from 'better-sqlite3';
import type { SearchIndex } from './search-index.js';
import type { GroupTransactions } from './store-types.js';
import type { WalSync } from './wal-sync.js';

/** A transaction in progress. */
interface Open {
  /** Resolves once it is committed or rolled back. */
  ended: Promise<void>;
  savepoints: number;
}

/**
 * The transactions of one SQLite database, see the file's comment.
 *
 * @example
 * ```ts
 * const tx = sqliteTransactions(db, search, wal);
 * const visitor = await tx.run(() => operations.visitor(id));
 * await tx.atomically(async () => { await store.end(id, ended); await store.rate(id, rating); });
 * ```
 */
export function sqliteTransactions(db: Database, search: SearchIndex, wal: WalSync) {
  const scope = new AsyncLocalStorage<Open>();
  let open: Open | undefined;

  /**
   * Another caller's transaction, open now. Waiting on it is always a loop whose last check runs in the
   * same microtask as what follows it: nobody can open a transaction in between.
   */
  const foreign = (): Open | undefined =>
    open !== undefined && scope.getStore() !== open ? open : undefined;

  const savepoint = async <T>(current: Open, work: () => Promise<T>): Promise<T> => {
    // SQLite rolls a transaction back whole on some errors (a full disk, an I/O error): what follows
    // must not be written in transactions of its own.
    if (!db.inTransaction) throw new Error('the transaction of this group was rolled back');
    const name = `s${++current.savepoints}`;
    const mark = search.mark();
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (db.inTransaction) {
        db.exec(`ROLLBACK TO ${name}`);
        db.exec(`RELEASE ${name}`);
      }
      search.forgetSince(db.inTransaction ? mark : 0);
      throw error;
    }
  };

  /**
   * A transaction of its own; the search index's entries written before its COMMIT, which does not wait
   * for the disk when `unsynced` (see wal-sync.ts).
   */
  const transaction = async <T>(work: () => Promise<T>, unsynced: boolean): Promise<T> => {
    for (let other = foreign(); other; other = foreign()) await other.ended;
    let end = (): void => {};
    const mine: Open = { ended: new Promise((resolve) => (end = resolve)), savepoints: 0 };
    open = mine;
    search.forgetSince(0);
    const synced = unsynced ? wal.unsynced() : () => {};
    try {
      db.exec('BEGIN IMMEDIATE');
      const result = await scope.run(mine, work);
      search.flush();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      search.forgetSince(0);
      throw error;
    } finally {
      synced();
      open = undefined;
      end();
    }
  };

  const groups: GroupTransactions = {
    transaction: (work) => transaction(work, true),
    async savepoint(work) {
      const current = scope.getStore();
      if (!current || current !== open) throw new Error('no group transaction is open');
      return savepoint(current, work);
    },
    sync: (done) => wal.sync(done),
  };

  return {
    /** Runs a synchronous operation once no other caller's transaction is open. */
    async run<T>(operation: () => T): Promise<T> {
      for (let other = foreign(); other; other = foreign()) await other.ended;
      return operation();
    },
    atomically<T>(work: () => Promise<T>): Promise<T> {
      const current = scope.getStore();
      if (current !== undefined && current === open) return savepoint(current, work);
      return transaction(work, false);
    },
    groups,
    /** Resolves once no transaction is open. */
    async idle(): Promise<void> {
      while (open) await open.ended;
    },
  };
}
