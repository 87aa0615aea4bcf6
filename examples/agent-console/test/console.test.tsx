// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  at,
  type ConsoleHarness,
  marc,
  mountConsole,
  takeConversation,
  takenConversation,
  typeInto,
  visitorMessage,
} from './support/harness.js';

let h: ConsoleHarness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
  vi.useRealTimers();
});

const composer = (harness: ConsoleHarness) => harness.get<HTMLTextAreaElement>('#composer-text');

describe('the console', () => {
  it('lists a waiting conversation with its wait time', async () => {
    h = await mountConsole();
    const entry = h.get('.queue-entry');
    expect(entry.textContent).toContain('My invoice is wrong');
    expect(entry.textContent).toContain('Waiting 1 min 00 s');
  });

  it('marks a conversation whose visitor left a message while nobody was available, with the email', async () => {
    h = await mountConsole();
    expect(h.all('.left-message')).toEqual([]);
    await h.deliver({
      type: 'agent.queue',
      total: 1,
      queue: [
        {
          conversationId: 'c1',
          waitingSince: at(0),
          waitSeconds: 30,
          preview: 'My invoice is wrong',
          contactEmail: 'ana@example.com',
        },
      ],
    });
    expect(h.get('.queue-entry .left-message').textContent).toBe(
      'Left a message: answer by email to ana@example.com',
    );
  });

  it('names an identified visitor (name and email from the organisation) and says when one is anonymous', async () => {
    h = await mountConsole();
    expect(h.get('.queue-entry .visitor-identity').textContent).toBe('Anonymous visitor');
    await h.deliver({
      type: 'agent.queue',
      total: 1,
      queue: [
        {
          conversationId: 'c1',
          waitingSince: at(0),
          waitSeconds: 30,
          visitor: { userId: 'c-1042', name: 'Ana Tremblay', email: 'ana@example.com' },
        },
      ],
    });
    expect(h.get('.queue-entry .visitor-identity').textContent).toBe(
      'Ana Tremblay <ana@example.com> · identified',
    );
  });

  it("shows the visitor's consent, with its version, when the site asked for it", async () => {
    h = await mountConsole();
    await takeConversation(h);
    expect(h.all('[data-consent]')).toEqual([]);
    await h.deliver({
      type: 'agent.conversation',
      conversation: { ...takenConversation(), consent: { at: at(0), version: '2026-11' } },
    });
    expect(h.get('[data-consent]').textContent).toMatch(/^given .+ \(version 2026-11\)$/);
  });

  it('names an identified visitor in the conversation too', async () => {
    h = await mountConsole();
    await takeConversation(h);
    expect(h.get('.conversation .visitor-identity').textContent).toBe('Anonymous visitor');
    await h.deliver({
      type: 'agent.conversation',
      conversation: { ...takenConversation(), visitor: { userId: 'c-1042', name: 'Ana Tremblay' } },
    });
    expect(h.get('.conversation .visitor-identity').textContent).toBe('Ana Tremblay · identified');
  });

  it('renders visitor text as text, never as markup', async () => {
    h = await mountConsole();
    await takeConversation(h, [visitorMessage(3, '<img src=x onerror=alert(1)><b>bold</b>')]);
    expect(h.all('.transcript img, .transcript b')).toHaveLength(0);
    expect(h.get('.transcript').textContent).toContain('<img src=x onerror=alert(1)><b>bold</b>');
  });

  it('shows the visitor typing', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.deliver({ type: 'agent.typing', conversationId: 'c1', active: true });
    expect(h.get('.typing').textContent).toBe('The visitor is typing…');
    await h.deliver({ type: 'agent.typing', conversationId: 'c1', active: false });
    expect(h.get('.typing').textContent).toBe('');
  });

  it('tells the visitor the agent is typing, then stops after a pause', async () => {
    vi.useFakeTimers();
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => typeInto(composer(h as ConsoleHarness), 'Let me'));
    await h.step(() => typeInto(composer(h as ConsoleHarness), 'Let me see'));
    expect(h.link.sentOf('agent.typing')).toEqual([
      { type: 'agent.typing', conversationId: 'c1', active: true },
    ]);
    await h.step(() => vi.advanceTimersByTime(4000));
    expect(h.link.sentOf('agent.typing').at(-1)).toEqual({
      type: 'agent.typing',
      conversationId: 'c1',
      active: false,
    });
  });

  it('marks visitor messages read in the open conversation', async () => {
    h = await mountConsole();
    await takeConversation(h);
    expect(h.link.sentOf('agent.read')).toEqual([{ type: 'agent.read', conversationId: 'c1', upToSeq: 1 }]);
    await h.deliver({ type: 'agent.event', event: visitorMessage(3, 'Are you there?') });
    expect(h.link.sentOf('agent.read').at(-1)).toEqual({
      type: 'agent.read',
      conversationId: 'c1',
      upToSeq: 3,
    });
  });

  it("shows the agent's message as sending, delivered, then read by the visitor", async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => h?.button('Send').click());
    expect(h.get('[data-receipt]').textContent).toBe('Sending…');
    await h.deliver(
      {
        type: 'agent.event',
        event: {
          type: 'message',
          conversationId: 'c1',
          seq: 3,
          at: at(40),
          id: 'm3',
          author: { role: 'agent', id: 'a-julie', firstName: 'Julie' },
          content: { kind: 'text', text: "Hello, I'm Julie. How can I help you today?" },
        },
      },
      { type: 'agent.ack', conversationId: 'c1', clientId: 'k1', id: 'm3', seq: 3, at: at(40) },
    );
    expect(h.all('[data-receipt]').map((r) => r.textContent)).toEqual(['Delivered']);
    await h.deliver({ type: 'agent.read', conversationId: 'c1', upToSeq: 3 });
    expect(h.all('[data-receipt]').map((r) => r.textContent)).toEqual(['Read']);
  });

  it('shows the first response time of the conversation', async () => {
    h = await mountConsole();
    await takeConversation(h, [
      {
        type: 'message',
        conversationId: 'c1',
        seq: 3,
        at: at(42),
        id: 'm3',
        author: { role: 'agent', id: 'a-julie', firstName: 'Julie' },
        content: { kind: 'text', text: 'Hello' },
      },
    ]);
    expect(h.get('[data-figure="first-response"]').textContent).toBe('42 s');
    expect(h.get('[data-figure="handling"]').textContent).toBe('30 s');
    expect(h.get('[data-figure="average-first-response"]').textContent).toContain('42 s');
  });

  it('transfers to another signed-in agent and then shows who has it', async () => {
    h = await mountConsole();
    await takeConversation(h);
    expect(h.all<HTMLOptionElement>('#transfer-to option').map((o) => o.textContent)).toEqual(['Marc']);
    await h.step(() => h?.button('Transfer').click());
    expect(h.link.sentOf('agent.transfer')).toEqual([
      { type: 'agent.transfer', conversationId: 'c1', toAgentId: 'a-marc' },
    ]);
    await h.deliver({
      type: 'agent.event',
      event: {
        type: 'agent.transferred',
        conversationId: 'c1',
        seq: 3,
        at: at(50),
        agent: marc,
        from: { id: 'a-julie', firstName: 'Julie' },
      },
    });
    expect(h.get('#conversation-heading').textContent).toContain('Transferred to Marc');
    expect(h.all('#composer-text')).toHaveLength(0);
  });
});
