// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/components/App.js';
import { createConsoleModel } from '../src/console-model.js';
import { saveSession } from '../src/console-storage.js';
import {
  agentMessage,
  type ConsoleHarness,
  createFakeLink,
  julie,
  marc,
  mountConsole,
  sentTexts,
  T0,
  takeConversation,
  takenConversation,
  typeInto,
  visitorMessage,
  welcomeFrame,
} from './support/harness.js';

let h: ConsoleHarness | undefined;
beforeEach(() => sessionStorage.clear());
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const composer = (harness: ConsoleHarness) => harness.get<HTMLTextAreaElement>('#composer-text');

const welcomeWith = (conversation = takenConversation([agentMessage(3)])) =>
  welcomeFrame({ conversations: [conversation] });

describe('a reload of the console', () => {
  it('keeps the draft and sends an unacknowledged message again with the same clientId', () => {
    const before = createFakeLink();
    const first = createConsoleModel({
      link: before,
      me: julie,
      storage: sessionStorage,
      createId: () => 'k1',
    });
    first.start();
    first.receive(welcomeWith());
    first.setDraft('c1', { text: 'Sent before the reload', greeting: false });
    expect(first.send('c1').ok).toBe(true);
    first.setDraft('c1', { text: 'Half-written answer', greeting: false });
    first.dispose();

    const after = createFakeLink();
    const second = createConsoleModel({ link: after, me: julie, storage: sessionStorage });
    second.start();
    second.receive(welcomeWith());
    expect(second.conversations.value[0]?.draft.text).toBe('Half-written answer');
    expect(after.sentOf('agent.message')).toEqual([
      expect.objectContaining({ clientId: 'k1', content: { kind: 'text', text: 'Sent before the reload' } }),
    ]);
    second.dispose();
  });

  it('opens the console straight away with the sign-in kept for the tab', async () => {
    saveSession(sessionStorage, { token: 't1', agent: julie, role: 'agent' });
    const link = createFakeLink();
    const container = document.createElement('div');
    document.body.append(container);
    await act(async () => {
      render(<App origin="http://127.0.0.1:1" storage={sessionStorage} connect={() => link} />, container);
    });
    expect(container.querySelector('form input[name="password"]')).toBeNull();
    expect(container.textContent).toContain('Sign out');
    await act(async () => {
      [...container.querySelectorAll('button')].find((b) => b.textContent === 'Sign out')?.click();
    });
    expect(link.sentOf('agent.signout')).toEqual([{ type: 'agent.signout' }]);
    expect(sessionStorage.getItem('clavard-console:session')).toBeNull();
    expect(container.querySelector('input[name="password"]')).not.toBeNull();
    render(null, container);
    container.remove();
  });
});

describe('the house rules in the console', () => {
  it('refuses a greeting typed over before anything leaves', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => typeInto(composer(h as ConsoleHarness), 'Hi there, about your invoice'));
    await h.step(() => h?.button('Send').click());
    expect(h.get('[role="alert"]').textContent).toContain('Greet the visitor first');
    expect(sentTexts(h.link)).toEqual([]);
  });

  it('puts an answer the server refused for the greeting back in the composer', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => h?.button('Send').click());
    const [sent] = h.link.sentOf('agent.message');
    await h.deliver({
      type: 'error',
      code: 'greeting-required',
      message: 'the first answer in a conversation must start with the greeting',
      retryable: false,
      clientId: sent?.clientId ?? '',
    });
    expect(composer(h).value).toBe("Hello, I'm Julie. How can I help you today?");
    expect(h.model.conversations.value[0]?.pending).toEqual([]);
    expect(h.container.textContent).toContain('Greet the visitor first');
  });
});

describe('a long conversation', () => {
  it('shows earlier messages on demand, a page at a time', async () => {
    h = await mountConsole();
    const conversation = { ...takenConversation(), hasMore: true };
    conversation.events = [visitorMessage(40, 'The newest')];
    await h.deliver({ type: 'agent.conversation', conversation });
    await h.step(() => h?.button('Show earlier messages').click());
    expect(h.link.sentOf('agent.history')).toEqual([
      { type: 'agent.history', conversationId: 'c1', beforeSeq: 40 },
    ]);
    await h.deliver({
      type: 'agent.history',
      conversationId: 'c1',
      beforeSeq: 40,
      events: [visitorMessage(1, 'The oldest')],
      hasMore: false,
    });
    expect(h.container.textContent).toContain('The oldest');
    expect(h.all('.older')).toEqual([]);
  });
});

describe('a conversation handed over', () => {
  it('shows the colleague’s note and offers no greeting', async () => {
    h = await mountConsole();
    const conversation = {
      ...takenConversation([agentMessage(3, "Hello, I'm Marc. How can I help you today?")]),
      greeted: true,
      transferNote: {
        from: marc,
        note: 'Refund approved; needs the new address.',
        at: new Date(T0).toISOString(),
      },
    };
    await h.deliver({ type: 'agent.conversation', conversation });
    expect(h.get('[aria-label="Note from your colleague"]').textContent).toContain('Refund approved');
    expect(composer(h).value).toBe('');
  });
});

describe('alerts', () => {
  it('calls for the agent when a conversation starts waiting and when a visitor writes, not for what was there', () => {
    const link = createFakeLink();
    const alerts: string[] = [];
    const model = createConsoleModel({
      link,
      me: julie,
      onAlert: (alert) => alerts.push(`${alert.kind}:${alert.conversationId}`),
    });
    model.start();
    const waiting = { conversationId: 'c0', waitingSince: new Date(T0).toISOString(), waitSeconds: 0 };
    model.receive(welcomeFrame({ queue: [waiting], queueTotal: 1, conversations: [takenConversation()] }));
    expect(alerts).toEqual([]);
    model.receive({
      type: 'agent.queue',
      queue: [waiting, { ...waiting, conversationId: 'c2' }],
      total: 2,
    });
    model.receive({ type: 'agent.event', event: visitorMessage(3, 'Still there?') });
    expect(alerts).toEqual(['conversation:c2', 'message:c1']);
    // c1 is open, so its new message is read at once: what needs Julie is the two waiting.
    expect(model.attention.value).toBe(2);
    model.dispose();
  });
});
