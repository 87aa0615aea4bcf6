import type { ChatClient } from '@clavard/widget/headless';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from './support/fake-tabs.js';
import { AT, welcome } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';
import { leaderOf, twoTabs } from './support/two-tabs.js';

const TOKEN = 'h_MTIzNDU2Nzg5MDEy.c2lnbmF0dXJl';

describe('a handoff link opened by the client', () => {
  it('goes once the session is open, and its answer is kept', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    client.openHandoff(TOKEN);
    expect(transport.sentOfType('handoff.open')).toEqual([]);
    connectAndWelcome({ conversation: undefined });
    expect(transport.sentOfType('handoff.open')).toEqual([{ type: 'handoff.open', token: TOKEN }]);
    expect(client.handoff.value).toBeUndefined();
    transport.receive({ type: 'handoff.result', status: 'opened', conversationId: 'c7' });
    expect(client.handoff.value).toBe('opened');
    // Its conversation comes as any new one: from its events.
    transport.receive({
      type: 'message',
      conversationId: 'c7',
      seq: 1,
      at: AT,
      id: 'm1',
      author: { role: 'system' },
      content: { kind: 'text', text: 'You wrote to us on X about a double charge.' },
    });
    expect(client.conversation.value?.id).toBe('c7');
    client.openHandoff(TOKEN); // answered: not sent again
    expect(transport.sentOfType('handoff.open')).toHaveLength(1);
    client.dispose();
  });

  it('is sent again after a drop until the server answered, and not after', () => {
    vi.useFakeTimers();
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome({ conversation: undefined });
    client.openHandoff(TOKEN);
    expect(transport.sentOfType('handoff.open')).toHaveLength(1);
    transport.drop();
    vi.advanceTimersByTime(30_000);
    transport.receive(welcome({ conversation: undefined }));
    expect(transport.sentOfType('handoff.open')).toHaveLength(2);
    transport.receive({ type: 'handoff.result', status: 'resumed', conversationId: 'c7' });
    transport.drop();
    vi.advanceTimersByTime(30_000);
    transport.receive(welcome({ conversation: undefined }));
    expect(transport.sentOfType('handoff.open')).toHaveLength(2);
    expect(client.handoff.value).toBe('resumed');
    client.dispose();
    vi.useRealTimers();
  });

  it('goes before the messages that waited for the session: they belong to its conversation', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    client.openHandoff(TOKEN);
    client.send('Hi, about my bill');
    connectAndWelcome({ conversation: undefined });
    const types = transport.sent.map((frame) => frame.type);
    expect(types.indexOf('handoff.open')).toBeGreaterThan(-1);
    expect(types.indexOf('handoff.open')).toBeLessThan(types.indexOf('message.send'));
    client.dispose();
  });

  it('takes another link after an answer: its own answer replaces the first one', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome({ conversation: undefined });
    client.openHandoff(TOKEN);
    transport.receive({ type: 'handoff.result', status: 'expired' });
    const fresh = 'h_ZnJlc2g.c2ln';
    client.openHandoff(fresh);
    expect(client.handoff.value).toBeUndefined();
    expect(transport.sentOfType('handoff.open').map((frame) => frame.token)).toEqual([TOKEN, fresh]);
    transport.receive({ type: 'handoff.result', status: 'opened', conversationId: 'c8' });
    expect(client.handoff.value).toBe('opened');
    client.openHandoff(TOKEN); // answered already
    expect(transport.sentOfType('handoff.open')).toHaveLength(2);
    client.dispose();
  });

  it('refuses what is not a handoff token, and ignores an answer it did not ask for', () => {
    const { client, transport, connectAndWelcome, errors } = setupClient();
    connectAndWelcome({ conversation: undefined });
    transport.receive({ type: 'handoff.result', status: 'opened', conversationId: 'c7' });
    expect(client.handoff.value).toBeUndefined();
    for (const token of ['', 'abc', `h_${'a'.repeat(600)}`, 'h_<script>']) client.openHandoff(token);
    expect(transport.sentOfType('handoff.open')).toEqual([]);
    expect(errors.map((error) => error.code)).toEqual(Array(4).fill('invalid-option'));
    client.dispose();
  });
});

describe('a handoff link opened in a second tab', () => {
  const clients: ChatClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.dispose();
  });

  it('is sent by the leader, whichever tab it was given to, and its answer is mirrored to the follower', async () => {
    const tabs = twoTabs();
    clients.push(...tabs.clients);
    // At once, as a page does, before this tab knows whether it leads or which tab does.
    tabs.clients[1].openHandoff(TOKEN);
    const { leaderTransport, follower } = await leaderOf(tabs, until);
    await vi.waitFor(() => expect(leaderTransport.sentOfType('session.hello')).toHaveLength(1));
    leaderTransport.receive(welcome({ conversation: undefined }));
    // Plain arrays, not signals: polled.
    await vi.waitFor(() =>
      expect(leaderTransport.sentOfType('handoff.open')).toEqual([{ type: 'handoff.open', token: TOKEN }]),
    );
    leaderTransport.receive({ type: 'handoff.result', status: 'expired' });
    await until(() => follower.handoff.value === 'expired');
  });
});
