import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGroupCommit, onceAfterCommit } from '../src/chat/group-commit.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('group commit', () => {
  it('writes the works of one turn in one transaction, each in its own savepoint, and sends after the commit', async () => {
    const log: string[] = [];
    const transaction = async (fn: () => Promise<void>) => {
      log.push('begin');
      try {
        await fn();
        log.push('commit');
      } catch (error) {
        log.push('rollback');
        throw error;
      }
    };
    const savepoint = async (fn: () => Promise<void>) => {
      log.push('savepoint');
      try {
        await fn();
        log.push('release');
      } catch (error) {
        log.push('rollback to savepoint');
        throw error;
      }
    };
    const commits = createGroupCommit({ transaction, savepoint });
    const work =
      (name: string, fail = false) =>
      async () => {
        log.push(`write ${name}`);
        commits.whenCommitted(() => log.push(`send ${name}`));
        onceAfterCommit('queue', () => {
          log.push('queue once');
        });
        if (fail) throw new Error(`${name} refused`);
      };
    const outcomes = await Promise.allSettled([
      commits.add(work('a')),
      commits.add(work('b', true)),
      commits.add(work('c')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual([
      'begin',
      'savepoint',
      'write a',
      'release',
      'savepoint',
      'write b',
      'rollback to savepoint',
      'savepoint',
      'write c',
      'release',
      'commit',
      'send a',
      'send c',
      'queue once',
    ]);
  });

  it('sends nothing of a group whose commit fails, and rejects each of its works', async () => {
    const sent: string[] = [];
    const commits = createGroupCommit({
      async transaction(fn) {
        await fn();
        throw new Error('disk full');
      },
      savepoint: (fn) => fn(),
    });
    const outcomes = await Promise.allSettled([
      commits.add(async () => commits.whenCommitted(() => sent.push('a'))),
      commits.add(async () => commits.whenCommitted(() => sent.push('b'))),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(sent).toEqual([]);
  });

  it('runs a group of one again, once, when Postgres chose it to break a deadlock, and sends only the second run', async () => {
    const sent: string[] = [];
    let runs = 0;
    const commits = createGroupCommit({
      transaction: (fn) => fn(),
      savepoint: (fn) => fn(),
    });
    await commits.add(async () => {
      runs += 1;
      commits.whenCommitted(() => sent.push(`run ${runs}`));
      if (runs === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    expect(runs).toBe(2);
    expect(sent).toEqual(['run 2']);
  });

  it('sends at once outside a group', () => {
    const sent: string[] = [];
    createGroupCommit({ transaction: (fn) => fn(), savepoint: (fn) => fn() }).whenCommitted(() =>
      sent.push('now'),
    );
    onceAfterCommit('x', () => {
      sent.push('work');
    });
    expect(sent).toEqual(['now', 'work']);
  });

  it('tells nothing of a group until the disk has it, gathers the next group meanwhile, and keeps frames in order', async () => {
    const log: string[] = [];
    const flushes: Array<(error?: Error) => void> = [];
    const commits = createGroupCommit({
      transaction: async (fn) => {
        await fn();
        log.push('commit');
      },
      savepoint: (fn) => fn(),
      sync: (done) => {
        log.push('flush');
        flushes.push(done);
      },
    });
    const work = (name: string) => async () => {
      log.push(`write ${name}`);
      commits.whenCommitted(() => log.push(`send ${name}`));
    };
    let settledA = false;
    const a = commits.add(work('a')).then(() => {
      settledA = true;
    });
    await new Promise(setImmediate);
    commits.whenCommitted(() => log.push('pong')); // outside any group, behind the one on its way to disk
    const b = commits.add(work('b'));
    await new Promise(setImmediate);
    const c = commits.add(work('c'));
    await new Promise(setImmediate);
    // b and c wait for a's flush, and are then written together: one transaction, one flush.
    expect(log).toEqual(['write a', 'commit', 'flush']);
    expect(settledA).toBe(false);
    flushes[0]?.();
    await a;
    // a's acks leave first; b and c are written on the next turn.
    expect(log.slice(3)).toEqual(['send a', 'pong']);
    await new Promise(setImmediate);
    expect(log.slice(5)).toEqual(['write b', 'write c', 'commit', 'flush']);
    flushes[1]?.();
    await Promise.all([b, c]);
    expect(log.slice(9)).toEqual(['send b', 'send c']);
    expect(flushes).toHaveLength(2);
    commits.whenCommitted(() => log.push('at once'));
    expect(log.at(-1)).toBe('at once');
  });

  it('acknowledges nothing once a flush failed, and writes no group after it', async () => {
    const sent: string[] = [];
    const reported: unknown[] = [];
    const written: string[] = [];
    const commits = createGroupCommit({
      transaction: (fn) => fn(),
      savepoint: (fn) => fn(),
      sync: (done) => setImmediate(() => done(new Error('EIO'))),
      report: (error) => reported.push(error),
    });
    const outcome = commits.add(async () => {
      written.push('first');
      commits.whenCommitted(() => sent.push('ack'));
      onceAfterCommit('queue', () => {
        sent.push('queue');
      });
    });
    await expect(outcome).rejects.toThrow(/EIO.*restart the server/);
    expect(sent).toEqual([]);
    // A later flush that succeeds would prove nothing: the disk may have dropped the pages it refused.
    await expect(
      commits.add(async () => {
        written.push('second');
      }),
    ).rejects.toThrow(/restart the server/);
    expect(written).toEqual(['first']);
    expect(reported).toHaveLength(1);
    await commits.settled();
  });

  it('reports a frame or an after-commit work that throws, and goes on with the rest and the next groups', async () => {
    const log: string[] = [];
    const reported: unknown[] = [];
    const commits = createGroupCommit({
      transaction: (fn) => fn(),
      savepoint: (fn) => fn(),
      sync: (done) => setImmediate(() => done()),
      report: (error) => reported.push(error),
    });
    await commits.add(async () => {
      commits.whenCommitted(() => {
        throw new Error('a socket refused');
      });
      commits.whenCommitted(() => log.push('next frame'));
      onceAfterCommit('queue', () => {
        throw new Error('the database is closed');
      });
    });
    await commits.add(async () => commits.whenCommitted(() => log.push('next group')));
    await commits.settled();
    expect(log).toEqual(['next frame', 'next group']);
    expect(reported.map(String)).toEqual(['Error: a socket refused', 'Error: the database is closed']);
  });

  it('settles once nothing is waiting, written or on its way to the disk', async () => {
    const flushes: Array<() => void> = [];
    const commits = createGroupCommit({
      transaction: (fn) => fn(),
      savepoint: (fn) => fn(),
      sync: (done) => flushes.push(() => done()),
    });
    let written = false;
    const added = commits.add(async () => {
      written = true;
    });
    let settled = false;
    const waiting = commits.settled().then(() => {
      settled = true;
    });
    await new Promise(setImmediate);
    expect(written).toBe(true);
    expect(settled).toBe(false);
    flushes[0]?.();
    await Promise.all([added, waiting]);
    expect(settled).toBe(true);
  });
});
