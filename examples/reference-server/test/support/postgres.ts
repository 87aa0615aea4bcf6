import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

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
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
