import type { Database } from 'better-sqlite3';
import type { SearchIndex } from './search-index.js';

/**
 * `fn` as one atomic write: its own transaction when none is open, ending with the search index's entries
 * for its messages, or inline when it runs inside one (a group commit's savepoint already covers it:
 * rolled back whole if anything in it throws; the group's transaction writes the index's entries).
 * better-sqlite3 would nest a savepoint per call, two statements more for every message of a group.
 *
 * @example
 * ```ts
 * const storeMessage = atomic(db, search, (input: MessageInput) => { … });
 * ```
 */
export function atomic<A extends unknown[], R>(
  db: Database,
  search: SearchIndex,
  fn: (...args: A) => R,
): (...args: A) => R {
  const transaction = db.transaction((...args: A) => {
    const result = fn(...args);
    search.flush();
    return result;
  });
  return (...args) => {
    if (db.inTransaction) return fn(...args);
    // Nothing noted before this transaction is anyone's any more (one SQLite rolled back whole).
    search.forgetSince(0);
    try {
      return transaction(...args);
    } catch (error) {
      search.forgetSince(0);
      throw error;
    }
  };
}

const runners = new WeakMap<Database, (work: () => void) => void>();
/** One transaction function per database (better-sqlite3 builds one per call of `db.transaction`). */
const runIn = (db: Database): ((work: () => void) => void) => {
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((work: () => void) => work());
    runners.set(db, run);
  }
  return run;
};

/**
 * Runs `work` in a savepoint of the open transaction: when it throws, its writes are rolled back and the
 * messages it noted for the index forgotten, and the error goes on. Throws when no transaction is open.
 *
 * @example
 * ```ts
 * store.atomically(() => { for (const item of group) inSavepoint(db, search, item.work); });
 * ```
 */
export function inSavepoint(db: Database, search: SearchIndex, work: () => void): void {
  // SQLite rolls a transaction back whole on some errors (a full disk, an I/O error): the group is lost,
  // and what follows must not be written in transactions of its own.
  if (!db.inTransaction) throw new Error('the transaction of this group was rolled back');
  const mark = search.mark();
  try {
    runIn(db)(work);
  } catch (error) {
    search.forgetSince(db.inTransaction ? mark : 0);
    throw error;
  }
}
