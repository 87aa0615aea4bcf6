/**
 * Group commit: the visitors' messages that arrive while the event loop is busy (or while the group before
 * is being written) are written together, in one transaction. Each runs in its own savepoint (a message
 * refused rolls back alone). On SQLite the transaction's COMMIT does not wait for the disk: the log is
 * flushed afterwards, off the event loop (src/db/wal-sync.ts), and every frame the group sends waits until
 * that flush has returned, so that nothing is acknowledged before it is durable, while the next group is
 * already being written. On Postgres the COMMIT is durable when it returns, and the server's own group
 * commit shares one flush among the nodes' transactions. Work that each message asks for once (the
 * queue's places) runs once for the whole group.
 *
 * The frames a group's messages send are held (AsyncLocalStorage follows each message's work through its
 * awaits) and go out once the group is durable. Frames keep their order: a frame sent outside a group
 * while earlier groups wait for their flush goes out after theirs.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { GroupTransactions } from '../db/store-types.js';

/** Frames held while a group is written: they go out once it is durable, in order. */
interface Held {
  sends: Array<() => void>;
  /** Work to run once after the commit (keyed, so that many asks make one run). */
  after: Map<string, () => void | Promise<void>>;
}

/** The group the running work belongs to, if any. */
const holding = new AsyncLocalStorage<Held>();

/**
 * Runs `work` now (resolving once it is done), or once after the group being written is durable, however
 * many of its messages ask (under `key`; resolving at once).
 *
 * @example
 * ```ts
 * onceAfterCommit('queue', () => recomputeQueue());
 * ```
 */
export async function onceAfterCommit(key: string, work: () => void | Promise<void>): Promise<void> {
  const held = holding.getStore();
  if (held) held.after.set(key, work);
  else await work();
}

/**
 * A queue of writes committed in groups, see {@link createGroupCommit}.
 *
 * @example
 * ```ts
 * await hub.commits.add(() => storeTheMessage());
 * hub.commits.whenCommitted(() => peer.send(text));
 * ```
 */
export interface GroupCommit {
  /** Resolves once `work` is written in a committed, durable group; rejects with what it threw. */
  add(work: () => Promise<void>): Promise<void>;
  /**
   * Sends `send` now; or, inside a group, once the group is durable; or, while groups wait for the disk,
   * after theirs.
   */
  whenCommitted(send: () => void): void;
  /** Resolves once no group is waiting, being written or on its way to the disk (before a close). */
  settled(): Promise<void>;
}

/** How a group commit reaches the database (a store's `groups`), and where its failures go. */
export interface GroupWrites extends GroupTransactions {
  /**
   * Where failures go that belong to no message: a frame or an after-commit work that threw, the disk
   * refusing a flush. @default thrown on a later turn of the event loop
   */
  report?(error: unknown): void;
}

/** One message waiting for its group. */
interface Waiting {
  work: () => Promise<void>;
  done: (error?: unknown) => void;
}

/** A group written and committed, or a frame sent after one, waiting in line for the disk. */
interface InLine {
  /** The flush it needs (its group's number); 0 for a frame that only keeps its place. */
  needs: number;
  run(error?: Error): void;
}

/**
 * A group-commit queue over `writes`: `add(work)` resolves once `work` has been written in a committed
 * group and flushed to the disk, or rejects with what it threw (its writes rolled back, its frames not
 * sent).
 *
 * @example
 * ```ts
 * const commits = createGroupCommit({ ...store.groups, report: console.error });
 * await commits.add(() => messageSend(hub, conn, session, frame));
 * ```
 */
