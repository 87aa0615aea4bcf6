import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import { ChatError, type ClientFrame, type Transport } from '@clavard/protocol';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let server: MemoryChatServer;
let client: ChatClient | undefined;
beforeEach(() => {
  vi.useFakeTimers();
  server = createMemoryChatServer({ heartbeatMs: 0 });
});
afterEach(() => {
  client?.dispose();
  server.dispose();
  vi.useRealTimers();
});

/** The memory transport, recording every frame the client sends. */
function recorded(inner: Transport): { transport: Transport; sent: ClientFrame[] } {
  const sent: ClientFrame[] = [];
  const transport: Transport = {
    get status() {
      return inner.status;
    },
    connect: () => inner.connect(),
    close: () => inner.close(),
    on: (event, listener) => inner.on(event, listener),
    send(frame) {
      sent.push(frame);
      inner.send(frame);
    },
  };
  return { transport, sent };
}

const settle = () => vi.advanceTimersByTimeAsync(20);

describe('identify', () => {
  it('sends the token in the next hello when not connected, as session.identify when connected, and keeps it out of storage', async () => {
    const storage = createMemoryStorage();
    const { transport, sent } = recorded(server.createTransport());
    client = createChatClient({ transport, storage, random: () => 0.5 });
    client.identify('token-before-connect');
    client.connect();
    await settle();
    expect(sent[0]).toMatchObject({ type: 'session.hello', identity: 'token-before-connect' });
    client.identify('token-while-online');
    expect(sent.at(-1)).toEqual({ type: 'session.identify', identity: 'token-while-online' });
    client.send('Hello');
    await settle();
    client.disconnect();
    expect(storage.get('clavard:default')).not.toContain('token-');
  });

  it('refuses an empty token with invalid-option', () => {
    client = createChatClient({ transport: server.createTransport(), storage: false });
    let thrown: unknown;
    try {
      client.identify('');
    } catch (error) {
      thrown = error;
    }
    expect(ChatError.isInstance(thrown) && thrown.code).toBe('invalid-option');
  });
});

describe('shutdown and forget', () => {
  async function chatting(storage = createMemoryStorage()) {
    const { transport, sent } = recorded(server.createTransport());
    const chat = createChatClient({ transport, storage, random: () => 0.5 });
    client = chat;
    chat.connect();
    await settle();
    chat.send('My account number is 1234');
    await settle();
    const id = chat.conversation.value?.id ?? '';
    server.agents.join(id, { id: 'a1', firstName: 'Julie' });
    await vi.advanceTimersByTimeAsync(300); // past the debounced write
    return { chat, sent, storage, id };
  }

  it('shutdown ends the server session and wipes the conversation, the outbox and the stored state', async () => {
    const { chat, sent, storage, id } = await chatting();
    expect(storage.get('clavard:default')).toContain(id);
    const events: unknown[] = [];
    chat.on('shutdown', (payload) => events.push(payload));
    chat.shutdown();
    expect(sent.at(-1)).toEqual({ type: 'session.end' });
    expect(events).toEqual([{ forgotten: false }]);
    expect(chat.messages.value).toEqual([]);
    expect(chat.conversation.value).toBeUndefined();
    expect(chat.agent.value).toBeUndefined();
    expect(storage.get('clavard:default')).toBeNull();
    await settle();
    // The server ended the session: nothing is written and no new session is made until someone writes.
    expect(storage.get('clavard:default')).toBeNull();
    expect(chat.status.value).toBe('idle');
    // The next visitor on this computer starts afresh: a new session, a new conversation.
    chat.send('Hello, I am someone else');
    await vi.advanceTimersByTimeAsync(5000);
    const hellos = sent.filter((frame) => frame.type === 'session.hello');
    expect(hellos.at(-1)).not.toHaveProperty('token');
    expect(hellos.at(-1)).not.toHaveProperty('resume');
    expect(chat.conversation.value?.id).not.toBe(id);
    expect(server.conversations()).toHaveLength(2);
  });

  it('forget asks the server to erase the visitor, which it does, and wipes everything local', async () => {
    const { chat, sent, storage } = await chatting();
    chat.forget();
    expect(sent.at(-1)).toEqual({ type: 'session.forget' });
    await settle();
    expect(server.conversations()).toEqual([]);
    expect(storage.get('clavard:default')).toBeNull();
    expect(chat.messages.value).toEqual([]);
  });

  it('offline, still wipes everything local, so the old session cannot be resumed from here', async () => {
    const { chat, sent, storage } = await chatting();
    server.restart();
    await vi.advanceTimersByTimeAsync(1);
    expect(chat.status.value).not.toBe('online');
    chat.shutdown();
    expect(sent.filter((frame) => frame.type === 'session.end')).toEqual([]);
    expect(storage.get('clavard:default')).toBeNull();
    expect(chat.messages.value).toEqual([]);
  });
});
