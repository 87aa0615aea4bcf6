import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migratePostgres } from '../src/db/postgres/migrations.js';
import { migrate } from '../src/db/schema.js';
import { testPool, throwawayDatabase } from './support/postgres.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A pool on a new database, ended and dropped after the test. */
const freshPool = async (): Promise<pg.Pool> => {
  const database = await throwawayDatabase();
  const pool = testPool(database.url);
  cleanups.push(() => database.drop());
  cleanups.push(() => pool.end());
  return pool;
};

const migrated = async (pool: pg.Pool): Promise<number[]> => {
  const client = await pool.connect();
  try {
    return await migratePostgres(client);
  } finally {
    client.release();
  }
};

/** Table → its columns, sorted, as each engine describes them. */
const sqliteColumns = (): Map<string, string[]> => {
  const db = new Database(':memory:');
  migrate(db, () => 'epoch');
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts%'",
    )
    .all();
  const columns = new Map(
    tables.map(({ name }) => [
      name,
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
        .all()
        .map((column) => column.name)
        .sort(),
    ]),
  );
  db.close();
  return columns;
};

const postgresColumns = async (pool: pg.Pool): Promise<Map<string, string[]>> => {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name NOT IN ('schema_migrations', 'messages_search')`,
  );
  const columns = new Map<string, string[]>();
  for (const row of rows)
    columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name]);
  for (const list of columns.values()) list.sort();
  return columns;
};

describe('the Postgres schema', () => {
  it('has the tables and columns of the SQLite schema', async () => {
    const pool = await freshPool();
    expect(await migrated(pool)).toEqual(MIGRATIONS.map((migration) => migration.version));
    const postgres = await postgresColumns(pool);
    // The order conversations arrived in is SQLite's rowid, a column of its own on Postgres.
    const conversations = postgres.get('conversations');
    if (conversations)
      postgres.set(
        'conversations',
        conversations.filter((column) => column !== 'arrival'),
      );
    // The files' bytes: on Postgres in the database every node shares; beside the file on SQLite.
    postgres.delete('attachment_blobs');
    const sqlite = sqliteColumns();
    expect(Object.fromEntries([...postgres].sort())).toEqual(Object.fromEntries([...sqlite].sort()));
  });

  it('applies each step once, however many nodes start at the same time', async () => {
    const pool = await freshPool();
    const runs = await Promise.all([migrated(pool), migrated(pool), migrated(pool)]);
    expect(runs.flat().sort()).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(await migrated(pool)).toEqual([]);
    const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it('applies a later step alone, and none of a step that fails', async () => {
    const pool = await freshPool();
    await migrated(pool);
    const client = await pool.connect();
    try {
      const last = MIGRATIONS.length;
      const broken = { version: last + 2, name: 'broken', sql: 'ALTER TABLE nowhere ADD COLUMN x TEXT' };
      const next = {
        version: last + 1,
        name: 'a column',
        sql: 'ALTER TABLE visitors ADD COLUMN nickname TEXT',
      };
      await expect(migratePostgres(client, [...MIGRATIONS, next, broken])).rejects.toThrow(/nowhere/);
      // Nothing of the failed run landed, not even the good step before it.
      const { rows } = await client.query(
        "SELECT 1 FROM information_schema.columns WHERE column_name = 'nickname'",
      );
      expect(rows).toEqual([]);
      expect(await migratePostgres(client, [...MIGRATIONS, next])).toEqual([last + 1]);
    } finally {
      client.release();
    }
  });
});
