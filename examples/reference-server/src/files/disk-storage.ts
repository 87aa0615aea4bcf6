/**
 * Attachments as files in one directory, one file per key. A file is written under a temporary name,
 * flushed to the disk, then renamed to its key: a rename is atomic, so a crash leaves the old file or
 * the new one under the key, never half of one. The directory is flushed too, since the rename (or the
 * unlink) is an entry of the directory, not of the file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { assertStorageKey, type FileStorage } from './file-storage.js';

const isMissing = (error: unknown): boolean => (error as { code?: unknown }).code === 'ENOENT';

/** Flushes `path` (a file or a directory) to the disk. */
async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `bytes` to a new file at `path` (refusing one that exists) and flushes it. */
async function writeNewFile(path: string, bytes: Buffer): Promise<void> {
  // 0o600: the bytes are the visitors' files, for the server's user alone.
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A {@link FileStorage} of files under `dir`, which is made (mode 0o700) when missing. Keys are checked
 * ({@link assertStorageKey}) before they become file names.
 *
 * @example
 * ```ts
 * const storage = createDiskStorage(join(dataDir, 'attachments'));
 * await storage.put(fileId, file.bytes);
 * ```
 */
export function createDiskStorage(dir: string): FileStorage {
  // On each write rather than once: a directory removed under a running server (a cleanup script) comes
  // back, and a failed first attempt is not remembered. On an existing directory it is one system call.
  const directory = async (): Promise<void> => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  };
  const pathOf = (key: string): string => {
    assertStorageKey(key);
    return join(dir, key);
  };

  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await directory();
      // A leading dot and a random part: never a key (keys have no dot), never another put's file.
      const temporary = join(dir, `.${key}.${randomBytes(8).toString('hex')}.tmp`);
      try {
        await writeNewFile(temporary, bytes);
        await rename(temporary, path);
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
      await syncPath(dir);
    },

    async get(key) {
      const path = pathOf(key);
      try {
        return await readFile(path);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async delete(keys) {
      // Every key checked before any file goes: a bad key in the list removes nothing.
      const paths = keys.map(pathOf);
      if (paths.length === 0) return;
      await directory();
      for (const path of paths) {
        await unlink(path).catch((error: unknown) => {
          if (!isMissing(error)) throw error;
        });
      }
      await syncPath(dir);
    },

    // No handle is kept open between calls: nothing to release.
    async close() {},
  };
}
