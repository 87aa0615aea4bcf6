import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase } from '../../../../scripts/services.mjs';

/** The URL of this run's private Postgres (scripts/test-services.ts), or why there is none. */
const adminUrl = (): string => {
  const url = inject('postgresUrl');
  if (url === undefined) {
    throw new Error(
      `no Postgres for the tests: ${inject('servicesMissing').postgres ?? 'not started'}; npm test installs it`,
    );
  }
  return url;
};

/**
 * A pool on `url` for a test. Dropping its database (`drop()`, `WITH (FORCE)`) ends the connections the
 * server still has, even those of a pool that was just ended: their "terminating connection due to
 * administrator command" is expected then, and is the only error let pass.
 *
 * @example
 * ```ts
 * const pool = testPool(database.url, 10);
 * ```
 */
export function testPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== ADMIN_SHUTDOWN) throw error;
  });
  return pool;
}

/** Postgres's code for a connection ended by the server's administrator (here: the drop). */
const ADMIN_SHUTDOWN = '57P01';

/**
 * A new, empty database on the run's private Postgres, for one test file or test: `{ url, drop }`.
 * `drop()` removes it, ending whatever connections are still open to it.
 *
 * @example
 * ```ts
 * const database = await throwawayDatabase();
 * afterAll(() => database.drop());
 * ```
 */
export async function throwawayDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = adminUrl();
  const name = `clavard_test_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const url = await createDatabase(admin, name);
  return { url, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
