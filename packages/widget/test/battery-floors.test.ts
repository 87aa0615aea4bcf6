import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import type { ClientFrame } from '@clavard/protocol';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventKey, shownEvents, textsBy, visibleKeys } from './support/chaos-tap.js';
import { createFakeWindow } from './support/fake-transport.js';
import { createGate } from './support/gate.js';

const julie = { id: 'a1', firstName: 'Julie' };
const clients: ChatClient[] = [];
let server: MemoryChatServer | undefined;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
  server?.dispose();
  server = undefined;
  vi.useRealTimers();
});

const track = (client: ChatClient): ChatClient => {
  clients.push(client);
  return client;
};
const sends = (frames: readonly ClientFrame[]) =>
  frames.flatMap((frame) => (frame.type === 'message.send' ? [frame.text] : []));

describe('battery floors not covered by the unit tests', () => {
  it('reload while offline with 3 unsent messages: the new client sends them once, in order', async () => {
    server = createMemoryChatServer();
    const storage = createMemoryStorage();
    const window = createFakeWindow(true);
    const before = createGate(server.createTransport());
    const first = track(createChatClient({ transport: before, storage, window, random: () => 0 }));
    first.connect();
    first.send('hello');
    await vi.advanceTimersByTimeAsync(10);
    expect(first.messages.value).toMatchObject([{ kind: 'event' }]);
    window.navigator.onLine = false;
    before.down = true;
    window.dispatchEvent(new Event('offline'));
    const unsent = [first.send('one'), first.send('two'), first.send('three')];
    await vi.advanceTimersByTimeAsync(5 * 60_000); // probes fail
    expect(before.attempts).toBeGreaterThan(1);
    first.dispose(); // the reload, still offline

    window.navigator.onLine = true;
    const after = createGate(server.createTransport());
    const second = track(createChatClient({ transport: after, storage, window, random: () => 0 }));
    expect(second.messages.value.map((entry) => entry.key).slice(1)).toEqual(unsent);
    second.connect();
    await vi.advanceTimersByTimeAsync(100);

    const conversationId = second.conversation.value?.id ?? '';
    const stored = server.events(conversationId);
    expect(sends(before.sent)).toEqual(['hello']);
    expect(sends(after.sent)).toEqual(['one', 'two', 'three']);
    expect(textsBy(stored, 'visitor')).toEqual(['hello', 'one', 'two', 'three']);
    expect(visibleKeys(second)).toEqual(stored.map(eventKey));
  });

  it('idempotent resend five ways (twice on the same connection, after reconnect, after reload): one stored, five identical acks', async () => {
    server = createMemoryChatServer();
    const storage = createMemoryStorage();
    const gate = createGate(server.createTransport());
    const first = track(createChatClient({ transport: gate, storage, random: () => 0 }));
    first.connect();
    await vi.advanceTimersByTimeAsync(10);
    const clientId = first.send('only once');
    // Nothing about this message reaches the client: it must keep trying with the same clientId.
    gate.swallow = (frame) =>
      frame.clientId === clientId ||
      frame.type === 'history' ||
      (frame.type === 'message' && frame.clientId !== undefined);
    await vi.advanceTimersByTimeAsync(10);
    await vi.advanceTimersByTimeAsync(10_000); // ack timeout: resend on the same connection
    await vi.advanceTimersByTimeAsync(10_000); // and again
    gate.cut(); // resend after reconnect
    await vi.advanceTimersByTimeAsync(100);
    first.dispose(); // resend after reload
    const after = createGate(server.createTransport());
    const second = track(createChatClient({ transport: after, storage, random: () => 0 }));
    second.connect();
    await vi.advanceTimersByTimeAsync(100);

    const attempts = [...gate.sent, ...after.sent].filter(
      (frame) => frame.type === 'message.send' && frame.clientId === clientId,
    );
    expect(attempts).toHaveLength(5);
    const acks = [...gate.received, ...after.received]
      .filter((frame) => frame.type === 'message.ack' && frame.clientId === clientId)
      .map(({ duplicate: _duplicate, ...ack }) => ack);
    expect(acks).toHaveLength(5);
    for (const ack of acks) expect(ack).toEqual(acks[0]);
    const conversationId = second.conversation.value?.id ?? '';
    expect(server.messages(conversationId).filter((message) => message.clientId === clientId)).toHaveLength(
      1,
    );
    expect(visibleKeys(second)).toEqual(server.events(conversationId).map(eventKey));
  });

  it('page hidden then visible: reconnects within 1 s, shows what was missed once and in order', async () => {
    server = createMemoryChatServer();
    const window = createFakeWindow(true);
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const gate = createGate(server.createTransport());
    const client = track(
      createChatClient({ transport: gate, storage: false, window, document, random: () => 0.999 }),
    );
    client.connect();
    client.send('hello');
    await vi.advanceTimersByTimeAsync(10);
    const conversationId = client.conversation.value?.id ?? '';
    server.agents.join(conversationId, julie);
    server.agents.send(conversationId, 'a1', 'seen');
    await vi.advanceTimersByTimeAsync(10);

    // Hidden and frozen: the network goes, attempts fail, backoff grows to tens of seconds.
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    gate.down = true;
    gate.cut();
    await vi.advanceTimersByTimeAsync(100_000);
    for (let i = 0; i < 5; i += 1) server.agents.send(conversationId, 'a1', `missed ${i}`);
    gate.down = false;
    const attempts = gate.attempts;
    await vi.advanceTimersByTimeAsync(1000);
    expect(gate.attempts).toBe(attempts); // the next scheduled attempt is further away than 1 s

    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.status.value).toBe('online');
    const stored = server.events(conversationId);
    expect(visibleKeys(client)).toEqual(stored.map(eventKey));
    expect(textsBy(shownEvents(client), 'agent')).toEqual([
      'seen',
      'missed 0',
      'missed 1',
      'missed 2',
      'missed 3',
      'missed 4',
    ]);
  });
});
