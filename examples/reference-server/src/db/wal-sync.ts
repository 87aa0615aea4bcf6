import { close, fsync, open } from 'node:fs';
import type { Database } from 'better-sqlite3';

/**
 * Durability off the event loop, for group commit. With `synchronous = FULL`, SQLite flushes the
 * write-ahead log to the disk inside every COMMIT, and the whole server waits for the disk. A group's
 * transaction is committed with `synchronous = NORMAL` instead (the log is written, not flushed), then
 * {@link WalSync.sync} flushes the log with `fsync` on libuv's thread pool. Once that has returned, the
 * group is exactly as durable as a FULL commit would have made it (in WAL mode, FULL is NORMAL plus that
 * flush at each commit), and only then is any of it acknowledged or shown to anyone. Every other write
 * keeps `synchronous = FULL`.
 *
 * @example
 * ```ts
 * const wal = createWalSync(db);
 * wal.commitUnsynced(() => writeTheGroup());
 * wal.sync((error) => (error ? failTheGroup(error) : ackTheGroup()));
 * ```
 */
export interface WalSync {
  /** Runs `commit` (which opens and commits a transaction) with its COMMIT not waiting for the disk. */
  commitUnsynced(commit: () => void): void;
  /**
   * From now on, COMMITs do not wait for the disk, until the function returned is called. Outside any
   * transaction only (SQLite refuses the change inside one).
   */
  unsynced(): () => void;
  /**
   * Calls `done` once every transaction committed before this call is on the disk, or with the error
   * that stopped it. At once (before returning) for a database with no file.
   */
  sync(done: (error?: Error) => void): void;
  /** Closes the log's file descriptor, after the flush in flight if there is one. */
  close(): void;
}

/**
 * {@link WalSync} for `db`, in WAL mode with `synchronous = FULL` (see schema.ts). `flushFile` is
 * `fs.fsync` (the tests watch it).
 *
 * @example
 * ```ts
 * const wal = createWalSync(new Database('clavard.db'));
 * ```
 */
export function createWalSync(
  db: Database,
  flushFile: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void = fsync,
): WalSync {
  // Not prepared once: SQLite applies this pragma when the statement is prepared, not when it runs.
  const level = (name: 'NORMAL' | 'FULL'): void => void db.pragma(`synchronous = ${name}`);
  const inMemory = db.memory || db.name === '';
  /** The log's descriptor, opened at the first flush (the log exists once something was committed). */
  let fd: number | undefined;
  let flushing = 0;
  let closed = false;

  const release = (): void => {
    if (closed && flushing === 0 && fd !== undefined) {
      close(fd, () => {});
      fd = undefined;
    }
  };

  const flush = (descriptor: number, done: (error?: Error) => void): void => {
    flushing++;
    flushFile(descriptor, (error) => {
      flushing--;
      release();
      done(error ?? undefined);
    });
  };

  return {
    commitUnsynced(commit) {
      const back = this.unsynced();
      try {
        commit();
      } finally {
        back();
      }
    },
    unsynced() {
      if (inMemory) return () => {};
      level('NORMAL');
      return () => level('FULL');
    },
    sync(done) {
      if (inMemory) return done();
      if (closed) return done(new Error('the database is closed'));
      if (fd !== undefined) return flush(fd, done);
      open(`${db.name}-wal`, 'r', (error, descriptor) => {
        if (error) return done(error);
        if (closed) {
          close(descriptor, () => {});
          return done(new Error('the database is closed'));
        }
        fd ??= descriptor;
        if (fd !== descriptor) close(descriptor, () => {});
        flush(fd, done);
      });
    },
    close() {
      closed = true;
      release();
    },
  };
}
