/**
 * Group commit: the visitors' messages that arrive while the event loop is busy are written together, in
 * one transaction (one fsync for many), on the next turn of the loop. Each runs in its own savepoint (a
 * message refused rolls back alone), every frame they send waits until the COMMIT, so that nothing is
 * acknowledged before it is durable, and work that each of them asks for once (the queue's places) runs
 * once for the whole group.
 */

/** Frames held while a group is written: they go out after its commit, in order. */
interface Held {
  sends: Array<() => void>;
  /** Work to run once after the commit (keyed, so that many asks make one run). */
  after: Map<string, () => void>;
}

let held: Held | undefined;

/**
 * Sends `send` now, or after the commit of the group being written.
 *
 * @example
 * ```ts
 * whenCommitted(() => peer.send(text));
 * ```
 */
export function whenCommitted(send: () => void): void {
  if (held) held.sends.push(send);
  else send();
}

/**
 * Runs `work` now, or once after the commit of the group being written however many of its messages ask
 * (under `key`).
 *
 * @example
 * ```ts
 * onceAfterCommit('queue', () => recomputeQueue());
 * ```
 */
export function onceAfterCommit(key: string, work: () => void): void {
  if (held) held.after.set(key, work);
  else work();
}

/**
 * A queue of writes committed in groups, see {@link createGroupCommit}.
 *
 * @example
 * ```ts
 * await hub.commits.add(() => storeTheMessage());
 * ```
 */
export interface GroupCommit {
  /** Resolves once `work` is written in a committed group; rejects with what it threw. */
  add(work: () => void): Promise<void>;
}

/** One message waiting for its group. */
interface Waiting {
  work: () => void;
  done: (error?: unknown) => void;
}

/**
 * A group-commit queue over `transaction` (which runs its function in a transaction) and `savepoint`
 * (which runs it in a savepoint of the open one, and throws when SQLite has rolled that back whole, so
 * that no later message is written on its own): `add(work)` resolves once `work` has been written in a committed group, or rejects
 * with what it threw (its writes rolled back, its frames not sent).
 *
 * @example
 * ```ts
 * const commits = createGroupCommit((fn) => store.atomically(fn));
 * await commits.add(() => messageSend(hub, conn, session, frame));
 * ```
 */
export function createGroupCommit(
  transaction: (fn: () => void) => void,
  savepoint: (fn: () => void) => void = transaction,
): GroupCommit {
  let queue: Waiting[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    const group = queue;
    queue = [];
    const outcome = new Map<Waiting, unknown>();
    const mine: Held = { sends: [], after: new Map() };
    held = mine;
    try {
      transaction(() => {
        for (const item of group) {
          const sent = mine.sends.length;
          try {
            savepoint(item.work);
          } catch (error) {
            mine.sends.length = sent; // its frames go with its writes
            outcome.set(item, error);
          }
        }
      });
    } catch (error) {
      // The COMMIT itself failed: nothing of the group is durable, nothing of it is sent.
      mine.sends.length = 0;
      for (const item of group) outcome.set(item, error);
    } finally {
      held = undefined;
    }
    for (const send of mine.sends) send();
    for (const work of mine.after.values()) work();
    for (const item of group) item.done(outcome.get(item));
  };

  return {
    add(work: () => void): Promise<void> {
      return new Promise((resolve, reject) => {
        queue.push({ work, done: (error) => (error === undefined ? resolve() : reject(error)) });
        if (scheduled) return;
        scheduled = true;
        setImmediate(flush);
      });
    },
  };
}
