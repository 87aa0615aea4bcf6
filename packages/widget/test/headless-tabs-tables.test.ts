// Every event and every action that crosses tabs, one test each: an event emitted by the leader's core is
// heard in every tab, and an action called in any tab reaches the leader's core. The sample tables are
// typed by the client's own maps, so an event or an action added without a sample here fails to compile.
import { ChatError, type Transport } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { signal } from '@preact/signals-core';
import { afterEach, describe, expect, it } from 'vitest';
import { serverExamples } from '../../protocol/test/examples.js';
import type { ChatEntry } from '../src/headless/conversation-model.js';
import { createTabbedClient } from '../src/headless/tab-client.js';
import type { ClientActions } from '../src/headless/tab-remote.js';
import type { ClientCore } from '../src/headless/tab-types.js';
import type { ChatClient, ChatEvents } from '../src/headless/types.js';
import { createFakeChannelHub, createFakeLocks, until } from './support/fake-tabs.js';

const FAILED: ChatEntry = {
  kind: 'pending',
  key: 'm1',
  clientId: 'm1',
  text: 'Hi',
  quickReplyId: undefined,
  delivery: 'failed',
  error: 'ack-timeout',
};

/** A core that records the actions it is asked for and emits what the test tells it to. */
function createFakeCore() {
  const events = createEmitter<ChatEvents>();
  /** Every call, in order: a signal, so a test can wait for one. */
  const calls = signal<unknown[][]>([]);
  const push = (call: unknown[]): void => {
    calls.value = [...calls.peek(), call];
  };
  const record =
    (name: string) =>
    (...args: unknown[]): undefined => {
      push([name, ...args]);
      return undefined;
    };
  const core: ClientCore = {
    status: signal('online' as const),
    disconnectedSince: signal(undefined),
    conversation: signal({ id: 'c1', epoch: 'e1', status: 'active' as const }),
    agent: signal(undefined),
    availability: signal(undefined),
    prechat: signal(undefined),
    handoff: signal('opened' as const),
    queue: signal(undefined),
    messages: signal([FAILED]),
    typing: signal([]),
    unread: signal(0),
    forms: signal([]),
    isLeader: signal(true),
    attachments: signal(undefined),
    uploads: signal(new Map()),
    attach: async () => 'file',
    cancel: () => false,
    fetchFile: async () => new Blob([]),
    on: events.on,
    send: (text, options) => {
      push(['send', text, options]);
      return 'x';
    },
    accept: (clientId, text, quickReplyId) => {
      push(['accept', clientId, text, quickReplyId]);
      return clientId;
    },
    retry: record('retry'),
    retryAs: record('retryAs'),
    setTyping: record('setTyping'),
    markRead: record('markRead'),
    submitForm: record('submitForm'),
    rate: record('rate'),
    end: record('end'),
    identify: record('identify'),
    openHandoff: record('openHandoff'),
    shutdown: record('shutdown'),
    forget: record('forget'),
    connect: record('connect'),
    start: record('start'),
    disconnect: record('disconnect'),
    dispose: () => events.clear(),
  };
  return { core, events, calls };
}

/** Two tabs of one site; the first leads. */
async function openTwoTabs() {
  const hub = createFakeChannelHub();
  const locks = createFakeLocks();
  const cores: ReturnType<typeof createFakeCore>[] = [];
  const open = (): ChatClient =>
    createTabbedClient(
      { transport: {} as Transport },
      { BroadcastChannel: hub.BroadcastChannel, locks, heartbeatMs: 250 },
      () => {
        const fake = createFakeCore();
        cores.push(fake);
        return fake.core;
      },
    );
  const leader = open();
  await until(() => leader.isLeader.value);
  const follower = open();
  // The follower mirrors the leader's state: it knows who leads.
  await until(() => follower.status.value === 'online');
  const [core] = cores;
  if (!core || cores.length !== 1) throw new Error('expected one core, in the leader');
  tabs = [leader, follower];
  return { leader, follower, core };
}

let tabs: ChatClient[] = [];
afterEach(() => {
  for (const tab of tabs) tab.dispose();
  tabs = [];
});

