import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { bench, describe } from 'vitest';
import {
  agentMessage,
  createFakeTransport,
  type FakeTransport,
  welcome,
} from '../test/support/fake-transport.js';
import { type Rate, rateLines, startClock } from './support/rates.js';

// Benchmarks, not tests: `npm run bench` (or `npx vitest bench --run packages/widget/bench`).

//#region throughput: server messages applied into a conversation of 10,000
const HELD = 10_000;
const BATCH = 1_000;
const RUNS = 60;
const saved = JSON.stringify({
  v: 1,
  token: 't1',
  conversationId: 'c1',
  epoch: 'e1',
  lastSeq: HELD,
  readSeq: 0,
  outbox: [],
  events: Array.from({ length: HELD }, (_, i) => agentMessage(i + 1)),
});
// As a WebSocket delivers them: JSON text.
const incoming = Array.from({ length: BATCH }, (_, i) => JSON.stringify(agentMessage(HELD + i + 1)));

interface Loaded {
  client: ChatClient;
  transport: FakeTransport;
  /** Resolves when the subscriber has been shown all 11,000 rows (at once when nobody subscribes). */
  shown: Promise<void>;
}

/** A client online in a conversation that already holds 10,000 messages (restored from storage). */
function loaded(subscribe: boolean): Loaded {
  const storage = createMemoryStorage();
  storage.set('clavard:default', saved);
  const transport = createFakeTransport({ autoOpen: true });
  const client = createChatClient({ transport, storage, random: () => 0 });
  client.connect();
  transport.receive(welcome({ conversation: { id: 'c1', epoch: 'e1', lastSeq: HELD, status: 'active' } }));
  // A UI reads the visible list after every change it is told of.
  const shown = new Promise<void>((resolve) => {
    if (!subscribe) resolve();
    else client.messages.subscribe((rows) => rows.length === HELD + BATCH && resolve());
  });
  return { client, transport, shown };
}

/** The floor: parse the same frames and push each to a 10,000-long array, one subscriber call each. */
const held: unknown[] = JSON.parse(saved).events;
function floorRate(): Rate {
  const list = held.slice();
  let calls = 0;
  const subscriber = (rows: readonly unknown[]): void => {
    calls += rows.length > 0 ? 1 : 0;
  };
  const stop = startClock(BATCH);
  for (const frame of incoming) {
    list.push(JSON.parse(frame));
    subscriber(list);
  }
  const rate = stop();
  if (calls !== BATCH) throw new Error('the floor skipped a call');
  return rate;
}

/**
 * One timed run per iteration, the floor's run just before it (same conditions), each on a client built
 * (and the previous one disposed) outside the timed part; figures printed as messages/s, median and
 * spread, with the ratio to the floor.
 */
function throughputBench(name: string, subscribe: boolean): void {
  let next: Loaded | undefined;
  const rates: Rate[] = [];
  const floors: Rate[] = [];
  bench(
    `${name} (its floor timed in the same iteration; figures printed below)`,
    async () => {
      const current = next ?? loaded(subscribe);
      floors.push(floorRate());
      const stop = startClock(BATCH);
      for (const frame of incoming) current.transport.receive(frame);
      await current.shown;
      rates.push(stop());
      if (current.client.messages.value.length !== HELD + BATCH) throw new Error('messages were lost');
      current.client.dispose();
      next = loaded(subscribe);
    },
    {
      time: 0,
      iterations: RUNS,
      warmupTime: 0,
      warmupIterations: 5,
      setup: () => {
        rates.length = 0;
        floors.length = 0;
      },
      teardown: (_task, mode) => {
        next?.client.dispose();
        next = undefined;
        if (mode === 'run') process.stdout.write(rateLines(name, 'msgs/s', rates, floors));
      },
    },
  );
}

describe(`client throughput: ${BATCH} server messages into a conversation of ${HELD}`, () => {
  throughputBench('headless, nobody reading the list', false);
  throughputBench('with a subscriber to client.messages (as a UI)', true);
});
//#endregion

//#region reconnect: connection restored → outbox flushed, 100 queued messages
const QUEUED = 100;

interface Queued {
  server: MemoryChatServer;
  client: ChatClient;
  openedAt: number;
}

/** A client with 100 messages written while disconnected, on a memory server, not connected yet. */
function queued(samples: number[]): Queued {
  const server = createMemoryChatServer({ heartbeatMs: 0 });
  const transport = server.createTransport();
  const client = createChatClient({ transport, storage: createMemoryStorage(), random: () => 0 });
  for (let i = 0; i < QUEUED; i += 1) client.send(`queued ${i}`);
  const entry: Queued = { server, client, openedAt: 0 };
  transport.on('status', (status) => {
    if (status === 'open') entry.openedAt = performance.now();
  });
  client.messages.subscribe((rows) => {
    if (entry.openedAt > 0 && rows.length === QUEUED && rows.every((row) => row.kind === 'event')) {
      samples.push(performance.now() - entry.openedAt);
      entry.openedAt = 0;
    }
  });
  return entry;
}

const flushed = (client: ChatClient): Promise<void> =>
  new Promise((resolve) => {
    const stop = client.messages.subscribe((rows) => {
      if (rows.length === QUEUED && rows.every((row) => row.kind === 'event')) {
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });

describe(`reconnect: connection restored to outbox flushed, ${QUEUED} queued messages (memory server)`, () => {
  const ready: Queued[] = [];
  const used: Queued[] = [];
  const samples: number[] = [];
  bench(
    'connect() → welcome → 100 sends, each acked, outbox empty',
    async () => {
      const next = ready.pop() ?? queued(samples);
      next.client.connect();
      await flushed(next.client);
      used.push(next);
    },
    {
      time: 0,
      iterations: 50,
      warmupTime: 0,
      warmupIterations: 5,
      setup: () => {
        samples.length = 0;
        for (let i = 0; i < 60; i += 1) ready.push(queued(samples));
      },
      teardown: (_task, mode) => {
        for (const { client, server } of [...ready.splice(0), ...used.splice(0)]) {
          client.dispose();
          server.dispose();
        }
        if (mode !== 'run' || samples.length === 0) return;
        const sorted = [...samples].sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
        const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
        process.stdout.write(
          `transport open → outbox empty (${QUEUED} messages, n=${sorted.length}): mean ${mean.toFixed(2)} ms, ` +
            `p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms\n`,
        );
      },
    },
  );
});
//#endregion
