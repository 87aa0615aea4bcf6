import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGroupCommit, onceAfterCommit, whenCommitted } from '../src/chat/group-commit.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('group commit', () => {
  it('writes the works of one turn in one transaction, each in its own savepoint, and sends after the commit', async () => {
    const log: string[] = [];
    let depth = 0;
    const transaction = (fn: () => void) => {
      depth += 1;
      log.push(depth === 1 ? 'begin' : 'savepoint');
      try {
        fn();
        log.push(depth === 1 ? 'commit' : 'release');
      } catch (error) {
        log.push(depth === 1 ? 'rollback' : 'rollback to savepoint');
        throw error;
      } finally {
        depth -= 1;
      }
    };
    const commits = createGroupCommit(transaction);
    const work =
      (name: string, fail = false) =>
      () => {
        log.push(`write ${name}`);
        whenCommitted(() => log.push(`send ${name}`));
        onceAfterCommit('queue', () => log.push('queue once'));
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
    let depth = 0;
    const commits = createGroupCommit((fn) => {
      depth += 1;
      try {
        fn();
        if (depth === 1) throw new Error('disk full');
      } finally {
        depth -= 1;
      }
    });
    const outcomes = await Promise.allSettled([
      commits.add(() => whenCommitted(() => sent.push('a'))),
      commits.add(() => whenCommitted(() => sent.push('b'))),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(sent).toEqual([]);
  });

  it('sends at once outside a group', () => {
    const sent: string[] = [];
    whenCommitted(() => sent.push('now'));
    onceAfterCommit('x', () => sent.push('work'));
    expect(sent).toEqual(['now', 'work']);
  });
});
