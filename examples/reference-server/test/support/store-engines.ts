// The two stores (SQLite in memory, Postgres in a throwaway database) opened the same way, with a clock and
// ids of the test's, so that one test body gives the same answers on both; and the inputs the tests write.
import type { Author, FormField } from '@clavard/protocol';
import { afterAll, expect } from 'vitest';
import type { NewAccount } from '../../src/db/account-store.js';
import { openPostgresStore } from '../../src/db/postgres/store.js';
import { type EventInput, type MessageInput, openStore, type Store } from '../../src/db/store.js';
import { throwawayDatabase } from './postgres.js';

/**
 * A clock that moves only when told, and ids in the order they are made (`id-0001`, …).
 *
 * @example
 * ```ts
 * const clock: TestClock = testClock();
 * ```
 */
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

/**
 * A Postgres store's `onConnectionError` in the tests: dropping a test's database ends the connections its
 * pool was still closing (57P01), which is expected; anything else fails the run.
 *
 * @example
 * ```ts
 * await openPostgresStore({ url, onConnectionError: droppedOnly });
 * ```
 */
export function droppedOnly(error: Error & { code?: string }): void {
  if (error.code !== '57P01') throw error;
}

/**
 * An engine the tests run on: a new, empty store at each `open`.
 *
 * @example
 * ```ts
 * const { store, close } = await engine.open(testClock());
 * ```
 */
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
      const store = await openPostgresStore({
        url: database.url,
        now: clock.now,
        createId: clock.createId,
        onConnectionError: droppedOnly,
      });
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

/**
 * `conversation.ended`, by the agent.
 *
 * @example
 * ```ts
 * await store.end(conversationId, ENDED);
 * ```
 */
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

/**
 * A new account of the tests: `hash-of-<login>` as its password hash.
 *
 * @example
 * ```ts
 * const julie = await store.createAccount(account('julie', 'Julie', ['Billing']));
 * ```
 */
export function account(login: string, firstName: string, topics: string[] = []): NewAccount {
  return { login, firstName, role: 'agent', passwordHash: `hash-of-${login}`, topics };
}

/**
 * A pre-chat (or leave-a-message) form's fields.
 *
 * @example
 * ```ts
 * await store.carryPrechat(conversationId, 'prechat', FIELDS, { name: 'Ana' });
 * ```
 */
export const FIELDS: FormField[] = [
  { name: 'name', type: 'text', label: 'Name' },
  { name: 'email', type: 'email', label: 'Email' },
];

/**
 * What each event of the conversation says: a message's content, else its type.
 *
 * @example
 * ```ts
 * expect(await contents(store, id)).toEqual([{ kind: 'text', text: 'one' }, 'conversation.ended']);
 * ```
 */
export async function contents(store: Store, conversationId: string): Promise<unknown[]> {
  return (await store.events(conversationId, 0, -1)).map((event) =>
    'content' in event ? event.content : event.type,
  );
}

/** `store`, its operations' answers (or the fact that they threw) written into `log`. */
const recorded = (store: Store, log: unknown[]): Store =>
  new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || ['atomically', 'claimVisitor', 'close'].includes(String(name))) {
        return value;
      }
      return async (...args: unknown[]) => {
        try {
          const answer = await value.apply(target, args);
          log.push({ [name]: answer });
          return answer;
        } catch (error) {
          log.push({ [name]: 'threw' });
          throw error;
        }
      };
    },
  });

/**
 * Test bodies run on both engines, every answer of their stores kept: `open(engine, test)` gives a new
 * store (closed, its database dropped, after the file), and `expectAlike()` requires both engines to have
 * answered every call of every test alike. Call at the top of a test file.
 *
 * @example
 * ```ts
 * const suite = engineSuite();
 * describe.each(ENGINES)('$name', (engine) => {
 *   it('…', async () => { const { store } = await suite.open(engine, '…'); });
 * });
 * it('answers alike', () => suite.expectAlike());
 * ```
 */
export function engineSuite() {
  const answers: Record<Engine['name'], Record<string, unknown[]>> = { sqlite: {}, postgres: {} };
  const closing: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closing.splice(0)) await close();
  });
  return {
    async open(engine: Engine, test: string): Promise<{ store: Store; clock: TestClock }> {
      const clock = testClock();
      restartMessages();
      const opened = await engine.open(clock);
      closing.push(opened.close);
      const log: unknown[] = [];
      answers[engine.name][test] = log;
      return { store: recorded(opened.store, log), clock };
    },
    expectAlike(): void {
      expect(Object.keys(answers.postgres)).toEqual(Object.keys(answers.sqlite));
      for (const [test, log] of Object.entries(answers.sqlite)) {
        expect({ test, log: answers.postgres[test] }).toEqual({ test, log });
      }
    },
  };
}
