import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import {
  type ChatClient,
  type ChatClientOptions,
  createChatClient,
  createMemoryStorage,
} from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeChannelHub, createFakeLocks, until } from './support/fake-tabs.js';

let server: MemoryChatServer;
let clients: ChatClient[];
beforeEach(() => {
  server = createMemoryChatServer({ heartbeatMs: 0 });
  clients = [];
});
afterEach(() => {
  for (const client of clients) client.dispose();
  server.dispose();
  vi.useRealTimers();
});

function openTabs(count: number, tabs: NonNullable<ChatClientOptions['tabs']>) {
  const storage = createMemoryStorage();
  for (let i = 0; i < count; i++) {
    clients.push(createChatClient({ transport: server.createTransport(), storage, random: () => 0.5, tabs }));
  }
  return clients;
}

const leaders = () => clients.filter((client) => client.isLeader.value).length;

describe('the election without Web Locks (heartbeat over the channel)', () => {
  it('makes one tab leader after one heartbeat period', async () => {
    vi.useFakeTimers();
    const hub = createFakeChannelHub();
    openTabs(3, { BroadcastChannel: hub.BroadcastChannel, locks: false, heartbeatMs: 250 });
    expect(leaders()).toBe(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(leaders()).toBe(1);
  });

  it('replaces a leader gone silent within a second', async () => {
    vi.useFakeTimers();
    const hub = createFakeChannelHub();
    openTabs(2, { BroadcastChannel: hub.BroadcastChannel, locks: false, heartbeatMs: 250 });
    await vi.advanceTimersByTimeAsync(300);
    const leader = clients.findIndex((client) => client.isLeader.value);
    const follower = clients[1 - leader];
    const channel = hub.channels[leader];
    if (!follower || !channel) throw new Error('two tabs expected');
    channel.cut = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(follower.isLeader.value).toBe(true);
  });

  it('hands over at once when the leader closes', async () => {
    vi.useFakeTimers();
    const hub = createFakeChannelHub();
    openTabs(2, { BroadcastChannel: hub.BroadcastChannel, locks: false, heartbeatMs: 250 });
    await vi.advanceTimersByTimeAsync(300);
    const leader = clients.find((client) => client.isLeader.value);
    const follower = clients.find((client) => !client.isLeader.value);
    leader?.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(follower?.isLeader.value).toBe(true);
  });
});

describe('the election with Web Locks', () => {
  it('hands the lock to the next tab when the leader closes', async () => {
    const hub = createFakeChannelHub();
    const [a, b, c] = openTabs(3, { BroadcastChannel: hub.BroadcastChannel, locks: createFakeLocks() });
    await until(() => a?.isLeader.value === true);
    a?.dispose();
    await until(() => b?.isLeader.value === true);
    expect([b?.isLeader.value, c?.isLeader.value]).toEqual([true, false]);
  });
});

describe('turning tabs off', () => {
  it('leads alone at once with tabs: false', () => {
    const hub = createFakeChannelHub();
    const client = createChatClient({ transport: server.createTransport(), tabs: false });
    clients.push(client);
    expect(client.isLeader.value).toBe(true);
    expect(hub.channels).toHaveLength(0);
  });

  it('leads alone by default with a storage of its own', () => {
    const client = createChatClient({ transport: server.createTransport(), storage: createMemoryStorage() });
    clients.push(client);
    expect(client.isLeader.value).toBe(true);
  });

  it('waits for the election when tabs are given', () => {
    const hub = createFakeChannelHub();
    const [client] = openTabs(1, { BroadcastChannel: hub.BroadcastChannel, locks: createFakeLocks() });
    expect(client?.isLeader.value).toBe(false);
  });
});
