import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../src/db/postgres/migrations.js';
import { appendEvent, storeMessage, takeConversation } from '../src/db/postgres/writes.js';
import type { MessageInput } from '../src/db/store-types.js';
import { testPool, throwawayDatabase } from './support/postgres.js';

let drop: () => Promise<void>;
/** Two pools on one database: two nodes of a cluster. */
let nodeA: pg.Pool;
let nodeB: pg.Pool;

beforeAll(async () => {
  const database = await throwawayDatabase();
  drop = database.drop;
  nodeA = testPool(database.url, 10);
  nodeB = testPool(database.url, 10);
  const client = await nodeA.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  await nodeA.query(
    "INSERT INTO agents (id, first_name, created_at) VALUES ('a-julie', 'Julie', 0), ('a-marc', 'Marc', 0)",
  );
});

afterAll(async () => {
  await Promise.all([nodeA?.end(), nodeB?.end()]);
  await drop?.();
});

/** Runs `work` in a transaction of its own on a client of `pool`. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

let conversations = 0;
/** A new queued conversation of a new visitor. */
async function newConversation(): Promise<string> {
  conversations++;
  const id = `c-${conversations}-${Date.now()}`;
  await nodeA.query('INSERT INTO visitors (id, created_at, last_seen_at) VALUES ($1, 0, 0)', [`v-${id}`]);
  await nodeA.query(
    "INSERT INTO conversations (id, visitor_id, epoch, status, created_at) VALUES ($1, $2, 'e', 'queued', 0)",
    [id, `v-${id}`],
  );
  return id;
}

const seqsOf = async (conversationId: string): Promise<number[]> =>
  (
    await nodeA.query<{ seq: string }>('SELECT seq FROM events WHERE conversation_id = $1 ORDER BY seq', [
      conversationId,
    ])
  ).rows.map((row) => Number(row.seq));

const note = (text: string) => ({ type: 'system.note', text }) as never;
const message = (conversationId: string, clientId: string, text: string): MessageInput => ({
  conversationId,
  clientId,
  contentHash: `hash:${text}`,
  event: {
    type: 'message',
    id: `m-${clientId}-${text}`,
    author: { role: 'visitor' },
    content: { kind: 'text', text },
    clientId,
  },
});

describe('the guarantees of the writes on Postgres', () => {
  it('numbers a conversation 1…n with no gap when two nodes append at once', async () => {
    const id = await newConversation();
    const append = (pool: pg.Pool, n: number) =>
      inTransaction(pool, (client) => appendEvent(client, id, note(`n${n}`), Date.now()));
    await Promise.all(Array.from({ length: 60 }, (_, n) => append(n % 2 === 0 ? nodeA : nodeB, n)));
    expect(await seqsOf(id)).toEqual(Array.from({ length: 60 }, (_, n) => n + 1));
  });

  it('leaves no gap when a transaction that appended rolls back', async () => {
    const id = await newConversation();
    await inTransaction(nodeA, (client) => appendEvent(client, id, note('kept'), 1));
    await expect(
      inTransaction(nodeA, async (client) => {
        await appendEvent(client, id, note('lost'), 2);
        throw new Error('the group failed');
      }),
    ).rejects.toThrow('the group failed');
    await inTransaction(nodeB, (client) => appendEvent(client, id, note('next'), 3));
    expect(await seqsOf(id)).toEqual([1, 2]);
  });

  it('stores a message once per clientId, even sent on two nodes at the same instant', async () => {
    const id = await newConversation();
    const send = (pool: pg.Pool, text: string) =>
      inTransaction(pool, (client) => storeMessage(client, message(id, 'client-1', text), Date.now()));
    const [first, second] = await Promise.all([send(nodeA, 'Bonjour'), send(nodeB, 'Bonjour')]);
    expect([first?.outcome, second?.outcome].sort()).toEqual(['duplicate', 'stored']);
    expect(first?.ack.seq).toBe(second?.ack.seq);
    expect(await seqsOf(id)).toEqual([1]);
    expect((await send(nodeA, 'Autre chose')).outcome).toBe('conflict');
    expect(await seqsOf(id)).toEqual([1]);
  });

  it('gives a queued conversation to one agent only when agents on two nodes take it at once', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => newConversation()));
    for (const id of ids) {
      const wins = await Promise.all(
        (
          [
            [nodeA, 'a-julie'],
            [nodeB, 'a-marc'],
          ] as const
        ).map(([pool, agent]) =>
          inTransaction(pool, async (client) => {
            const won = await takeConversation(client, id, agent, Date.now());
            if (won) await appendEvent(client, id, note(`${agent} joined`), Date.now());
            return won;
          }),
        ),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      const { rows } = await nodeA.query('SELECT status, agent_id FROM conversations WHERE id = $1', [id]);
      expect(rows[0]).toEqual({ status: 'active', agent_id: wins[0] ? 'a-julie' : 'a-marc' });
      expect(await seqsOf(id)).toEqual([1]);
    }
  });
});
