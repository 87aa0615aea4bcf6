import { createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentMessage, createFakeTransport, welcome } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const seqs = (client: ReturnType<typeof setupClient>['client']) =>
  client.messages.value.map((m) => (m.kind === 'event' ? m.seq : 'pending'));

describe('timeline', () => {
  it('drops duplicates by seq', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    transport.receive(agentMessage(1));
    transport.receive(agentMessage(1));
    expect(seqs(client)).toEqual([1]);
    client.dispose();
  });

  it('asks once for a gap and shows the range once, in order', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    transport.receive(agentMessage(1));
    transport.receive(agentMessage(4));
    transport.receive(agentMessage(5));
    expect(seqs(client)).toEqual([1]);
    expect(transport.sentOfType('history.since')).toEqual([
      { type: 'history.since', conversationId: 'c1', afterSeq: 1 },
    ]);
    transport.receive({
      type: 'history',
      conversationId: 'c1',
      epoch: 'e1',
      afterSeq: 1,
      events: [agentMessage(2), agentMessage(3), agentMessage(4)],
      hasMore: false,
    });
    expect(seqs(client)).toEqual([1, 2, 3, 4, 5]);
    expect(transport.sentOfType('history.since')).toHaveLength(1);
    client.dispose();
  });

  it('emits exactly one discontinuity on an epoch change and reloads from seq 0', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    const discontinuities = vi.fn();
    client.on('discontinuity', discontinuities);
    connectAndWelcome();
    transport.receive(agentMessage(1));
    transport.receive(agentMessage(2));
    transport.drop();
    vi.advanceTimersByTime(1000);
    transport.receive(welcome({ conversation: { id: 'c1', epoch: 'e2', lastSeq: 1, status: 'active' } }));
    transport.receive({ type: 'discontinuity', conversationId: 'c1', epoch: 'e2', reason: 'epoch-changed' });
    expect(discontinuities).toHaveBeenCalledOnce();
    expect(seqs(client)).toEqual([]);
    expect(transport.sentOfType('history.since').at(-1)).toMatchObject({ afterSeq: 0 });
    transport.receive({
      type: 'history',
      conversationId: 'c1',
      epoch: 'e2',
      afterSeq: 0,
      events: [agentMessage(1, 'new')],
      hasMore: false,
    });
    expect(seqs(client)).toEqual([1]);
    expect(discontinuities).toHaveBeenCalledOnce();
    client.dispose();
  });

  it('asks again for a history that gets no answer after a discontinuity, then reports history-unavailable once', () => {
    const { client, transport, errors, connectAndWelcome } = setupClient();
    connectAndWelcome();
    transport.receive(agentMessage(1));
    transport.receive({ type: 'discontinuity', conversationId: 'c1', epoch: 'e2', reason: 'epoch-changed' });
    expect(transport.sentOfType('history.since')).toHaveLength(1);
    // The answer is lost: the same request goes again after the ack timeout, twice.
    vi.advanceTimersByTime(10_000);
    vi.advanceTimersByTime(10_000);
    expect(transport.sentOfType('history.since')).toEqual([
      { type: 'history.since', conversationId: 'c1', afterSeq: 0 },
      { type: 'history.since', conversationId: 'c1', afterSeq: 0 },
      { type: 'history.since', conversationId: 'c1', afterSeq: 0 },
    ]);
    expect(errors.filter((e) => e.code === 'history-unavailable')).toHaveLength(0);
    vi.advanceTimersByTime(10_000);
    expect(errors.filter((e) => e.code === 'history-unavailable')).toHaveLength(1);
    // An answer that comes after all is still shown.
    transport.receive({
      type: 'history',
      conversationId: 'c1',
      epoch: 'e2',
      afterSeq: 0,
      events: [agentMessage(1, 'again')],
      hasMore: false,
    });
    expect(seqs(client)).toEqual([1]);
    client.dispose();
  });

  it('takes the conversation back to the queue when its agent leaves', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const julie = { id: 'a1', firstName: 'Julie' };
    transport.receive({
      type: 'agent.joined',
      conversationId: 'c1',
      seq: 1,
      at: '2026-12-04T10:00:00.000Z',
      agent: julie,
    });
    expect(client.agent.value?.firstName).toBe('Julie');
    transport.receive({
      type: 'agent.left',
      conversationId: 'c1',
      seq: 2,
      at: '2026-12-04T10:01:00.000Z',
      agent: julie,
    });
    transport.receive({ type: 'queue.update', conversationId: 'c1', position: 1 });
    expect(client.agent.value).toBeUndefined();
    expect(client.conversation.value?.status).toBe('queued');
    expect(client.queue.value).toMatchObject({ position: 1 });
    client.dispose();
  });

  it('reports a malformed frame once and still shows the next valid one', () => {
    const { client, transport, errors, connectAndWelcome } = setupClient();
    connectAndWelcome();
    transport.receive('{not json');
    transport.receive({ type: 'message', seq: 'one' });
    transport.receive({ type: 'from.the.future', x: 1 });
    transport.receive(agentMessage(1));
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e.code === 'invalid-frame')).toBe(true);
    expect(seqs(client)).toEqual([1]);
    client.dispose();
  });

  it('follows the agent, typing and unread count', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome();
    const julie = { id: 'a1', firstName: 'Julie' };
    transport.receive({
      type: 'agent.joined',
      conversationId: 'c1',
      seq: 1,
      at: '2026-11-23T09:41:00.000Z',
      agent: julie,
    });
    transport.receive({
      type: 'typing',
      conversationId: 'c1',
      by: { role: 'agent', ...julie },
      active: true,
    });
    expect(client.agent.value?.firstName).toBe('Julie');
    expect(client.typing.value).toHaveLength(1);
    transport.receive(agentMessage(2));
    expect(client.typing.value).toEqual([]);
    expect(client.unread.value).toBe(1);
    client.markRead();
    expect(client.unread.value).toBe(0);
    expect(transport.sentOfType('read')).toEqual([{ type: 'read', upToSeq: 2 }]);
    client.dispose();
  });

  it('shows cached events at once after a reload', () => {
    const storage = createMemoryStorage();
    const first = setupClient({ storage });
    first.connectAndWelcome();
    first.transport.receive(agentMessage(1));
    first.transport.receive(agentMessage(2));
    first.client.dispose();
    const again = createChatClient({ transport: createFakeTransport(), storage });
    expect(again.messages.value.map((m) => m.kind === 'event' && m.seq)).toEqual([1, 2]);
    again.dispose();
  });
});
