// The checkpointer: a worker thread with its own connection to the database, which copies the
// write-ahead log into the database file (`PRAGMA wal_checkpoint(PASSIVE)`) when the server asks, so
// that the copy and its fsyncs never run on the server's event loop (see checkpoints.ts). Plain
// JavaScript, so that Node runs it as it is: from src/ in the tests, from dist/ once built.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, closed } = workerData;
/** Says the connection is closed (or never opened): the server may close its own. */
const release = () => {
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
};
let db;
try {
  db = new Database(path, { fileMustExist: true });
  // A checkpoint flushes the log before copying it and the database file after: as the server's writes.
  db.pragma('synchronous = FULL');
} catch (error) {
  // Nothing to wait for: the server falls back to SQLite's own checkpoints (the error reaches it).
  release();
  throw error;
}

parentPort.on('message', (message) => {
  if (message === 'close') {
    try {
      db.close();
    } finally {
      // The server waits on this flag (Atomics.wait) before it closes its own connection.
      release();
      parentPort.close();
    }
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