export function createGroupCommit(writes: GroupWrites): GroupCommit {
  const { transaction, savepoint } = writes;
  const sync = writes.sync?.bind(writes);
  const report =
    writes.report ??
    ((error: unknown) =>
      setImmediate(() => {
        throw error;
      }));
  let queue: Waiting[] = [];
  let scheduled = false;
  /** Groups whose transactions are under way, by number: up to `parallel` at once. */
  const writing = new Set<number>();
  let started = 0;
  const parallel = Math.max(1, writes.parallel ?? 1);
  /**
   * Frames sent from outside any group while groups are written: after theirs (a visitor's welcome held
   * in one comes before an event published to that visitor meanwhile). `upTo`: the last group begun then.
   */
  const behind: Array<{ upTo: number; send: () => void }> = [];
  const line = createLine(sync, report);
  let settledWaiters: Array<() => void> = [];
  const settle = (): void => {
    if (scheduled || writing.size > 0 || queue.length > 0 || !line.idle()) return;
    const waiters = settledWaiters;
    settledWaiters = [];
    for (const then of waiters) then();
  };
  /** The frames sent meanwhile whose groups are all done go in line, in order. */
  const releaseBehind = (): void => {
    const oldest = writing.size === 0 ? Number.POSITIVE_INFINITY : Math.min(...writing);
    while (behind.length > 0 && (behind[0] as { upTo: number }).upTo < oldest) {
      line.after((behind.shift() as { send: () => void }).send);
    }
  };
  const schedule = (): void => {
    if (scheduled || queue.length === 0 || writing.size >= parallel) return;
    scheduled = true;
    setImmediate(flush);
  };

  const flush = async (): Promise<void> => {
    // While the disk flushes the group before, the next one gathers: one transaction (and one write of each
    // page it touches) for all that came meanwhile, instead of one per turn of the event loop. It would
    // wait for that flush before its acks anyway. On a turn of its own: the acks just sent leave first.
    if (line.flushing()) {
      line.whenFlushed(() => setImmediate(flush));
      return;
    }
    scheduled = false;
    if (writing.size >= parallel) return; // a group that ends schedules the next
    const group = queue;
    queue = [];
    const broken = line.broken();
    if (broken) {
      // The disk refused a flush: nothing is written or acknowledged any more (see createLine).
      for (const item of group) item.done(broken);
      settle();
      return;
    }
    const id = ++started;
    writing.add(id);
    const { outcome, mine } = await writeGroup(group, transaction, savepoint);
    writing.delete(id);
    schedule();
    line.committed((flushError) => {
      if (!flushError) {
        for (const send of mine.sends) attempt(send, report);
        for (const work of mine.after.values()) attempt(work, report);
      }
      for (const item of group) item.done(flushError ?? outcome.get(item));
      settle();
    });
    releaseBehind();
  };

  return {
    add(work: () => Promise<void>): Promise<void> {
      return new Promise((resolve, reject) => {
        queue.push({ work, done: (error) => (error === undefined ? resolve() : reject(error)) });
        schedule();
      });
    },
    whenCommitted(send) {
      const held = holding.getStore();
      if (held) held.sends.push(send);
      else if (writing.size > 0) behind.push({ upTo: started, send });
      else line.after(send);
    },
    settled() {
      return new Promise((resolve) => {
        settledWaiters.push(resolve);
        settle();
      });
    },
  };
}

/** Postgres's code for a transaction chosen to break a deadlock: its statement can be run again. */
const DEADLOCK = '40P01';

/**
 * Writes `group` in one transaction, each work in its own savepoint (run once more when Postgres chose it
 * to break a deadlock with another group). Returns what each work threw and the frames they held.
 */
