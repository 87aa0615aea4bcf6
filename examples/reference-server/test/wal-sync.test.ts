import { fstatSync, fsync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/schema.js';
import { createWalSync } from '../src/db/wal-sync.js';

const opened: Database.Database[] = [];
let dir: string | undefined;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const fileDatabase = (): { db: Database.Database; path: string } => {
  dir = mkdtempSync(join(tmpdir(), 'clavard-wal-'));
  const path = join(dir, 'clavard.db');
  const db = new Database(path);
  opened.push(db);
  migrate(db, () => 'epoch');
  db.exec('CREATE TABLE notes (text TEXT)');
  return { db, path };
};

const level = (db: Database.Database): unknown => db.pragma('synchronous', { simple: true });
const FULL = 2;
const NORMAL = 1;

describe('durability off the event loop (wal-sync)', () => {
  it('commits a group with NORMAL, leaves the connection on FULL, and flushes the log file itself', async () => {
    const { db, path } = fileDatabase();
    const flushed: number[] = [];
    const wal = createWalSync(db, (fd, done) => {
      flushed.push(fstatSync(fd).ino);
      fsync(fd, done);
    });
    let during: unknown;
    wal.commitUnsynced(() => {
      during = level(db);
      db.prepare('INSERT INTO notes VALUES (?)').run('bonjour');
    });
    expect(during).toBe(NORMAL);
    expect(level(db)).toBe(FULL);
    const error = await new Promise((resolve) => wal.sync(resolve));
    expect(error).toBeUndefined();
    expect(flushed).toEqual([statSync(`${path}-wal`).ino]);
    wal.close();
  });

  it('puts FULL back when the group throws', () => {
    const { db } = fileDatabase();
    const wal = createWalSync(db);
    expect(() =>
      wal.commitUnsynced(() => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(level(db)).toBe(FULL);
  });

  it('hands the flush error on, and refuses to flush once closed', async () => {
    const { db } = fileDatabase();
    const wal = createWalSync(db, (_fd, done) => done(Object.assign(new Error('EIO'), { code: 'EIO' })));
    db.prepare('INSERT INTO notes VALUES (?)').run('x');
    await expect(new Promise((resolve) => wal.sync(resolve))).resolves.toMatchObject({ code: 'EIO' });
    wal.close();
    await expect(new Promise((resolve) => wal.sync(resolve))).resolves.toMatchObject({
      message: 'the database is closed',
    });
  });

  it('has nothing to flush in memory, and says so at once', () => {
    const db = new Database(':memory:');
    opened.push(db);
    migrate(db, () => 'epoch');
    const wal = createWalSync(db, () => {
      throw new Error('no file to flush');
    });
    let called = false;
    wal.sync((error) => {
      expect(error).toBeUndefined();
      called = true;
    });
    expect(called).toBe(true);
  });
});