const SAMPLES: { [K in keyof ChatEvents]: ChatEvents[K] } = {
  message: serverExamples.message,
  'agent.joined': serverExamples['agent.joined'],
  'agent.left': serverExamples['agent.left'],
  'agent.transferred': serverExamples['agent.transferred'],
  'form.request': serverExamples['form.request'],
  'form.result': serverExamples['form.result'],
  'conversation.ended': serverExamples['conversation.ended'],
  discontinuity: { conversationId: 'c1', epoch: 'e2', reason: 'epoch-changed' },
  status: 'reconnecting',
  error: new ChatError('rate-limited', 'Slow down', { retryable: true, clientId: 'm1' }),
  shutdown: { forgotten: true },
};

describe('every event reaches every tab', () => {
  for (const name of Object.keys(SAMPLES) as (keyof ChatEvents)[]) {
    it(`${name}`, async () => {
      const { leader, follower, core } = await openTwoTabs();
      const heard: unknown[][] = [[], []];
      leader.on(name, (payload) => heard[0]?.push(payload));
      follower.on(name, (payload) => heard[1]?.push(payload));
      core.events.emit(name, SAMPLES[name]);
      const seen = signal(0);
      follower.on(name, () => seen.value++);
      await until(() => seen.value > 0);
      for (const payloads of heard) {
        expect(payloads).toHaveLength(1);
        if (name === 'error') {
          const error = payloads[0];
          expect(ChatError.isInstance(error)).toBe(true);
          expect(error).toMatchObject({
            code: 'rate-limited',
            message: 'Slow down',
            retryable: true,
            clientId: 'm1',
          });
        } else {
          expect(payloads[0]).toEqual(SAMPLES[name]);
        }
      }
    });
  }
});

/** Each action: how a tab calls it, and the call the leader's core must see. */
const ACTIONS: { [K in keyof ClientActions]: [call: (client: ChatClient) => unknown, expected: unknown[]] } =
  {
    send: [(c) => c.send('Hello', { quickReplyId: 'q1' }), ['accept', expect.any(String), 'Hello', 'q1']],
    retry: [(c) => c.retry('m1'), ['retryAs', 'm1', 'm1']],
    setTyping: [(c) => c.setTyping(true), ['setTyping', true]],
    markRead: [(c) => c.markRead(), ['markRead']],
    submitForm: [
      (c) => c.submitForm('f1', { email: 'ana@example.com' }),
      ['submitForm', 'f1', { email: 'ana@example.com' }],
    ],
    rate: [(c) => c.rate({ solved: true, score: 5 }), ['rate', { solved: true, score: 5 }]],
    end: [(c) => c.end(), ['end']],
    identify: [(c) => c.identify('token-1'), ['identify', 'token-1']],
    openHandoff: [(c) => c.openHandoff('h_abc.sig'), ['openHandoff', 'h_abc.sig']],
    shutdown: [(c) => c.shutdown(), ['shutdown']],
    forget: [(c) => c.forget(), ['forget']],
    connect: [(c) => c.connect(), ['connect']],
  };

/** What the leader's own call reaches: its core directly (a send is `send`, not `accept`). */
const DIRECT: Partial<Record<keyof ClientActions, unknown[]>> = {
  send: ['send', 'Hello', { quickReplyId: 'q1' }],
  retry: ['retry', 'm1'],
};

describe('every action reaches the leader’s core, from any tab', () => {
  for (const [name, [call, expected]] of Object.entries(ACTIONS)) {
    it(`${name}, called in a follower`, async () => {
      const { follower, core } = await openTwoTabs();
      call(follower);
      await until(() => core.calls.value.some((entry) => entry[0] === expected[0]));
      expect(core.calls.value.filter((entry) => entry[0] === expected[0])).toEqual([expected]);
    });

    it(`${name}, called in the leader`, async () => {
      const { leader, core } = await openTwoTabs();
      call(leader);
      expect(core.calls.value).toEqual([DIRECT[name as keyof ClientActions] ?? expected]);
    });
  }
});
