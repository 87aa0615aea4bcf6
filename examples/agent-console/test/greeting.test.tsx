// @vitest-environment happy-dom

import { isGreeting } from '@clavard/agent-api';
import { DEFAULT_PHRASES } from '@clavard/reference-server';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSend, editDraft, withGreeting } from '../src/send-rules.js';
import {
  type ConsoleHarness,
  mountConsole,
  sentTexts,
  takeConversation,
  typeInto,
} from './support/harness.js';

let h: ConsoleHarness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const GREETING = "Hello, I'm Julie. How can I help you today?";
const composer = (harness: ConsoleHarness) => harness.get<HTMLTextAreaElement>('#composer-text');

describe('the greeting rule', () => {
  const startsWithGreeting = (text: string) => isGreeting(text, DEFAULT_PHRASES, 'Julie');

  it('refuses a free answer before the greeting', () => {
    const draft = { text: 'Your order left today.', greeting: false };
    expect(checkSend({ greeted: false, draft, startsWithGreeting })).toEqual({
      ok: false,
      reason: 'greeting-required',
    });
  });

  it('refuses a greeting typed over, whatever the composer remembers, as the server would', () => {
    const draft = { text: 'Hi, Julie here!', greeting: true };
    expect(checkSend({ greeted: false, draft, startsWithGreeting }).ok).toBe(false);
  });

  it('allows the greeting followed by the agent’s own words, and anything once greeted', () => {
    const own = { text: `${GREETING} About your order…`, greeting: true };
    expect(checkSend({ greeted: false, draft: own, startsWithGreeting }).ok).toBe(true);
    const free = { text: 'Your order left today.', greeting: false };
    expect(checkSend({ greeted: true, draft: free, startsWithGreeting }).ok).toBe(true);
  });

  it('forgets the greeting when the composer is emptied', () => {
    expect(editDraft({ text: GREETING, greeting: true }, '  ')).toEqual({ text: '  ', greeting: false });
  });

  it('puts the greeting before a free answer', () => {
    expect(withGreeting({ text: 'Your order left today.', greeting: false }, GREETING)).toEqual({
      text: `${GREETING}\n\nYour order left today.`,
      greeting: true,
    });
  });
});

describe('the greeting in the console', () => {
  it('pre-fills the composer with the greeting when the agent takes a conversation', async () => {
    h = await mountConsole();
    await takeConversation(h);
    expect(h.link.sentOf('agent.take')).toEqual([{ type: 'agent.take', conversationId: 'c1' }]);
    expect(composer(h).value).toBe(GREETING);
  });

  it('asks for the greeting when a free answer would go first, and sends nothing', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => typeInto(composer(h as ConsoleHarness), ''));
    await h.step(() => typeInto(composer(h as ConsoleHarness), 'Your order left today.'));
    await h.step(() => h?.button('Send').click());
    expect(h.get('[role="alert"]').textContent).toContain('Greet the visitor first');
    expect(sentTexts(h.link)).toEqual([]);
  });

  it('sends the greeting with the answer after "Put the greeting before my answer"', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => typeInto(composer(h as ConsoleHarness), ''));
    await h.step(() => typeInto(composer(h as ConsoleHarness), 'Your order left today.'));
    await h.step(() => h?.button('Send').click());
    await h.step(() => h?.button('Put the greeting before my answer').click());
    expect(document.activeElement).toBe(composer(h));
    await h.step(() => h?.button('Send').click());
    expect(sentTexts(h.link)).toEqual([`${GREETING}\n\nYour order left today.`]);
  });

  it('sends free answers once the greeting went', async () => {
    h = await mountConsole();
    await takeConversation(h);
    await h.step(() => h?.button('Send').click());
    await h.step(() => typeInto(composer(h as ConsoleHarness), 'Let me look.'));
    await h.step(() => h?.button('Send').click());
    expect(sentTexts(h.link)).toEqual([GREETING, 'Let me look.']);
    expect(h.all('[role="alert"]')).toHaveLength(0);
  });
});
