/**
 * Which store a server opens: Postgres for a `postgres://` (or `postgresql://`) URL, else SQLite (a file
 * path, or `:memory:`).
 */
import { openStore, type Store } from './store.js';

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** The clock, in ms. @default Date.now */
  now?: () => number;
  /** Where a background checkpoint's failure goes (SQLite files only, see checkpoints.ts). */
  checkpointFailed?: (error: Error) => void;
  /** Where an idle Postgres connection's failure goes (the pool opens another when next needed). */
  connectionFailed?: (error: Error) => void;
}

/**
 * Whether `database` names a Postgres database rather than an SQLite file.
 *
 * @example
 * ```ts
 * isPostgresUrl('postgres://chat@db.internal/clavard'); // true
 * isPostgresUrl('./clavard.db'); // false
 * ```
 */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/**
 * Opens the store `database` names, with its migrations applied: Postgres for a URL, else SQLite.
 *
 * @example
 * ```ts
 * const store = await openDatabase(process.env.CLAVARD_DATABASE_URL ?? './clavard.db');
 * ```
 */
export async function openDatabase(database: string, options: OpenDatabaseOptions = {}): Promise<Store> {
  if (isPostgresUrl(database)) {
    // Loaded only when asked for: a server on SQLite never loads the Postgres client.
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore({
      url: database,
      ...(options.now ? { now: options.now } : {}),
      ...(options.connectionFailed ? { onConnectionError: options.connectionFailed } : {}),
    });
  }
  return openStore({
    path: database,
    ...(options.now ? { now: options.now } : {}),
    ...(options.checkpointFailed ? { backgroundCheckpoints: options.checkpointFailed } : {}),
  });
}
