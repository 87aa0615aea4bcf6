import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/**
 * How often the checkpointer is asked to copy the log into the database, in ms. An idle one returns at
 * once (nothing new in the log).
 */
const EVERY_MS = 200;
/**
 * The log's length (in frames of one page) past which it should start again from its beginning: about
 * 8 MB, twice SQLite's own checkpoint interval.
 */
const RESTART_FRAMES = 2000;
/** How long closing waits for the checkpointer to close its connection. */
const CLOSE_WAIT_MS = 10_000;

/** What the checkpointer answers: the log's length and how much of it is in the database, in frames. */
export type CheckpointAnswer = { log: number; checkpointed: number } | { error: string };

/**
 * Whether the server's own connection should copy what the checkpointer could not: the log starts again
 * from its beginning only when a write finds all of it copied, which a checkpoint running beside constant
 * writes never leaves. The server's connection copies the frames written since, between two of its
 * transactions, once the log is long enough to be worth starting again.
 *
 * @example
 * ```ts
 * finishHere({ log: 2400, checkpointed: 2400 }); // true
 * ```
 */
export const finishHere = (answer: CheckpointAnswer): boolean =>
  !('error' in answer) && answer.log >= RESTART_FRAMES;

const describe = (cause: unknown): string => {
  if (cause instanceof Error && cause.message) return cause.message;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : String(cause);
};

/**
 * Background checkpoints, see {@link startCheckpoints}.
 *
 * @example
 * ```ts
 * const checkpoints = startCheckpoints(db, report);
 * checkpoints.close();
 * db.close();
 * ```
 */
export interface Checkpoints {
  /** Asks the checkpointer now; resolves with its answer (the server asks every 200 ms on its own). */
  checkNow(): Promise<CheckpointAnswer>;
  /** Stops the checkpointer and waits (blocking, briefly) until its connection is closed. */
  close(): void;
}

/**
 * Moves SQLite's checkpoints off the event loop. By default the connection that commits copies the
 * write-ahead log into the database file every 1,000 pages, with two fsyncs, inside a COMMIT: under load,
 * close to half the time the server spends committing. Here the server's connection never checkpoints
 * on its own (`wal_autocheckpoint = 0`); a worker thread with a connection of its own does, every
 * {@link EVERY_MS} ms, in PASSIVE mode (it never blocks a writer or a reader). The log starts again from
 * its beginning only when a write finds all of it copied, which a checkpoint beside constant writes never
 * leaves, so the log would grow without bound: once it is longer than {@link RESTART_FRAMES}, the server's
 * connection copies the few frames written since the checkpointer's copy, between two transactions, and
 * the next write starts it again. When writes outrun the checkpointer, that copy is larger: the server
 * then does what SQLite would have done, and the log stays bounded. When the worker cannot start, SQLite's own checkpoints come back.
 *
 * @example
 * ```ts
 * const checkpoints = startCheckpoints(db, (error) => console.error(error));
 * ```
 */
export function startCheckpoints(db: Database, report: (error: Error) => void): Checkpoints {
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), {
    workerData: { path: db.name, closed },
  });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  /** One entry per question in flight, in order: who waits for its answer (the timer does not). */
  const waiting: Array<((answer: CheckpointAnswer) => void) | undefined> = [];
  let stopped = false;

  const fallBack = (cause: unknown): void => {
    if (stopped) return;
    // An error thrown in the worker may come across as a plain object (SQLite's has only its code).
    const error = new Error(`the checkpointer stopped: ${describe(cause)}`, { cause });
    stopped = true;
    clearInterval(timer);
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
    for (const then of waiting.splice(0)) then?.({ error: error.message });
    report(error);
  };

  const answered = (answer: CheckpointAnswer): void => {
    try {
      if ('error' in answer) report(new Error(answer.error));
      else if (finishHere(answer) && db.open && !db.inTransaction) db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      report(error instanceof Error ? error : new Error(String(error)));
    } finally {
      // Whatever happened, the question is answered: the next one may be asked.
      waiting.shift()?.(answer);
    }
  };
  const ask = (then?: (answer: CheckpointAnswer) => void): void => {
    waiting.push(then);
    worker.postMessage('check');
  };

  worker.on('message', answered);
  worker.on('error', fallBack);
  worker.on('exit', (code) => fallBack(`exit code ${code}`));
  const timer = setInterval(() => {
    if (waiting.length === 0 && !stopped) ask();
  }, EVERY_MS);
  timer.unref();

  return {
    checkNow: () =>
      stopped
        ? Promise.resolve({ error: 'the checkpointer is stopped' })
        : new Promise((resolve) => ask(resolve)),
    close() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      worker.postMessage('close');
      Atomics.wait(closed, 0, 0, CLOSE_WAIT_MS);
    },
  };
}
