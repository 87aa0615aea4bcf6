// The two stores (SQLite in memory, Postgres in a throwaway database) opened the same way, with a clock and
// ids of the test's, so that one test body gives the same answers on both; and the inputs the tests write.
import type { Author } from '@clavard/protocol';
import { openPostgresStore } from '../../src/db/postgres/store.js';
import { type EventInput, type MessageInput, openStore, type Store } from '../../src/db/store.js';
import { throwawayDatabase } from './postgres.js';

/** A clock that moves only when told, and ids in the order they are made (`id-0001`, …). */
export interface TestClock {
  now: () => number;
  createId: () => string;
  /** Moves the clock on by `ms`. @default 1000 */
  tick(ms?: number): number;
}

/**
 * A new {@link TestClock}, at 2023-11-14 in ms.
 *
 * @example
 * ```ts
 * const clock = testClock();
 * clock.tick();
 * ```
 */
export function testClock(): TestClock {
  let time = 1_700_000_000_000;
  let ids = 0;
  return {
    now: () => time,
    createId: () => `id-${String(++ids).padStart(4, '0')}`,
    tick: (ms = 1000) => (time += ms),
  };
}

/** An engine the tests run on: a new, empty store at each `open`. */
export interface Engine {
  name: 'sqlite' | 'postgres';
  open(clock: TestClock): Promise<{ store: Store; url?: string; close(): Promise<void> }>;
}

/**
 * Both engines.
 *
 * @example
 * ```ts
 * describe.each(ENGINES)('$name', (engine) => { … });
 * ```
 */
export const ENGINES: readonly Engine[] = [
  {
    name: 'sqlite',
    async open(clock) {
      const store = openStore({ path: ':memory:', now: clock.now, createId: clock.createId });
      return { store, close: () => store.close() };
    },
  },
  {
    name: 'postgres',
    async open(clock) {
      const database = await throwawayDatabase();
      const store = await openPostgresStore({ url: database.url, now: clock.now, createId: clock.createId });
      return {
        store,
        url: database.url,
        async close() {
          await store.close();
          await database.drop();
        },
      };
    },
  },
];

let made = 0;

/**
 * Numbers the next messages from 1 again, so that a test makes the same ids on either engine.
 *
 * @example
 * ```ts
 * restartMessages();
 * ```
 */
export function restartMessages(): void {
  made = 0;
}

/**
 * A visitor's (or an agent's) text message with a clientId of its own.
 *
 * @example
 * ```ts
 * await store.storeMessage(textMessage(conversationId, 'Ma facture de mai'));
 * ```
 */
export function textMessage(
  conversationId: string,
  text: string,
  author: Author = { role: 'visitor' },
): MessageInput {
  made += 1;
  return {
    conversationId,
    clientId: `client-${made}`,
    contentHash: `hash-${made}`,
    event: { type: 'message', id: `m-${made}`, author, content: { kind: 'text', text } },
  };
}

/** `conversation.ended`, by the agent. */
export const ENDED: EventInput = { type: 'conversation.ended', by: 'agent' };

/**
 * `agent.joined` (or another event naming the agent) for `agentId`.
 *
 * @example
 * ```ts
 * await store.assign(conversationId, agentId, agentEvent('agent.joined', agentId));
 * ```
 */
export function agentEvent(
  type: 'agent.joined' | 'agent.left' | 'agent.transferred',
  agentId: string,
): EventInput {
  return { type, agent: { id: agentId, firstName: agentId } };
}
