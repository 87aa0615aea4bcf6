import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeChannelHub, createFakeLocks, until } from './support/fake-tabs.js';
import { AT, agentMessage, visitorEcho } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';

const rowAt = (client: ChatClient, index: number) => client.messages.value[index];

describe('message rows, kept incrementally', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the identity of an unchanged row when a new message arrives', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    transport.receive(agentMessage(1));
    transport.receive(agentMessage(2));
    const before = client.messages.value;
    transport.receive(agentMessage(3));
    const after = client.messages.value;
    expect(after).not.toBe(before);
    expect(after).toHaveLength(3);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    client.dispose();
  });

  it('keeps pending rows after the confirmed ones, in compose order, with their identity', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    client.send('first');
    client.send('second');
    const pending = client.messages.value;
    transport.receive(agentMessage(1));
    const rows = client.messages.value;
    expect(rows.map((row) => (row.kind === 'pending' ? row.text : row.seq))).toEqual([1, 'first', 'second']);
    expect(rows[1]).toBe(pending[0]);
    expect(rows[2]).toBe(pending[1]);
    client.dispose();
  });

  it("replaces only the visitor's rows that an agent's read newly covers", () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    transport.receive(visitorEcho(1, 'x1', 'one'));
    transport.receive(agentMessage(2));
    transport.receive(visitorEcho(3, 'x3', 'three'));
    transport.receive(visitorEcho(4, 'x4', 'four'));
    const before = client.messages.value;
    transport.receive({ type: 'read', conversationId: 'c1', upToSeq: 3, by: 'agent' });
    const after = client.messages.value;
    expect(after.map((row) => row.delivery)).toEqual(['read', undefined, 'read', 'delivered']);
    expect([0, 1, 2, 3].map((index) => after[index] === before[index])).toEqual([false, true, false, true]);
    client.dispose();
  });

  it('shows a visitor message confirmed below the read mark as read', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    transport.receive(agentMessage(1));
    transport.receive({ type: 'read', conversationId: 'c1', upToSeq: 2, by: 'agent' });
    transport.receive(visitorEcho(2, 'x2', 'two'));
    expect(client.messages.value.map((row) => row.delivery)).toEqual([undefined, 'read']);
    client.dispose();
  });

  it('keeps the same forms list while other events arrive, and follows rejection then acceptance', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const event = { conversationId: 'c1', at: AT };
    transport.receive({
      type: 'form.request',
      ...event,
      seq: 1,
      formId: 'f1',
      kind: 'verification',
      fields: [{ name: 'dob', type: 'date', label: 'Date of birth', sensitive: true }],
    });
    const open = client.forms.value;
    transport.receive(agentMessage(2));
    expect(client.forms.value).toBe(open);
    transport.receive({
      type: 'form.result',
      ...event,
      seq: 3,
      formId: 'f1',
      status: 'rejected',
      errors: { dob: 'No' },
    });
    expect(client.forms.value.map((form) => form.errors)).toEqual([{ dob: 'No' }]);
    transport.receive({ type: 'form.result', ...event, seq: 4, formId: 'f1', status: 'accepted' });
    expect(client.forms.value).toEqual([]);
    client.dispose();
  });

  it('counts the unread messages restored from storage', () => {
    const storage = createMemoryStorage();
    const events = [agentMessage(1), visitorEcho(2, 'x2', 'two'), agentMessage(3), agentMessage(4)];
    storage.set(
      'clavard:default',
      JSON.stringify({ v: 1, conversationId: 'c1', epoch: 'e1', lastSeq: 4, readSeq: 1, outbox: [], events }),
    );
    const { client } = setupClient({ storage });
    expect(client.unread.value).toBe(2);
    expect(client.messages.value.map((row) => row.key)).toEqual(['m:m1', 'x2', 'm:m3', 'm:m4']);
    client.dispose();
  });
});

describe('message rows in a follower tab', () => {
  let server: MemoryChatServer;
  let clients: ChatClient[];

  beforeEach(() => {
    server = createMemoryChatServer({ heartbeatMs: 0 });
    clients = [];
  });
  afterEach(() => {
    for (const client of clients) client.dispose();
    server.dispose();
  });

  it("keeps the identity of the rows an agent's read leaves unchanged", async () => {
    const hub = createFakeChannelHub();
    const locks = createFakeLocks();
    const storage = createMemoryStorage();
    for (let i = 0; i < 2; i += 1) {
      clients.push(
        createChatClient({
          transport: server.createTransport(),
          storage,
          random: () => 0.5,
          tabs: { BroadcastChannel: hub.BroadcastChannel, locks },
        }),
      );
    }
    const [leader, follower] = clients;
    if (!leader || !follower) throw new Error('two tabs expected');
    leader.connect();
    leader.send('hello');
    await until(() => follower.messages.value[0]?.delivery === 'delivered');
    const conversationId = follower.conversation.value?.id ?? '';
    server.agents.join(conversationId, { id: 'a1', firstName: 'Julie' });
    server.agents.send(conversationId, 'a1', 'Hi');
    await until(() => follower.messages.value.length === 3);
    const before = follower.messages.value;
    server.agents.read(conversationId, 1);
    await until(() => rowAt(follower, 0)?.delivery === 'read');
    const after = follower.messages.value;
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after[2]).toBe(before[2]);
  });
});