async function writeGroup(
  group: readonly Waiting[],
  transaction: GroupTransactions['transaction'],
  savepoint: GroupTransactions['savepoint'],
): Promise<{ outcome: Map<Waiting, unknown>; mine: Held }> {
  const outcome = new Map<Waiting, unknown>();
  const mine: Held = { sends: [], after: new Map() };
  // A group of one needs no savepoint: its transaction is rolled back whole with it (two round trips
  // fewer on Postgres, where the groups are small and many).
  const alone = group.length === 1;
  const once = async (item: Waiting): Promise<void> => {
    const sent = mine.sends.length;
    const asked = new Set(mine.after.keys());
    try {
      await (alone ? item.work() : savepoint(item.work));
    } catch (error) {
      // Its frames and the work it asked for after the commit go with its writes.
      mine.sends.length = sent;
      for (const key of [...mine.after.keys()]) if (!asked.has(key)) mine.after.delete(key);
      throw error;
    }
  };
  const write = () =>
    holding.run(mine, () =>
      transaction(async () => {
        for (const item of group) {
          try {
            await once(item).catch((error: { code?: unknown }) => {
              if (alone || error?.code !== DEADLOCK) throw error;
              return once(item);
            });
          } catch (error) {
            // Alone, its transaction is its savepoint: rolled back whole, with what it wrote.
            if (alone) throw error;
            outcome.set(item, error);
          }
        }
      }),
    );
  try {
    // Alone and chosen to break a deadlock: its transaction was rolled back whole, so it runs once more.
    await write().catch((error: { code?: unknown }) => {
      if (!alone || error?.code !== DEADLOCK) throw error;
      mine.sends.length = 0;
      mine.after.clear();
      return write();
    });
  } catch (error) {
    // The COMMIT failed, or the one work of the group: nothing of it is durable, nothing of it is sent.
    mine.sends.length = 0;
    mine.after.clear();
    for (const item of group) outcome.set(item, error);
  }
  return { outcome, mine };
}

/** Runs `work`; what it throws (or rejects with) goes to `report`, and what follows it still runs. */
const attempt = (work: () => void | Promise<void>, report: (error: unknown) => void): void => {
  try {
    const pending = work();
    if (pending instanceof Promise) pending.catch(report);
  } catch (error) {
    report(error);
  }
};

/**
 * The groups waiting for the disk, in commit order, and the frames sent behind them: one flush at a time,
 * covering every group committed before it began.
 */
function createLine(sync: GroupWrites['sync'], report: (error: unknown) => void) {
  const waiting: InLine[] = [];
  let committed = 0;
  let flushed = 0;
  let flushing = false;
  /**
   * Set when the disk refused a flush. Linux may then have dropped the pages it could not write, and say
   * so only once: a later flush that succeeds proves nothing. From then on no group is written or
   * acknowledged; the server must restart and read what the disk really has.
   */
  let broken: Error | undefined;
  /** Called once the flush in flight has returned (and its groups' frames are sent). */
  let onFlushed: Array<() => void> = [];

  const drain = (upTo: number, error?: Error): void => {
    while (waiting.length > 0 && (waiting[0] as InLine).needs <= upTo) {
      const next = waiting.shift() as InLine;
      attempt(() => next.run(next.needs === 0 ? undefined : error), report);
    }
  };

  const flushNow = (): void => {
    if (flushing || !sync || flushed === committed) return;
    flushing = true;
    const target = committed;
    sync((error) => {
      flushing = false;
      flushed = target;
      if (error && !broken) {
        broken = new Error(`the disk refused to flush the log (${error.message}): restart the server`, {
          cause: error,
        });
        report(broken);
      }
      drain(target, broken);
      flushNow();
      const then = onFlushed;
      onFlushed = [];
      for (const next of then) attempt(next, report);
    });
  };

  return {
    flushing: (): boolean => flushing,
    broken: (): Error | undefined => broken,
    idle: (): boolean => !flushing && waiting.length === 0 && onFlushed.length === 0,
    whenFlushed(then: () => void): void {
      onFlushed.push(then);
    },
    committed(run: (error?: Error) => void): void {
      if (!sync) {
        run();
        return;
      }
      committed++;
      waiting.push({ needs: committed, run });
      flushNow();
    },
    after(send: () => void): void {
      if (waiting.length === 0) send();
      else waiting.push({ needs: 0, run: send });
    },
  };
}
