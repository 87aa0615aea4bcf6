import { createMemoryChatServer, type MemoryChatServer } from '@clavard/adapters/memory';
import { type ChatClient, createChatClient, createMemoryStorage } from '@clavard/widget/headless';
import { effect } from '@preact/signals-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeChannelHub, createFakeLocks, until } from './support/fake-tabs.js';

let server: MemoryChatServer;
let clients: ChatClient[];
let hub: ReturnType<typeof createFakeChannelHub>;

beforeEach(() => {
  server = createMemoryChatServer({ heartbeatMs: 0 });
  hub = createFakeChannelHub();
  clients = [];
});
afterEach(() => {
  for (const client of clients) client.dispose();
  server.dispose();
});

async function twoTabs() {
  const locks = createFakeLocks();
  const store = createMemoryStorage();
  for (let i = 0; i < 2; i++) {
    clients.push(
      createChatClient({
        transport: server.createTransport(),
        storage: store,
        random: () => 0.5,
        tabs: { BroadcastChannel: hub.BroadcastChannel, locks },
      }),
    );
  }
  const [leader, follower] = clients;
  if (!leader || !follower) throw new Error('two tabs expected');
  leader.connect();
  await until(() => follower.status.value === 'online');
  const announce = hub.posted.find(
    (message): message is { from: string } =>
      typeof message === 'object' && message !== null && 'type' in message && message.type === 'leader',
  );
  return { leader, follower, leaderId: announce?.from ?? '', store };
}

const visitorTexts = () =>
  server.conversations().flatMap((conversation) =>
    server
      .messages(conversation.id)
      .filter((message) => message.author.role === 'visitor')
      .map((message) => (message.content.kind === 'text' ? message.content.text : '')),
  );

describe('messages between tabs', () => {
  it('ignores what does not parse or belongs to another namespace, and acts on the next valid one', async () => {
    const { leaderId } = await twoTabs();
    const raw = new hub.BroadcastChannel('clavard:default');
    const send = (clientId: unknown, text: string) => ({ kind: 'send', clientId, text });
    for (const junk of [
      null,
      'text',
      { ns: 'default' },
      { ns: 'other', from: 'x', type: 'action', to: leaderId, action: send('c-1', 'other namespace') },
      { ns: 'default', from: 'x', type: 'action', to: leaderId, action: send(5, 'bad clientId') },
      { ns: 'default', from: 'x', type: 'action', to: leaderId, action: { kind: 'run', name: 'dispose' } },
      { ns: 'default', from: 'x', type: 'action', to: 'someone-else', action: send('c-2', 'not for me') },
    ]) {
      raw.postMessage(junk);
    }
    raw.postMessage({ ns: 'default', from: 'x', type: 'action', to: leaderId, action: send('c-3', 'valid') });
    await new Promise<void>((resolve) => server.on('message', () => resolve()));
    expect(visitorTexts()).toEqual(['valid']);
  });

  it('ignores a state message that does not parse, and applies the next valid one', async () => {
    const { follower, leaderId } = await twoTabs();
    const statuses: string[] = [];
    const stop = effect(() => {
      statuses.push(follower.status.value);
    });
    const raw = new hub.BroadcastChannel('clavard:default');
    const state = (status: string, tail: unknown[]) => ({
      ns: 'default',
      from: leaderId,
      type: 'state',
      rev: 99,
      base: 0,
      keep: 0,
      state: { status, typing: [], unread: 0, forms: [] },
      tail,
    });
    const row = { kind: 'pending', key: 'p1', clientId: 'p1', text: 'valid', delivery: 'sending' };
    raw.postMessage(state('reconnecting', [{ ...row, text: 5 }]));
    raw.postMessage(state('connecting', [{ kind: 'event', key: 'k', seq: 1, event: { type: 'message' } }]));
    raw.postMessage(state('offline', [row]));
    await until(() => follower.status.value === 'offline');
    stop();
    expect(statuses).toEqual(['online', 'offline']);
    expect(follower.messages.value.map((entry) => entry.key)).toEqual(['p1']);
  });

  it("sends a follower's form values through the leader and never stores them", async () => {
    const { follower, store } = await twoTabs();
    follower.send('hello');
    await until(() => follower.conversation.value !== undefined);
    const conversationId = follower.conversation.value?.id ?? '';
    const formId = server.agents.requestForm(conversationId, {
      kind: 'verification',
      fields: [{ name: 'dob', type: 'date', label: 'Date of birth', sensitive: true }],
    });
    await until(() => follower.forms.value.length === 1);
    const answered = new Promise<void>((resolve) => server.on('form', () => resolve()));
    follower.submitForm(formId, { dob: '1980-02-29' });
    await answered;
    expect(server.conversations()[0]?.forms[0]?.values).toEqual({ dob: '[redacted]' });
    expect(store.get('clavard:default') ?? '').not.toContain('1980-02-29');
  });
});
