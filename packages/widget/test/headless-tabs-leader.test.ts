import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import type { ChatError, Transport } from '@clavard/protocol';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeChannelHub, createFakeLocks, until, withHeldAcks } from './support/fake-tabs.js';

const JULIE = { id: 'a1', firstName: 'Julie' };

/** Two or more tabs of one site: one storage, one channel hub, one lock manager, one server. */
function createSite() {
  const server: MemoryChatServer = createMemoryChatServer({ heartbeatMs: 0 });
  const storage = createMemoryStorage();
  const hub = createFakeChannelHub();
  const locks = createFakeLocks();
  const clients: ChatClient[] = [];
  const openTab = (transport: Transport = server.createTransport()) => {
    const client = createChatClient({
      transport,
      storage,
      random: () => 0.5,
      tabs: { BroadcastChannel: hub.BroadcastChannel, locks },
    });
    const errors: ChatError[] = [];
    client.on('error', (error) => errors.push(error));
    clients.push(client);
    return { client, errors };
  };
  const visitorTexts = () => {
    const conversation = server.conversations()[0];
    if (!conversation) return [];
    return server
      .messages(conversation.id)
      .filter((message) => message.author.role === 'visitor')
      .map((message) => (message.content.kind === 'text' ? message.content.text : ''));
  };
  const dispose = () => {
    for (const client of clients) client.dispose();
    server.dispose();
  };
  return { server, storage, hub, locks, openTab, visitorTexts, dispose };
}

const texts = (client: ChatClient) =>
  client.messages.value.map((row) =>
    row.kind === 'pending'
      ? row.text
      : row.event.type === 'message' && row.event.content.kind === 'text'
        ? row.event.content.text
        : '',
  );
const delivered = (client: ChatClient, text: string) =>
  client.messages.value.some(
    (row) =>
      row.kind === 'event' &&
      row.event.type === 'message' &&
      row.event.content.kind === 'text' &&
      row.event.content.text === text,
  );

let site: ReturnType<typeof createSite>;
afterEach(() => site.dispose());

