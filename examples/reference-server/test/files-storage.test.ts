import { mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiskStorage } from '../src/files/disk-storage.js';
import type { FileStorage } from '../src/files/file-storage.js';
import { ATTACHMENT_BLOBS_DDL, createPostgresStorage } from '../src/files/postgres-storage.js';
import { testPool, throwawayDatabase } from './support/postgres.js';

// `rename` as it is, but a test can make it fail once: a crash between writing and renaming.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, rename: vi.fn(actual.rename) };
});

/** How to make one implementation for the contract, and what to undo after the file. */
interface Engine {
  name: string;
  open(): Promise<FileStorage>;
  cleanup(): Promise<void>;
}

const disk = (): Engine => {
  const dirs: string[] = [];
  return {
    name: 'disk',
    async open() {
      const root = await mkdtemp(join(tmpdir(), 'clavard-files-'));
      dirs.push(root);
      // A directory that does not exist yet: the storage makes it.
      return createDiskStorage(join(root, 'attachments'));
    },
    async cleanup() {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    },
  };
};

const postgres = (): Engine => {
  let pool: pg.Pool | undefined;
  let drop: (() => Promise<void>) | undefined;
  return {
    name: 'postgres',
    async open() {
      if (pool === undefined) {
        const database = await throwawayDatabase();
        drop = database.drop;
        pool = testPool(database.url);
        await pool.query(ATTACHMENT_BLOBS_DDL);
      }
      await pool.query('TRUNCATE attachment_blobs');
      return createPostgresStorage(pool);
    },
    async cleanup() {
      await pool?.end();
      await drop?.();
    },
  };
};

/** Every byte value, twice, and a NUL first: what a text column or a string would mangle. */
const BINARY = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256))]);

describe.each([disk(), postgres()])('FileStorage on $name', (engine) => {
  let storage: FileStorage;
  beforeAll(async () => {
    storage = await engine.open();
  });
  afterAll(async () => {
    await storage.close();
    await engine.cleanup();
  });

  it('gives back the bytes put, exactly', async () => {
    await storage.put('f_binary', BINARY);
    expect(await storage.get('f_binary')).toEqual(BINARY);
  });

  it('keeps an empty blob, distinct from none', async () => {
    await storage.put('f_empty', Buffer.alloc(0));
    expect(await storage.get('f_empty')).toEqual(Buffer.alloc(0));
  });

  it('gives undefined for a key never put', async () => {
    expect(await storage.get('f_never')).toBeUndefined();
  });

  it('replaces the bytes of a key put again (a retried put)', async () => {
    await storage.put('f_again', Buffer.from('first'));
    await storage.put('f_again', Buffer.from('second, longer'));
    expect((await storage.get('f_again'))?.toString()).toBe('second, longer');
  });

  it('deletes several keys at once, and ignores keys with nothing under them', async () => {
    await storage.put('f_a', Buffer.from('a'));
    await storage.put('f_b', Buffer.from('b'));
    await storage.put('f_c', Buffer.from('c'));
    await storage.delete(['f_a', 'f_b', 'f_missing']);
    expect(await storage.get('f_a')).toBeUndefined();
    expect(await storage.get('f_b')).toBeUndefined();
    expect((await storage.get('f_c'))?.toString()).toBe('c');
    await storage.delete(['f_a']);
    await storage.delete([]);
  });

  it('keeps a megabyte-sized blob whole', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    await storage.put('f_big', big);
    expect((await storage.get('f_big'))?.equals(big)).toBe(true);
  });

  it('takes concurrent puts of one key: one of them, whole, is kept', async () => {
    const versions = ['one', 'two', 'three', 'four'].map((word) => Buffer.alloc(64 * 1024, word));
    await Promise.all(versions.map((bytes) => storage.put('f_race', bytes)));
    const kept = await storage.get('f_race');
    expect(versions.some((bytes) => kept?.equals(bytes))).toBe(true);
  });

  it.each([
    '../escape',
    '..',
    'a/b',
    'a\\b',
    '',
    'x'.repeat(101),
    'name.png',
    'nul\u0000',
    'space here',
    'é',
  ])('refuses the key %j, on every operation', async (key) => {
    await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/not a storage key/);
    await expect(storage.get(key)).rejects.toThrow(/not a storage key/);
    await expect(storage.delete(['f_ok', key])).rejects.toThrow(/not a storage key/);
  });

  it('accepts a key of 100 letters, digits, _ and -', async () => {
    const key = `A-z_0${'9'.repeat(95)}`;
    await storage.put(key, Buffer.from('ok'));
    expect((await storage.get(key))?.toString()).toBe('ok');
  });
});

describe('createDiskStorage', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'clavard-files-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('makes its directory private (0o700) and its files 0o600', async () => {
    const dir = join(root, 'private', 'attachments');
    await createDiskStorage(dir).put('f_1', Buffer.from('x'));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'f_1'))).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind, only the keys', async () => {
    const dir = join(root, 'tidy');
    const storage = createDiskStorage(dir);
    await Promise.all(['f_1', 'f_2', 'f_1'].map((key) => storage.put(key, Buffer.from(key))));
    expect((await readdir(dir)).sort()).toEqual(['f_1', 'f_2']);
  });

  it('does not read a temporary file as a key, whatever it holds', async () => {
    const dir = join(root, 'crashed');
    const storage = createDiskStorage(dir);
    await storage.put('f_1', Buffer.from('whole'));
    // What a crash in the middle of a put leaves: a half-written temporary file beside the key.
    await writeFile(join(dir, '.f_1.0123456789abcdef.tmp'), 'ha');
    expect((await storage.get('f_1'))?.toString()).toBe('whole');
  });

  it('keeps the old bytes when a put fails before its rename, and removes its temporary file', async () => {
    const dir = join(root, 'failed');
    const storage = createDiskStorage(dir);
    await storage.put('f_1', Buffer.from('old and whole'));
    vi.mocked(rename).mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(storage.put('f_1', Buffer.from('new'))).rejects.toThrow(/EIO/);
    expect((await storage.get('f_1'))?.toString()).toBe('old and whole');
    expect(await readdir(dir)).toEqual(['f_1']);
  });
});
