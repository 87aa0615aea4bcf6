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
