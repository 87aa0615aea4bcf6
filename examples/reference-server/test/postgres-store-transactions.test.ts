// The store's transactions, the same test bodies on SQLite and Postgres (see postgres-store.test.ts), then
// what only Postgres has: several nodes (pools) writing one database at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/db/postgres/store.js';
import type { Store } from '../src/db/store.js';
import { throwawayDatabase } from './support/postgres.js';
import {
  account,
  agentEvent,
  contents,
  droppedOnly,
  ENDED,
  ENGINES,
  engineSuite,
  textMessage,
} from './support/store-engines.js';

const suite = engineSuite();

describe.each(ENGINES)('transactions on $name', (engine) => {
  it('rolls back a transaction whole, and a savepoint in it alone', async () => {
    const { store } = await suite.open(engine, 'atomically');
    const visitor = await store.createVisitor('token-f', 'en');
    const { id } = await store.createConversation(visitor.id, 'Billing');
    const failed = store.atomically(async () => {
      await store.append(id, textMessage(id, 'lost').event);
      await store.setTopic(id, 'Sales');
      throw new Error('the work failed');
    });
    await expect(failed).rejects.toThrow('the work failed');
    expect(await contents(store, id)).toEqual([]);
    expect(await store.conversation(id)).toMatchObject({ topic: 'Billing', last_seq: 0 });

    const done = await store.atomically(async () => {
      await store.append(id, textMessage(id, 'one').event);
      const inner = store.atomically(async () => {
        await store.append(id, textMessage(id, 'two').event);
        throw new Error('the savepoint failed');
      });
      await expect(inner).rejects.toThrow('the savepoint failed');
      await store.append(id, textMessage(id, 'three').event);
      return 'committed';
    });
    expect(done).toBe('committed');
    const events = await store.events(id, 0, 10);
    expect(events.map((event) => [event.seq, 'content' in event && event.content])).toEqual([
      [1, { kind: 'text', text: 'one' }],
      [2, { kind: 'text', text: 'three' }],
    ]);
  });

  it('commits a group whose one savepoint failed, without that message', async () => {
    const { store } = await suite.open(engine, 'groups');
    const visitor = await store.createVisitor('token-g', 'en');
    const a = (await store.createConversation(visitor.id, undefined)).id;
    const b = (await store.createConversation(visitor.id, undefined)).id;
    await store.groups.transaction(async () => {
      await store.groups.savepoint(async () => void (await store.storeMessage(textMessage(a, 'first'))));
      const refused = store.groups.savepoint(async () => {
        await store.storeMessage(textMessage(b, 'second'));
        throw new Error('refused');
      });
      await expect(refused).rejects.toThrow('refused');
      await store.groups.savepoint(async () => void (await store.storeMessage(textMessage(b, 'third'))));
    });
    expect(await contents(store, a)).toEqual([{ kind: 'text', text: 'first' }]);
    expect(await store.events(b, 0, 10)).toMatchObject([
      { seq: 1, content: { kind: 'text', text: 'third' } },
    ]);
    const outside = (async () => store.groups.savepoint(async () => {}))();
    await expect(outside).rejects.toThrow('no group transaction is open');
  });
});

describe('SQLite and Postgres', () => {
  it('answered every call of every test alike', () => suite.expectAlike());
});

