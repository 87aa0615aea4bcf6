import type { Database } from 'better-sqlite3';

/**
 * One step of the SQLite schema: applied once, in order; the file's `user_version` is the last step it
 * has. A released step never changes; a change is a new step (as for Postgres: postgres/migrations.ts).
 */
export interface SqliteMigration {
  version: number;
  name: string;
  apply(db: Database): void;
}

/**
 * Brings the file up to the latest step, in one write transaction taken at once (`BEGIN IMMEDIATE`), so
 * that processes opening the same file together apply each step once: the others wait for the lock, then
 * read the new `user_version` and find nothing left to do. Returns the versions this call applied; none of
 * them when one fails.
 *
 * @example
 * ```ts
 * applySqliteMigrations(db, SQLITE_MIGRATIONS); // [1] on a new file, [] after
 * ```
 */
export function applySqliteMigrations(db: Database, steps: readonly SqliteMigration[]): number[] {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    const applied: number[] = [];
    for (const step of steps) {
      if (step.version <= current) continue;
      step.apply(db);
      // The header's version is written by the same transaction: the step and its mark go together.
      db.pragma(`user_version = ${Math.trunc(step.version)}`);
      applied.push(step.version);
    }
    return applied;
  });
  return run.immediate();
}