describe('tabs sharing one conversation', () => {
  it('elects one leader, and only the leader connects', async () => {
    site = createSite();
    const a = site.openTab();
    const b = site.openTab();
    a.client.connect();
    b.client.connect();
    await until(() => a.client.status.value === 'online' && b.client.status.value === 'online');
    expect([a.client.isLeader.value, b.client.isLeader.value]).toEqual([true, false]);
    expect(site.server.connectionCount).toBe(1);
  });

  it('connects through the leader when only a follower asks', async () => {
    site = createSite();
    const a = site.openTab();
    const b = site.openTab();
    await until(() => a.client.isLeader.value);
    b.client.connect();
    await until(() => b.client.status.value === 'online');
    expect(a.client.status.value).toBe('online');
  });

  it("delivers a follower's message to the server once, and both tabs show it", async () => {
    site = createSite();
    const a = site.openTab();
    const b = site.openTab();
    a.client.connect();
    await until(() => a.client.status.value === 'online' && b.client.status.value === 'online');
    b.client.send('from the follower');
    await until(() => delivered(a.client, 'from the follower') && delivered(b.client, 'from the follower'));
    expect(site.visitorTexts()).toEqual(['from the follower']);
    expect(texts(b.client)).toEqual(['from the follower']);
  });

  it("keeps each tab's messages in compose order", async () => {
    site = createSite();
    const a = site.openTab();
    const b = site.openTab();
    a.client.connect();
    await until(() => b.client.status.value === 'online');
    for (const n of [1, 2, 3]) {
      a.client.send(`a${n}`);
      b.client.send(`b${n}`);
    }
    await until(() => ['a3', 'b3'].every((text) => delivered(a.client, text) && delivered(b.client, text)));
    const stored = site.visitorTexts();
    expect(stored).toHaveLength(6);
    expect(stored.filter((text) => text.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(stored.filter((text) => text.startsWith('b'))).toEqual(['b1', 'b2', 'b3']);
    expect(texts(b.client)).toEqual(texts(a.client));
  });

  it('shares one unread count, cleared from any tab', async () => {
    site = createSite();
    const a = site.openTab();
    const b = site.openTab();
    a.client.connect();
    b.client.send('hello');
    await until(() => delivered(b.client, 'hello'));
    const conversationId = site.server.conversations()[0]?.id ?? '';
    site.server.agents.join(conversationId, JULIE);
    site.server.agents.send(conversationId, JULIE.id, 'How can I help?');
    await until(() => a.client.unread.value === 1 && b.client.unread.value === 1);
    b.client.markRead();
    await until(() => a.client.unread.value === 0 && b.client.unread.value === 0);
    expect(site.server.conversations()[0]?.visitorReadSeq).toBeGreaterThan(0);
  });

  it("repeats the leader's events in the followers", async () => {
    site = createSite();
    const a = site.openTab();
    const b = site.openTab();
    a.client.connect();
    const seen: string[] = [];
    b.client.on('message', (message) => seen.push(message.author.role));
    b.client.send('hello');
    await until(() => delivered(b.client, 'hello'));
    expect(seen).toEqual(['visitor']);
  });

  it('tells every tab about a shutdown, whichever tab asked for it', async () => {
    for (const asker of ['leader', 'follower'] as const) {
      site?.dispose();
      site = createSite();
      const a = site.openTab();
      const b = site.openTab();
      a.client.connect();
      await until(() => a.client.status.value === 'online' && b.client.status.value === 'online');
      const heard = [a, b].map(
        ({ client }) =>
          new Promise<boolean>((resolve) => client.on('shutdown', ({ forgotten }) => resolve(forgotten))),
      );
      (asker === 'leader' ? a : b).client.shutdown();
      expect(await Promise.all(heard)).toEqual([false, false]);
    }
  });

  it('refuses a blank message in the follower itself', async () => {
    site = createSite();
    site.openTab();
    const b = site.openTab();
    expect(() => b.client.send('   ')).toThrow(expect.objectContaining({ code: 'invalid-option' }));
    expect(b.errors.map((error) => error.code)).toEqual(['invalid-option']);
  });
});

describe('the leader tab closing', () => {
  it('hands over to a follower, which stores a message in flight once', async () => {
    site = createSite();
    const held = withHeldAcks(site.server.createTransport());
    const a = site.openTab(held.transport);
    const b = site.openTab();
    a.client.connect();
    await until(() => b.client.status.value === 'online');
    held.hold(true);
    const sent = new Promise<void>((resolve) => site.server.on('message', () => resolve()));
    a.client.send('in flight');
    await sent;
    // The server has it; the leader never heard back. It closes now.
    a.client.dispose();
    await until(() => b.client.isLeader.value && b.client.status.value === 'online');
    await until(() => delivered(b.client, 'in flight'));
    expect(site.visitorTexts()).toEqual(['in flight']);
    expect(texts(b.client)).toEqual(['in flight']);
  });

  it("re-forwards a follower's message the closing leader never got", async () => {
    site = createSite();
    const a = site.openTab();
    const b = site.openTab();
    a.client.connect();
    await until(() => b.client.status.value === 'online');
    b.client.send('to whoever leads');
    // Closed in the same task: the forwarded message never reaches it.
    a.client.dispose();
    await until(() => b.client.isLeader.value && delivered(b.client, 'to whoever leads'));
    expect(site.visitorTexts()).toEqual(['to whoever leads']);
  });

  it('takes a re-forwarded message the previous leader had stored only once', async () => {
    site = createSite();
    const first = withHeldAcks(site.server.createTransport());
    const second = withHeldAcks(site.server.createTransport());
    const a = site.openTab(first.transport);
    const b = site.openTab(second.transport);
    a.client.connect();
    await until(() => b.client.status.value === 'online');
    first.hold(true);
    second.hold(true);
    // The follower never learns that the leader stored its message: no reply, no state.
    site.hub.lose = (message) =>
      typeof message === 'object' && message !== null && 'type' in message && message.type !== 'action';
    const sent = new Promise<void>((resolve) => site.server.on('message', () => resolve()));
    const clientId = b.client.send('stored by the leader');
    await sent;
    site.hub.lose = () => false;
    a.client.dispose();
    await until(() => b.client.isLeader.value);
    expect(b.client.messages.value.map((row) => row.key)).toEqual([clientId]);
  });

  it('keeps the conversation (same token) after the hand-over', async () => {
    site = createSite();
    const a = site.openTab();
    const b = site.openTab();
    a.client.connect();
    b.client.send('first');
    await until(() => delivered(b.client, 'first'));
    a.client.dispose();
    await until(() => b.client.isLeader.value && b.client.status.value === 'online');
    b.client.send('second');
    await until(() => delivered(b.client, 'second'));
    expect(site.server.conversations()).toHaveLength(1);
    expect(site.visitorTexts()).toEqual(['first', 'second']);
  });
});
