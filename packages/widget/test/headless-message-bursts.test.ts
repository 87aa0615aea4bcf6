import { type ChatEntry, createMemoryStorage } from '@clavard/widget/headless';
import { effect } from '@preact/signals-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeChannelHub, createFakeLocks, until } from './support/fake-tabs.js';
import { agentMessage, welcome } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';

const HELD = 2_000;
const BURST = 500;

/** Storage holding a conversation of `HELD` agent messages, as a previous page left it. */
function storageWithConversation() {
  const storage = createMemoryStorage();
  const events = Array.from({ length: HELD }, (_, i) => agentMessage(i + 1));
  storage.set(
    'clavard:default',
    JSON.stringify({
      v: 1,
      token: 't1',
      conversationId: 'c1',
      epoch: 'e1',
      lastSeq: HELD,
      readSeq: 0,
      outbox: [],
      events,
    }),
  );
  return storage;
}

/**
 * A client restored from `storage`, online in that conversation: a client without tabs, or (`alone`) the
 * client of a tab with tabs on and no other tab, which runs the same core behind signals that follow it.
 */
async function restored(storage = storageWithConversation(), alone = false) {
  const tabs = alone
    ? { BroadcastChannel: createFakeChannelHub().BroadcastChannel, locks: createFakeLocks() }
    : false;
  const setup = setupClient({ storage, tabs });
  if (alone) await until(() => setup.client.isLeader.value);
  setup.client.connect();
  setup.transport.receive(
    welcome({ conversation: { id: 'c1', epoch: 'e1', lastSeq: HELD, status: 'active' } }),
  );
  return setup;
}

const burst = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => agentMessage(from + i));

describe.each([
  ['a client without tabs', false],
  ['the client of a tab alone, tabs on', true],
])('a burst of server messages: %s', (_, alone) => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leaves every row already shown the same object', async () => {
    const { client, transport } = await restored(undefined, alone);
    const before = client.messages.value;
    for (const frame of burst(HELD + 1, BURST)) transport.receive(frame);
    const after = client.messages.value;
    expect(after).toHaveLength(HELD + BURST);
    expect(after.slice(0, HELD).every((row, index) => row === before[index])).toBe(true);
    client.dispose();
  });

  it('is in client.messages as soon as it is handled, and the array read stays as it was', async () => {
    const { client, transport } = await restored(undefined, alone);
    const first = client.messages.value;
    transport.receive(agentMessage(HELD + 1));
    const second = client.messages.value;
    transport.receive(agentMessage(HELD + 2));
    expect(client.messages.value).toHaveLength(HELD + 2);
    expect(client.messages.peek()).toBe(client.messages.value);
    expect([first.length, second.length]).toEqual([HELD, HELD + 1]);
    client.dispose();
  });

  it('tells a subscriber once, with every row, when the task that handled it is done', async () => {
    const { client, transport } = await restored(undefined, alone);
    const told: number[] = [];
    const stop = client.messages.subscribe((rows) => told.push(rows.length));
    for (const frame of burst(HELD + 1, BURST)) transport.receive(frame);
    expect(told).toEqual([HELD]);
    await Promise.resolve();
    expect(told).toEqual([HELD, HELD + BURST]);
    stop();
    client.dispose();
  });

  it('tells an effect that reads the rows of a burst and of the next one, each once', async () => {
    const { client, transport } = await restored(undefined, alone);
    const seen: ChatEntry[][] = [];
    const stop = effect(() => {
      seen.push([...client.messages.value]);
    });
    for (const frame of burst(HELD + 1, 3)) transport.receive(frame);
    await Promise.resolve();
    transport.receive(agentMessage(HELD + 4));
    await Promise.resolve();
    expect(seen.map((rows) => rows.length)).toEqual([HELD, HELD + 3, HELD + 4]);
    expect(seen[2]?.at(-1)?.key).toBe(`m:m${HELD + 4}`);
    stop();
    client.dispose();
  });

  it("tells a subscriber of the visitor's own message at once", async () => {
    const { client } = await restored(undefined, alone);
    const told: string[] = [];
    const stop = client.messages.subscribe((rows) => told.push(rows.at(-1)?.kind ?? 'none'));
    client.send('hello');
    expect(told).toEqual(['event', 'pending']);
    stop();
    client.dispose();
  });

  it('counts the unread messages of a burst at once', async () => {
    const { client, transport } = await restored(undefined, alone);
    const unread = client.unread.value;
    for (const frame of burst(HELD + 1, 10)) transport.receive(frame);
    expect(client.unread.value).toBe(unread + 10);
    client.dispose();
  });

  it('is stored in one write after the burst, the last events only, and is all there after a reload', async () => {
    const storage = storageWithConversation();
    const writes: number[] = [];
    const set = storage.set;
    storage.set = (key, value) => {
      writes.push(value.length);
      set(key, value);
    };
    const { client, transport } = await restored(storage, alone);
    const before = writes.length;
    for (const frame of burst(HELD + 1, BURST)) transport.receive(frame);
    expect(writes).toHaveLength(before);
    vi.runOnlyPendingTimers();
    expect(writes).toHaveLength(before + 1);
    const stored = JSON.parse(storage.get('clavard:default') ?? '{}');
    expect(stored.lastSeq).toBe(HELD + BURST);
    expect(stored.events).toHaveLength(200);
    expect(stored.events.at(-1).seq).toBe(HELD + BURST);
    client.dispose();

    const again = setupClient({ storage });
    expect(again.client.messages.value.map((row) => row.key).at(-1)).toBe(`m:m${HELD + BURST}`);
    again.client.connect();
    expect(again.transport.sentOfType('session.hello')[0]?.resume?.lastSeq).toBe(HELD + BURST);
    again.client.dispose();
  });
});