describe('Postgres shared by two nodes', () => {
  let nodeA: Store;
  let nodeB: Store;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await throwawayDatabase();
    drop = database.drop;
    // Both start at once: the migrations' advisory lock lets one create the tables, the other find them.
    [nodeA, nodeB] = await Promise.all([
      openPostgresStore({ url: database.url, onConnectionError: droppedOnly }),
      openPostgresStore({ url: database.url, onConnectionError: droppedOnly }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([nodeA?.close(), nodeB?.close()]);
    await drop?.();
  });

  const queuedConversation = async () => {
    const visitor = await nodeA.createVisitor(`token-${Math.random()}`, 'en');
    return (await nodeA.createConversation(visitor.id, undefined)).id;
  };

  it('agrees on one epoch', () => {
    expect(nodeA.engine).toBe('postgres');
    expect(nodeB.epoch).toBe(nodeA.epoch);
  });

  it('gives a queued conversation to one agent when agents on two nodes take it at once', async () => {
    const julie = await nodeA.createAccount(account('julie', 'Julie'));
    const marc = await nodeB.createAccount(account('marc', 'Marc'));
    for (let round = 0; round < 10; round++) {
      const id = await queuedConversation();
      const joined = await Promise.all([
        nodeA.assign(id, julie.id, agentEvent('agent.joined', julie.id)),
        nodeB.assign(id, marc.id, agentEvent('agent.joined', marc.id)),
      ]);
      expect(joined.filter((event) => event !== undefined)).toHaveLength(1);
      const winner = joined[0] ? julie.id : marc.id;
      expect(await nodeB.conversation(id)).toMatchObject({ status: 'active', agent_id: winner, last_seq: 1 });
    }
  });

  it('ends a conversation once when both nodes end it at once', async () => {
    const id = await queuedConversation();
    const ended = await Promise.all([nodeA.end(id, ENDED), nodeB.end(id, ENDED)]);
    expect(ended.filter((event) => event !== undefined)).toHaveLength(1);
    expect(await contents(nodeA, id)).toEqual(['conversation.ended']);
  });

  it('numbers the messages sent through both nodes at once 1…n, without a gap', async () => {
    const id = await queuedConversation();
    const acks = await Promise.all(
      Array.from({ length: 40 }, (_, n) => (n % 2 ? nodeA : nodeB).storeMessage(textMessage(id, `n${n}`))),
    );
    expect(acks.map(({ ack }) => ack.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, n) => n + 1),
    );
    expect((await nodeB.events(id, 0, 100)).map((event) => event.seq)).toEqual(acks.map((_, n) => n + 1));
  });

  it('starts one conversation when a visitor writes first through both nodes at once', async () => {
    const visitor = await nodeA.createVisitor('token-two-tabs', 'en');
    const writeFirst = (store: Store, text: string) =>
      store.atomically(async () => {
        await store.claimVisitor(visitor.id);
        const current = await store.currentConversation(visitor.id);
        const conversation =
          current && current.status !== 'ended'
            ? current
            : await store.createConversation(visitor.id, undefined);
        await store.storeMessage(textMessage(conversation.id, text));
        return conversation.id;
      });
    const [first, second] = await Promise.all([writeFirst(nodeA, 'tab 1'), writeFirst(nodeB, 'tab 2')]);
    expect(second).toBe(first);
    expect(await contents(nodeA, first)).toHaveLength(2);
  });

  it('runs a transaction that lost a deadlock again, from the start', async () => {
    const x = await nodeA.createVisitor('token-x', 'en');
    const y = await nodeA.createVisitor('token-y', 'en');
    let attempts = 0;
    let holding = 0;
    let bothHoldOne = (): void => {};
    const held = new Promise<void>((resolve) => {
      bothHoldOne = resolve;
    });
    // Each locks one visitor, waits until the other holds the other, then asks for it: a deadlock.
    const crossing = (store: Store, first: string, second: string) =>
      store.atomically(async () => {
        attempts++;
        await store.claimVisitor(first);
        if (++holding === 2) bothHoldOne();
        await held;
        await store.claimVisitor(second);
        await store.touchVisitor(first);
      });
    await Promise.all([crossing(nodeA, x.id, y.id), crossing(nodeB, y.id, x.id)]);
    expect(attempts).toBe(3);
  });

  it('lets work that outlives its transaction use the pool, not the released client', async () => {
    let later: Promise<unknown> = Promise.resolve();
    await nodeA.atomically(async () => {
      const visitor = await nodeA.createVisitor('token-late', 'fr');
      later = new Promise((resolve) => setTimeout(() => resolve(nodeA.visitor(visitor.id)), 30));
    });
    // Another transaction meanwhile: the late read must not run in it.
    const other = nodeA.atomically(async () => {
      await nodeA.createVisitor('token-other', 'en');
      await new Promise((resolve) => setTimeout(resolve, 60));
      throw new Error('rolled back');
    });
    expect(await later).toMatchObject({ locale: 'fr' });
    await expect(other).rejects.toThrow('rolled back');
    expect(await nodeB.visitorByTokenHash('token-other')).toBeUndefined();
  });
});
