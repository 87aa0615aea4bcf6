import { createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ack, agentMessage, createFakeTransport, visitorEcho, welcome } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';

/** The server's refusal of a message sent again under its clientId with another text. */
const conflictOf = (clientId: string) =>
  ({ type: 'error', code: 'idempotency-conflict', message: 'x', retryable: false, clientId }) as const;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('delivery', () => {
  it('stores the message before sending it, then sends one at a time in order', () => {
    const { client, transport, storage, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const first = client.send('one');
    expect(storage.get('clavard:default')).toContain(first);
    const second = client.send('two');
    expect(transport.sentOfType('message.send').map((f) => f.clientId)).toEqual([first]);
    transport.receive(ack(1, first));
    expect(transport.sentOfType('message.send').map((f) => f.clientId)).toEqual([first, second]);
    client.dispose();
  });

  it('re-sends with the same clientId after the ack timeout', () => {
    const { client, transport, errors, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const id = client.send('hello');
    vi.advanceTimersByTime(10_000);
    expect(transport.sentOfType('message.send').map((f) => f.clientId)).toEqual([id, id]);
    expect(errors.map((e) => e.code)).toContain('ack-timeout');
    client.dispose();
  });

  it('shows one bubble when the echo comes before the ack, and no orphan after the ack', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const id = client.send('hello');
    transport.receive(visitorEcho(1, id, 'hello'));
    expect(client.messages.value).toHaveLength(1);
    expect(client.messages.value[0]).toMatchObject({ kind: 'event', key: id, delivery: 'delivered' });
    transport.receive(ack(1, id));
    expect(client.messages.value).toHaveLength(1);
    expect(client.messages.value[0]?.kind).toBe('event');
    client.dispose();
  });

  it('turns an acked message delivered, then read when the agent reads it', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const id = client.send('hello');
    expect(client.messages.value[0]?.delivery).toBe('sending');
    transport.receive(ack(1, id));
    expect(client.messages.value[0]).toMatchObject({ kind: 'event', delivery: 'delivered' });
    transport.receive(visitorEcho(1, id, 'hello'));
    transport.receive({ type: 'read', conversationId: 'c1', upToSeq: 1, by: 'agent' });
    expect(client.messages.value).toHaveLength(1);
    expect(client.messages.value[0]?.delivery).toBe('read');
    client.dispose();
  });

  it('shows an ack ahead of a gap as sent until the gap is filled', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const id = client.send('hello');
    transport.receive(ack(3, id));
    expect(client.messages.value[0]).toMatchObject({ kind: 'pending', delivery: 'sent' });
    expect(transport.sentOfType('history.since')).toEqual([
      { type: 'history.since', conversationId: 'c1', afterSeq: 0 },
    ]);
    transport.receive({
      type: 'history',
      conversationId: 'c1',
      epoch: 'e1',
      afterSeq: 0,
      events: [agentMessage(1), agentMessage(2), visitorEcho(3, id, 'hello')],
      hasMore: false,
    });
    expect(client.messages.value.map((m) => m.kind === 'event' && m.seq)).toEqual([1, 2, 3]);
    client.dispose();
  });

  it('re-sends unacked messages after a reconnect, with the same clientId, and shows them once', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const id = client.send('hello');
    transport.drop();
    vi.advanceTimersByTime(30_000);
    transport.receive(welcome({ resumed: true }));
    transport.receive(ack(1, id, { duplicate: true }));
    transport.receive(visitorEcho(1, id, 'hello'));
    expect(transport.sentOfType('message.send').map((f) => f.clientId)).toEqual([id, id]);
    expect(client.messages.value).toHaveLength(1);
    client.dispose();
  });

  it('marks a message failed on idempotency-conflict and sends the next one', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const first = client.send('one');
    const second = client.send('two');
    transport.receive(conflictOf(first));
    expect(client.messages.value[0]).toMatchObject({ clientId: first, delivery: 'failed' });
    expect(transport.sentOfType('message.send').at(-1)?.clientId).toBe(second);
    client.dispose();
  });

  it('keeps why a message failed across a reload: a Retry after idempotency-conflict takes a new clientId', () => {
    const { client, transport, storage, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const first = client.send('one');
    transport.receive(conflictOf(first));
    vi.advanceTimersByTime(1000);
    client.dispose();

    const reloaded = createChatClient({
      transport: createFakeTransport(),
      storage,
      random: () => 0.5,
      tabs: false,
    });
    expect(reloaded.messages.value[0]).toMatchObject({ clientId: first, delivery: 'failed' });
    const next = reloaded.retry(first);
    expect(next).toBeDefined();
    expect(next).not.toBe(first);
    reloaded.dispose();
  });

  it('refuses the 201st message with outbox-full, emitted and thrown', () => {
    const { client, errors } = setupClient();
    for (let i = 0; i < 200; i += 1) client.send(`m${i}`);
    expect(() => client.send('one too many')).toThrow(expect.objectContaining({ code: 'outbox-full' }));
    expect(errors.map((e) => e.code)).toEqual(['outbox-full']);
    expect(client.messages.value).toHaveLength(200);
    client.dispose();
  });

  it('refuses a text over MAX_TEXT_LENGTH with text-too-long', () => {
    const { client, errors } = setupClient();
    expect(() => client.send('x'.repeat(10_001))).toThrow(expect.objectContaining({ code: 'text-too-long' }));
    expect(errors.map((e) => e.code)).toEqual(['text-too-long']);
    client.dispose();
  });

  it('fails items older than 24 h instead of sending them, and retry() sends them', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    const id = client.send('old');
    vi.advanceTimersByTime(25 * 3_600_000);
    connectAndWelcome();
    expect(transport.sentOfType('message.send')).toEqual([]);
    expect(client.messages.value[0]).toMatchObject({ clientId: id, delivery: 'failed' });
    expect(client.retry(id)).toBe(id);
    expect(transport.sentOfType('message.send').map((f) => f.clientId)).toEqual([id]);
    client.dispose();
  });

  it('after a reload sends 3 messages written offline once each, in order', () => {
    const storage = createMemoryStorage();
    const offline = createChatClient({ transport: createFakeTransport(), storage });
    const ids = [offline.send('a'), offline.send('b'), offline.send('c')];
    offline.dispose();
    const transport = createFakeTransport({ autoOpen: true });
    const client = createChatClient({ transport, storage, random: () => 0 });
    expect(client.messages.value.map((m) => m.key)).toEqual(ids);
    client.connect();
    transport.receive(welcome());
    ids.forEach((id, index) => {
      transport.receive(ack(index + 1, id));
    });
    expect(transport.sentOfType('message.send').map((f) => f.text)).toEqual(['a', 'b', 'c']);
    expect(client.messages.value.map((m) => m.kind === 'event' && m.seq)).toEqual([1, 2, 3]);
    client.dispose();
  });

  it('keeps the same order whatever the client clock says (±24 h)', () => {
    for (const skew of [-86_400_000, 86_400_000]) {
      const { client, transport, connectAndWelcome } = setupClient({ now: () => Date.now() + skew });
      connectAndWelcome();
      transport.receive(agentMessage(2, 'second'));
      transport.receive(agentMessage(1, 'first'));
      client.send('mine');
      const texts = client.messages.value.map((m) =>
        m.kind === 'pending' ? m.text : m.event.type === 'message' ? m.event.content.kind : '',
      );
      expect(client.messages.value.map((m) => (m.kind === 'event' ? m.seq : 'pending'))).toEqual([
        1,
        2,
        'pending',
      ]);
      expect(texts.at(-1)).toBe('mine');
      expect(client.messages.value[2]).toMatchObject({ delivery: 'sending' });
      client.dispose();
    }
  });
});
