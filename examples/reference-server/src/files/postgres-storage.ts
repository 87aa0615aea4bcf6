/**
 * Attachments in a Postgres table, for servers that share one database and no disk: any of them can
 * serve a file another received. A row is written in one statement, so it is whole or absent; BYTEA
 * holds up to 1 GB, far over any attachment limit.
 */
import type pg from 'pg';
import { assertStorageKey, type FileStorage } from './file-storage.js';

/**
 * The table {@link createPostgresStorage} uses, for the server's migrations: the storage never creates
 * it itself, so that the schema has one owner.
 *
 * @example
 * ```ts
 * await client.query(ATTACHMENT_BLOBS_DDL);
 * ```
 */
export const ATTACHMENT_BLOBS_DDL = `CREATE TABLE IF NOT EXISTS attachment_blobs (
  key TEXT PRIMARY KEY,
  bytes BYTEA NOT NULL
)`;

/**
 * A {@link FileStorage} in the table `attachment_blobs` ({@link ATTACHMENT_BLOBS_DDL}) of `pool`'s
 * database. The pool stays its owner's: `close()` does not end it.
 *
 * @example
 * ```ts
 * const storage = createPostgresStorage(pool);
 * await storage.put(fileId, file.bytes);
 * ```
 */
export function createPostgresStorage(pool: pg.Pool): FileStorage {
  return {
    async put(key, bytes) {
      assertStorageKey(key);
      // An upsert: a put retried after a lost answer, or one racing another, does not fail on the key.
      await pool.query(
        `INSERT INTO attachment_blobs (key, bytes) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET bytes = EXCLUDED.bytes`,
        [key, bytes],
      );
    },

    async get(key) {
      assertStorageKey(key);
      // pg reads a BYTEA column as a Buffer.
      const { rows } = await pool.query<{ bytes: Buffer }>(
        'SELECT bytes FROM attachment_blobs WHERE key = $1',
        [key],
      );
      return rows[0]?.bytes;
    },

    async delete(keys) {
      for (const key of keys) assertStorageKey(key);
      if (keys.length === 0) return;
      await pool.query('DELETE FROM attachment_blobs WHERE key = ANY($1::text[])', [[...keys]]);
    },

    // The pool belongs to the store that made it, which ends it.
    async close() {},
  };
}
