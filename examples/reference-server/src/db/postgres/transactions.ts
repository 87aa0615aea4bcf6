/**
 * Transactions on Postgres for the store's operations: the transaction in progress (its client) is traced
 * by AsyncLocalStorage through its awaits, so that every operation called inside it runs on its client
 * and everything else on the pool. A transaction inside one is a savepoint. A transaction's direct
 * savepoints (and its own queries) take turns, so that two operations started together in one
 * transaction never interleave their SAVEPOINT and RELEASE on its connection.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { GroupTransactions } from '../store-types.js';
import { withoutNul } from './sql.js';
import type { Queryable } from './writes.js';

/** A transaction in progress, on a client of its own. */
interface Open {
  client: pg.PoolClient;
  /** Committed or rolled back, its client released: a late continuation uses the pool instead. */
  done: boolean;
  /** How many savepoints it has named so far. */
  savepoints: number;
}

/**
 * Names of the statements prepared so far, by their text. The store's statements are a fixed few; past
 * `MOST_NAMED`, a text (one built with a varying part) runs unnamed, so that nothing grows without bound.
 */
const statementNames = new Map<string, string>();
const MOST_NAMED = 200;
const statementName = (text: string): string | undefined => {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MOST_NAMED) {
    name = `clavard_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
};

/** How many group commits write at once, each holding a connection of the pool while it does. */
const GROUPS_AT_ONCE = 4;

/** The transaction, or one of its savepoints, that the code running now is in. */
interface Frame {
  open: Open;
  /** The frame this savepoint is in; none for the transaction itself. */
  parent?: Frame;
  /** Ended (released or rolled back): its continuations belong to its parent. */
  done: boolean;
  /** The work of this frame's children, one after the other. */
  turn: Promise<unknown>;
}

/** Postgres's codes for a deadlock and a serialization failure: the work can run again from the start. */
const RETRYABLE = new Set(['40P01', '40001']);
/** How many times a transaction runs its work, at most, when it keeps meeting {@link RETRYABLE}. */
const ATTEMPTS = 4;

const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));

/** A short random pause, so that two transactions that deadlocked do not meet again at once. */
const pause = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));

/** The innermost frame still open, if the code running now is in a transaction that is not done. */
function currentFrame(scope: AsyncLocalStorage<Frame>): Frame | undefined {
  let frame = scope.getStore();
  while (frame?.done) frame = frame.parent;
  return frame && !frame.open.done ? frame : undefined;
}

/** Runs `work` once the earlier children of `frame` are over. */
function inTurn<T>(frame: Frame, work: () => Promise<T>): Promise<T> {
  const result = frame.turn.then(work, work);
  frame.turn = result.catch(() => undefined);
  return result;
}

/** A savepoint in `parent`: its writes are rolled back alone when `work` throws. */
function savepoint<T>(scope: AsyncLocalStorage<Frame>, parent: Frame, work: () => Promise<T>): Promise<T> {
  return inTurn(parent, async () => {
    const { client } = parent.open;
    const name = `s${++parent.open.savepoints}`;
    const frame: Frame = { open: parent.open, parent, done: false, turn: Promise.resolve() };
    await client.query(`SAVEPOINT ${name}`);
    try {
      const result = await scope.run(frame, work);
      await frame.turn;
      await client.query(`RELEASE ${name}`);
      return result;
    } catch (error) {
      await frame.turn;
      // When even this fails, the connection is gone: the transaction's COMMIT will fail too, and what
      // the caller needs to know is why the work failed.
      await client.query(`ROLLBACK TO ${name}`).then(
        () => client.query(`RELEASE ${name}`),
        () => undefined,
      );
      throw error;
    } finally {
      frame.done = true;
    }
  });
}

/** A transaction of its own on a client of the pool. */
async function transaction<T>(
  pool: pg.Pool,
  scope: AsyncLocalStorage<Frame>,
  work: () => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const open: Open = { client, done: false, savepoints: 0 };
  const frame: Frame = { open, done: false, turn: Promise.resolve() };
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await scope.run(frame, work);
    await frame.turn;
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await frame.turn;
    await client.query('ROLLBACK').catch((rollback: Error) => {
      broken = rollback;
    });
    throw error;
  } finally {
    open.done = true;
    frame.done = true;
    // A client whose ROLLBACK failed is in an unknown state: the pool closes it instead of reusing it.
    client.release(broken);
  }
}

/**
 * The transactions of one pool, see the file's comment.
 *
 * @example
 * ```ts
 * const tx = postgresTransactions(pool);
 * await tx.atomically(async () => {
 *   await tx.query('UPDATE conversations SET topic = $1 WHERE id = $2', ['Billing', id]);
 * });
 * ```
 */
export function postgresTransactions(pool: pg.Pool) {
  const scope = new AsyncLocalStorage<Frame>();
  const inProgress = new Set<Promise<unknown>>();
  const current = () => currentFrame(scope);

  /** A transaction of its own, which {@link idle} waits for. */
  const tracked = <T>(work: () => Promise<T>): Promise<T> => {
    const running = transaction(pool, scope, work);
    const forget = () => void inProgress.delete(running);
    inProgress.add(running);
    running.then(forget, forget);
    return running;
  };

  /** A transaction that runs `work` again, from the start, after a deadlock or a serialization failure. */
  const retried = async <T>(work: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await tracked(work);
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
        await pause(attempt);
      }
    }
  };

  const query: Queryable['query'] = (text, given) => {
    const values = withoutNul(given);
    const frame = current();
    // Prepared once per connection, by name: Postgres parses and plans each statement once, not per call.
    const name = statementName(text);
    const statement = {
      text,
      ...(name === undefined ? {} : { name }),
      ...(values === undefined ? {} : { values }),
    };
    if (!frame) return pool.query(statement) as never;
    return inTurn(frame, () => frame.open.client.query(statement)) as never;
  };

  // A group is not run again after a deadlock: its messages each have their savepoint, and a failure
  // there fails that message alone.
  const groups: GroupTransactions = {
    // Each group on a connection of its own, side by side: a group waits on Postgres (its round trips,
    // its COMMIT's flush), not on this process, and Postgres flushes the COMMITs that meet as one.
    parallel: GROUPS_AT_ONCE,
    transaction: (work) => tracked(work),
    savepoint(work) {
      const frame = current();
      if (!frame) return Promise.reject(new Error('no group transaction is open'));
      return savepoint(scope, frame, work);
    },
  };

  return {
    /** Runs one statement on the current transaction's client, or on the pool outside any. */
    query,
    /**
     * Runs `work` in a transaction, or in a savepoint of the one it runs in. At the top, a deadlock or a
     * serialization failure rolls it back and runs `work` again from the start (at most four times in
     * all): `work` must do nothing it cannot do twice but its writes through the store.
     */
    atomically<T>(work: () => Promise<T>): Promise<T> {
      const frame = current();
      return frame ? savepoint(scope, frame, work) : retried(work);
    },
    /** Locks the visitor's row until the current transaction ends; nothing outside one. */
    async claimVisitor(visitorId: string): Promise<void> {
      if (!current()) return;
      await query('SELECT 1 FROM visitors WHERE id = $1 FOR UPDATE', [visitorId]);
    },
    groups,
    /** Resolves once no transaction is in progress. */
    async idle(): Promise<void> {
      while (inProgress.size > 0) await Promise.allSettled([...inProgress]);
    },
  };
}

/**
 * What the operations of a Postgres store share: the transactions, the clock, the id maker, the epoch.
 *
 * @example
 * ```ts
 * const deps: PostgresDeps = { tx: postgresTransactions(pool), now: Date.now, createId: randomUUID, epoch };
 * ```
 */
export interface PostgresDeps {
  tx: ReturnType<typeof postgresTransactions>;
  now: () => number;
  createId: () => string;
  epoch: string;
}
