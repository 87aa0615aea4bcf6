import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Checkpoints, finishHere, startCheckpoints } from '../src/db/checkpoints.js';

let dir: string | undefined;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const open = (): { db: Database.Database; path: string } => {
  dir = mkdtempSync(join(tmpdir(), 'clavard-checkpoints-'));
  const path = join(dir, 'clavard.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE pages (body BLOB)');
  cleanups.push(() => db.open && db.close());
  return { db, path };
};

const started = (db: Database.Database, report: (error: Error) => void = () => {}): Checkpoints => {
  const checkpoints = startCheckpoints(db, report);
  cleanups.push(() => checkpoints.close());
  return checkpoints;
};

/** Writes `count` pages of 4 KiB, one transaction each. */
const write = (db: Database.Database, count: number): void => {
  const insert = db.prepare('INSERT INTO pages VALUES (?)');
  for (let index = 0; index < count; index++) insert.run(Buffer.alloc(4000, index % 256));
};

describe('checkpoints off the event loop', () => {
  it('copies the log into the database from its own thread; the committing connection never does', async () => {
    const { db, path } = open();
    const checkpoints = started(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    write(db, 1500);
    // SQLite alone would have copied the log after 1,000 pages; nothing is copied until asked.
    const before = statSync(path).size;
    const answer = await checkpoints.checkNow();
    expect(answer).toMatchObject({ checkpointed: expect.any(Number) });
    if ('error' in answer) throw new Error(answer.error);
    expect(answer.log).toBeGreaterThan(1500);
    expect(answer.checkpointed).toBe(answer.log);
    expect(statSync(path).size).toBeGreaterThan(before + 1500 * 4000);
    // All of it copied: the next write starts the log again from its beginning.
    write(db, 1);
    const next = await checkpoints.checkNow();
    if ('error' in next) throw new Error(next.error);
    expect(next.log).toBeLessThan(10);
  });

  it('has the committing connection finish the copy of a long log, so that it starts again', () => {
    expect(finishHere({ log: 2400, checkpointed: 2400 })).toBe(true);
    expect(finishHere({ log: 12_000, checkpointed: 1000 })).toBe(true);
    expect(finishHere({ log: 500, checkpointed: 500 })).toBe(false); // short yet
    expect(finishHere({ error: 'busy' })).toBe(false);
  });

  it('keeps the log bounded under constant writes (it starts again from its beginning)', async () => {
    const { db, path } = open();
    const checkpoints = started(db);
    const insert = db.prepare('INSERT INTO pages VALUES (?)');
    const batch = db.transaction(() => {
      for (let row = 0; row < 20; row++) insert.run(Buffer.alloc(400, row));
    });
    // About 64 MB of rows, a transaction at a time, the checkpointer asked every 400 of them without
    // waiting: its copies run beside the writes, as on a busy server.
    for (let index = 0; index < 8000; index++) {
      batch();
      if (index % 400 === 0) void checkpoints.checkNow();
      await new Promise(setImmediate);
    }
    expect(statSync(path).size).toBeGreaterThan(40e6);
    expect(statSync(`${path}-wal`).size).toBeLessThan(30e6);
  });

  it('closes its connection before the server closes its own, which then removes the log', async () => {
    const { db, path } = open();
    const checkpoints = started(db);
    write(db, 10);
    await checkpoints.checkNow(); // its connection is open
    checkpoints.close();
    db.close();
    // The last connection to close removes the log: the checkpointer's was closed first.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('gives the checkpoints back to SQLite when the worker cannot start, and says why', async () => {
    const { db, path } = open();
    unlinkSync(path); // the worker opens the file by name, and it is gone
    const reported = new Promise<Error>((resolve) => started(db, resolve));
    const error = await reported;
    expect(error.message).toBe('the checkpointer stopped: SQLITE_CANTOPEN');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
