import type { Database } from 'better-sqlite3';

/**
 * `fn` as one atomic write: its own transaction when none is open, inline when it runs inside one (a
 * group commit's savepoint already covers it: rolled back whole if anything in it throws). better-sqlite3
 * would nest a savepoint per call, two statements more for every message of a group.
 *
 * @example
 * ```ts
 * const storeMessage = atomic(db, (input: MessageInput) => { … });
 * ```
 */
export function atomic<A extends unknown[], R>(db: Database, fn: (...args: A) => R): (...args: A) => R {
  const transaction = db.transaction(fn);
  return (...args) => (db.inTransaction ? fn(...args) : transaction(...args));
}
