// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  agentMessage,
  type ConsoleHarness,
  mountConsole,
  sentTexts,
  takeConversation,
  typeInto,
  visitorMessage,
} from './support/harness.js';

let h: ConsoleHarness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

/** Julie writes `text` in the open conversation and sends it with Enter. */
async function write(harness: ConsoleHarness, text: string): Promise<void> {
  const composer = harness.get<HTMLTextAreaElement>('textarea');
  await harness.step(() => typeInto(composer, text));
  await harness.step(() => harness.button('Send').click());
}

describe('a conversation the server took away', () => {
  it('is removed, with a notice, when its visitor had their data erased', async () => {
    h = await mountConsole();
    await takeConversation(h, [visitorMessage(1, 'My invoice is wrong')]);
    expect(h.model.conversations.value.map((c) => c.id)).toEqual(['c1']);
    expect(h.container.textContent).toContain('My invoice is wrong');

    await h.deliver({ type: 'agent.removed', conversationId: 'c1', reason: 'forgotten' });
    expect(h.model.conversations.value).toEqual([]);
    expect(h.model.selected.value).toBeUndefined();
    expect(h.container.textContent).not.toContain('My invoice is wrong');
    expect(h.container.textContent).toContain(
      'The visitor asked for their data to be erased: the conversation was removed.',
    );
  });

  it('drops a message the server refused for good, and says which; keeps one it may retry', async () => {
    h = await mountConsole();
    await takeConversation(h, [agentMessage(3), visitorMessage(4, 'Hello?')]);
    await write(h, 'One moment please.');
    const [first] = h.link.sentOf('agent.message');
    expect(sentTexts(h.link)).toContain('One moment please.');
    const pending = () => h?.model.conversations.value[0]?.pending.map((p) => p.text);
    expect(pending()).toEqual(['One moment please.']);

    await h.deliver({
      type: 'error',
      code: 'rate-limited',
      message: 'slow down',
      retryable: true,
      clientId: first?.clientId ?? '',
    });
    expect(pending()).toEqual(['One moment please.']);

    await h.deliver({
      type: 'error',
      code: 'not-found',
      message: 'no conversation c1',
      retryable: false,
      clientId: first?.clientId ?? '',
    });
    expect(pending()).toEqual([]);
    expect(h.container.textContent).toContain('Not sent (“One moment please.”): no conversation c1');
  });
});
