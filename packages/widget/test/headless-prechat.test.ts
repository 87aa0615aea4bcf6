import type { ChatClient } from '@clavard/widget/headless';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from './support/fake-tabs.js';
import { AT, welcome } from './support/fake-transport.js';
import { setupClient } from './support/setup-client.js';
import { leaderOf, twoTabs } from './support/two-tabs.js';

const PRECHAT = {
  formId: 'pre-1',
  title: 'Before we start',
  fields: [
    {
      name: 'topic',
      type: 'select',
      label: 'Topic',
      required: true,
      options: [{ value: 'billing', label: 'Billing' }],
    },
  ],
};

/** A welcome without a conversation (none in progress), asking the pre-chat form first. */
const firstWelcome = (extra: Record<string, unknown> = {}) =>
  welcome({ conversation: undefined, prechat: PRECHAT, ...extra });

describe('the pre-chat form asked before the first message', () => {
  it('is offered by the welcome, answered with form.submit, and marked accepted once the server takes it', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome({ conversation: undefined, prechat: PRECHAT });
    expect(client.prechat.value).toEqual({ form: PRECHAT, errors: undefined });
    client.submitForm('pre-1', { topic: '' });
    expect(transport.sentOfType('form.submit')).toEqual([
      { type: 'form.submit', formId: 'pre-1', values: { topic: '' } },
    ]);
    transport.receive({
      type: 'prechat.result',
      formId: 'pre-1',
      status: 'rejected',
      errors: { topic: 'required' },
    });
    expect(client.prechat.value?.errors).toEqual({ topic: 'required' });
    transport.receive({ type: 'prechat.result', formId: 'pre-1', status: 'accepted' });
    expect(client.prechat.value).toEqual({ form: PRECHAT, errors: undefined, accepted: true });
    client.dispose();
  });

  it('is gone once a conversation starts, and after a shutdown', () => {
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome({ conversation: undefined, prechat: PRECHAT });
    const id = client.send('Hello');
    transport.receive({ type: 'message.ack', conversationId: 'c9', clientId: id, id: 'm1', seq: 1, at: AT });
    expect(client.prechat.value).toBeUndefined();
    client.dispose();
    const other = setupClient();
    other.connectAndWelcome({ conversation: undefined, prechat: PRECHAT });
    other.client.shutdown();
    expect(other.client.prechat.value).toBeUndefined();
    other.client.dispose();
  });

  it('ignores the result of another form, and follows the next welcome (none asked: none shown)', () => {
    vi.useFakeTimers();
    const { client, transport, connectAndWelcome } = setupClient();
    connectAndWelcome({ conversation: undefined, prechat: PRECHAT });
    transport.receive({ type: 'prechat.result', formId: 'other', status: 'accepted' });
    expect(client.prechat.value?.form.formId).toBe('pre-1');
    transport.drop();
    vi.advanceTimersByTime(30_000);
    transport.receive(welcome({ conversation: undefined }));
    expect(client.prechat.value).toBeUndefined();
    client.dispose();
    vi.useRealTimers();
  });

  it('refuses a welcome whose form is malformed, as any malformed frame', () => {
    const { client, transport, errors } = setupClient();
    client.connect();
    transport.receive(firstWelcome({ prechat: { formId: 'pre-1', fields: [{ name: 'x' }] } }));
    expect(client.prechat.value).toBeUndefined();
    expect(errors.map((error) => error.code)).toContain('invalid-frame');
    client.dispose();
  });
});

describe('the pre-chat form in a second tab', () => {
  const clients: ChatClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.dispose();
  });

  it('is mirrored to the follower, whose answer the leader sends', async () => {
    const tabs = twoTabs();
    clients.push(...tabs.clients);
    const { leaderTransport, follower } = await leaderOf(tabs, until);
    await vi.waitFor(() => expect(leaderTransport.sentOfType('session.hello')).toHaveLength(1));
    leaderTransport.receive(firstWelcome());
    await until(() => follower.prechat.value !== undefined);
    expect(follower.prechat.value?.form).toEqual(PRECHAT);
    follower.submitForm('pre-1', { topic: 'billing' });
    // Plain arrays, not signals: polled.
    await vi.waitFor(() =>
      expect(leaderTransport.sentOfType('form.submit')).toEqual([
        { type: 'form.submit', formId: 'pre-1', values: { topic: 'billing' } },
      ]),
    );
    leaderTransport.receive({ type: 'prechat.result', formId: 'pre-1', status: 'accepted' });
    await until(() => follower.prechat.value?.accepted === true);
  });
});
