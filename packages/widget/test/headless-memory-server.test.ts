import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import { createFaultInjector } from '@clavard/adapters/testing';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let server: MemoryChatServer | undefined;
let client: ChatClient | undefined;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  client?.dispose();
  server?.dispose();
  vi.useRealTimers();
});

const julie = { id: 'a1', firstName: 'Julie' };

function textsOf(chat: ChatClient): string[] {
  return chat.messages.value.map((entry) =>
    entry.kind === 'pending'
      ? `pending:${entry.text}`
      : entry.event.type === 'message' && 'text' in entry.event.content
        ? entry.event.content.text
        : entry.event.type,
  );
}

describe('against the memory chat server', () => {
  it('talks both ways and shows each message once, in seq order', async () => {
    server = createMemoryChatServer();
    client = createChatClient({
      transport: server.createTransport(),
      storage: createMemoryStorage(),
      random: () => 0.5,
    });
    client.connect();
    await vi.advanceTimersByTimeAsync(10);
    expect(client.status.value).toBe('online');
    client.send('hello');
    await vi.advanceTimersByTimeAsync(10);
    const conversationId = client.conversation.value?.id ?? '';
    server.agents.join(conversationId, julie);
    server.agents.send(conversationId, 'a1', 'Hi, Julie here');
    await vi.advanceTimersByTimeAsync(10);
    expect(client.agent.value?.firstName).toBe('Julie');
    const messages = textsOf(client).filter((text) => text !== 'agent.joined');
    expect(messages).toEqual(['hello', 'Hi, Julie here']);
  });

  it('loses and doubles nothing through drops, duplicates, reordering and cuts', async () => {
    server = createMemoryChatServer();
    const transport = createFaultInjector(server.createTransport(), {
      seed: 7,
      drop: 0.05,
      duplicate: 0.02,
      reorderWindow: 8,
      cutEvery: 40,
    });
    client = createChatClient({ transport, storage: createMemoryStorage(), random: () => 0.1 });
    client.connect();
    await vi.advanceTimersByTimeAsync(100);
    const total = 150;
    let joined = false;
    for (let i = 0; i < total; i += 1) {
      client.send(`v${i}`);
      await vi.advanceTimersByTimeAsync(50);
      const conversationId = client.conversation.value?.id;
      if (conversationId && !joined) {
        server.agents.join(conversationId, julie);
        joined = true;
      }
      if (conversationId && i % 2 === 0) server.agents.send(conversationId, 'a1', `a${i}`);
    }
    for (let i = 0; i < 40 && client.messages.value.some((entry) => entry.kind === 'pending'); i += 1) {
      await vi.advanceTimersByTimeAsync(15_000);
    }
    const conversationId = client.conversation.value?.id ?? '';
    // Let any last gap be fetched.
    await vi.advanceTimersByTimeAsync(60_000);
    const stored = server.events(conversationId).map((event) => event.seq);
    const shown = client.messages.value.map((entry) => (entry.kind === 'event' ? entry.seq : -1));
    expect(shown).toEqual(stored);
    const visitorTexts = server
      .messages(conversationId)
      .filter((message) => message.author.role === 'visitor')
      .map((message) => ('text' in message.content ? message.content.text : ''));
    expect(visitorTexts).toEqual(Array.from({ length: total }, (_, i) => `v${i}`));
    expect(transport.stats.dropped).toBeGreaterThan(0);
    expect(transport.stats.cuts).toBeGreaterThan(0);
  });

  it('gives exactly one discontinuity when the server resets the epoch and restarts', async () => {
    server = createMemoryChatServer();
    client = createChatClient({
      transport: server.createTransport(),
      storage: createMemoryStorage(),
      random: () => 0,
    });
    const discontinuities = vi.fn();
    client.on('discontinuity', discontinuities);
    client.connect();
    await vi.advanceTimersByTimeAsync(10);
    client.send('before');
    await vi.advanceTimersByTimeAsync(10);
    const conversationId = client.conversation.value?.id ?? '';
    server.resetEpoch(conversationId);
    server.restart();
    await vi.advanceTimersByTimeAsync(5000);
    expect(discontinuities).toHaveBeenCalledOnce();
    expect(client.status.value).toBe('online');
    expect(client.messages.value.map((entry) => entry.kind === 'event' && entry.seq)).toEqual(
      server.events(conversationId).map((event) => event.seq),
    );
  });
});
