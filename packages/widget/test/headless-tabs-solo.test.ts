// A tab alone runs a plain core and never loads the tabs code; when a second tab appears, it loads it
// and leads with the same core: the connection, the outbox, the rows and the listeners carry over.
import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import type { Transport } from '@clavard/protocol';
import { type ChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { effect } from '@preact/signals-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createClientCore } from '../src/headless/client.js';
import { createSoloFirstClient } from '../src/headless/solo-first.js';
import { createTabbedClient } from '../src/headless/tab-client.js';
import type { TabsLoader } from '../src/headless/tab-types.js';
import { createFakeChannelHub, createFakeLocks, until, withHeldAcks } from './support/fake-tabs.js';

/** Tabs of one site, each counting the loads of the tabs code and the connects of its transport. */
function createSite() {
  const server: MemoryChatServer = createMemoryChatServer({ heartbeatMs: 0 });
  const storage = createMemoryStorage();
  const hub = createFakeChannelHub();
  const locks = createFakeLocks();
  const clients: ChatClient[] = [];
  const openTab = (transport: Transport = server.createTransport(), failingLoads = 0) => {
    const counts = { loads: 0, connects: 0 };
    const counted: Transport = {
      get status() {
        return transport.status;
      },
      connect() {
        counts.connects += 1;
        transport.connect();
      },
      send: (frame) => transport.send(frame),
      close: () => transport.close(),
      on: (event, listener) => transport.on(event, listener),
    };
    const loadTabs: TabsLoader = (ready, failed) => {
      counts.loads += 1;
      // A failure comes late, as a network's does: what other tabs post meanwhile finds this one loading.
      if (counts.loads <= failingLoads)
        setTimeout(() => failed(new Error('the tabs file did not come')), 300);
      else ready({ createTabbedClient });
    };
    const options = { transport: counted, storage, random: () => 0.5 };
    const resolved = { BroadcastChannel: hub.BroadcastChannel, locks, heartbeatMs: 250 };
    const client = createSoloFirstClient(options, resolved, createClientCore, loadTabs);
    clients.push(client);
    return { client, counts };
  };
  const visitorTexts = () =>
    server.conversations().flatMap((conversation) =>
      server
        .messages(conversation.id)
        .filter((message) => message.author.role === 'visitor')
        .map((message) => (message.content.kind === 'text' ? message.content.text : '')),
    );
  const dispose = () => {
    for (const client of clients) client.dispose();
    server.dispose();
  };
  return { server, hub, openTab, visitorTexts, dispose };
}

const rowText = (row: ChatClient['messages']['value'][number]): string =>
  row.kind === 'pending'
    ? row.text
    : row.event.type === 'message' && row.event.content.kind === 'text'
      ? row.event.content.text
      : '';
const shown = (client: ChatClient, text: string) =>
  client.messages.value.some((row) => rowText(row) === text);
const delivered = (client: ChatClient, text: string) =>
  client.messages.value.some((row) => row.kind === 'event' && rowText(row) === text);

let site: ReturnType<typeof createSite>;
afterEach(() => site.dispose());

describe('a tab alone', () => {
  it('runs a plain core, leads, and never loads the tabs code', async () => {
    site = createSite();
    const a = site.openTab();
    a.client.connect();
    await until(() => a.client.status.value === 'online');
    a.client.send('alone');
    await until(() => delivered(a.client, 'alone'));
    expect(a.client.isLeader.value).toBe(true);
    expect(a.counts).toEqual({ loads: 0, connects: 1 });
    expect(site.visitorTexts()).toEqual(['alone']);
  });
});

describe('a second tab appearing', () => {
  it('makes the first load the tabs code and lead with its own core: no reconnect, state and listeners kept', async () => {
    site = createSite();
    const a = site.openTab();
    const heard: string[] = [];
    a.client.on('message', (message) =>
      heard.push(message.content.kind === 'text' ? message.content.text : ''),
    );
    const statuses: string[] = [];
    a.client.on('status', (status) => statuses.push(status));
    const rowsSeen: number[] = [];
    const stop = effect(() => {
      rowsSeen.push(a.client.messages.value.length);
    });
    a.client.connect();
    a.client.send('before');
    await until(() => delivered(a.client, 'before'));
    const conversationId = a.client.conversation.value?.id;
    const keysBefore = a.client.messages.value.map((row) => row.key);

    const b = site.openTab();
    await until(() => b.client.status.value === 'online' && shown(b.client, 'before'));
    expect([a.counts.loads, b.counts.loads]).toEqual([1, 1]);
    expect([a.client.isLeader.value, b.client.isLeader.value]).toEqual([true, false]);
    // The same connection: one connect of the first tab's transport, none of the second's.
    expect([a.counts.connects, b.counts.connects]).toEqual([1, 0]);
    expect(site.server.connectionCount).toBe(1);
    expect(a.client.conversation.value?.id).toBe(conversationId);
    expect(a.client.messages.value.map((row) => row.key)).toEqual(keysBefore);

    b.client.send('from the second');
    await until(() => delivered(a.client, 'from the second') && delivered(b.client, 'from the second'));
    expect(site.visitorTexts()).toEqual(['before', 'from the second']);
    // The listeners given before the switch hear after it, once each.
    expect(heard).toEqual(['before', 'from the second']);
    expect(statuses).toEqual(['connecting', 'online']);
    expect(rowsSeen.at(-1)).toBe(2);
    stop();
  });

  it('keeps a message the first tab had in flight: stored once, shown once, delivered', async () => {
    site = createSite();
    const held = withHeldAcks(site.server.createTransport());
    const a = site.openTab(held.transport);
    a.client.connect();
    await until(() => a.client.status.value === 'online');
    held.hold(true);
    const stored = new Promise<void>((resolve) => site.server.on('message', () => resolve()));
    const clientId = a.client.send('in flight');
    await stored;

    const b = site.openTab();
    await until(() => b.client.status.value === 'online' && shown(b.client, 'in flight'));
    expect(a.counts.loads).toBe(1);
    held.hold(false);
    // The first tab's outbox carried over: its next hello sends the message again, and the server dedups.
    a.client.disconnect();
    a.client.connect();
    a.client.send('after');
    await until(() => delivered(a.client, 'after') && delivered(b.client, 'after'));
    await until(() => a.client.messages.value.every((row) => row.kind === 'event'));
    expect(site.visitorTexts()).toEqual(['in flight', 'after']);
    expect(a.client.messages.value.filter((row) => row.key === clientId)).toHaveLength(1);
    expect(b.client.messages.value.filter((row) => row.key === clientId)).toHaveLength(1);
  });

  it('sends what the second tab composed before it knew it was not alone, once, under its clientId', async () => {
    site = createSite();
    const a = site.openTab();
    a.client.connect();
    await until(() => a.client.status.value === 'online');
    const b = site.openTab();
    const clientId = b.client.send('composed at once');
    expect(b.client.isLeader.value).toBe(false);
    expect(b.client.messages.value.map((row) => [row.key, row.delivery])).toEqual([[clientId, 'sending']]);
    await until(() => delivered(a.client, 'composed at once') && delivered(b.client, 'composed at once'));
    expect(site.visitorTexts()).toEqual(['composed at once']);
    expect(b.client.messages.value.map((row) => row.key)).toEqual([clientId]);
    expect(b.counts).toEqual({ loads: 1, connects: 0 });
  });

  it('reaches a second tab even when the first failed once to load the tabs code, without the visitor acting there', async () => {
    site = createSite();
    const a = site.openTab(undefined, 1);
    a.client.connect();
    await until(() => a.client.status.value === 'online');
    const b = site.openTab();
    b.client.send('after a failed load');
    await until(
      () => delivered(a.client, 'after a failed load') && delivered(b.client, 'after a failed load'),
    );
    expect(a.counts.loads).toBe(2);
    expect(site.visitorTexts()).toEqual(['after a failed load']);
  });
});
