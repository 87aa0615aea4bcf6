/**
 * Where attachments' bytes are kept, apart from the database rows that describe them: a directory on a
 * single server (./disk-storage.ts), or a Postgres table when several servers share one database
 * (./postgres-storage.ts). Both take keys the server made, never a name or path from a client.
 */

/**
 * A store of byte blobs by key. Writes are all or nothing: a reader sees a blob whole or not at all.
 *
 * @example
 * ```ts
 * await storage.put(fileId, file.bytes);
 * const bytes = await storage.get(fileId); // undefined once deleted
 * await storage.delete([fileId, `${fileId}-thumbnail`]);
 * ```
 */
export interface FileStorage {
  /** Keeps `bytes` under `key`, replacing what was there. Resolves once they are durable. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the blobs under `keys`; a key with none is no error (a retried delete). */
  delete(keys: readonly string[]): Promise<void>;
  /** Releases what the storage holds of its own. */
  close(): Promise<void>;
}

// Letters, digits, `_` and `-`: what the server's ids are made of, and nothing a file system or a
// URL reads as structure (no `/`, `\`, `.`, `..`, NUL).
const STORAGE_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Whether `key` may name a blob: 1 to 100 letters, digits, `_` or `-`.
 *
 * @example
 * ```ts
 * isStorageKey('f_8c1d2e'); // true
 * isStorageKey('../../etc/passwd'); // false
 * ```
 */
export function isStorageKey(key: string): boolean {
  return STORAGE_KEY.test(key);
}

/**
 * Throws unless `key` is a {@link isStorageKey | storage key}. A storage calls it first on every key: a
 * bad one is a bug in the server (keys are its own ids), refused before it reaches a path or a query.
 *
 * @example
 * ```ts
 * assertStorageKey(key);
 * await writeFile(join(dir, key), bytes);
 * ```
 */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error(`not a storage key: ${JSON.stringify(key.slice(0, 120))}`);
}
