// @vitest-environment happy-dom
import { ChatError } from '@clavard/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

describe('the handle for the page', () => {
  it('counts the agent messages the visitor has not seen, with an unread event, back to 0 on open', async () => {
    h = await mountWidget();
    const harness = h;
    const counts: number[] = [];
    harness.widget.on('unread', (count) => counts.push(count));
    const id = await harness.startConversation();
    expect(harness.widget.unread).toBe(0);
    await harness.step(() => harness.server.agents.send(id, 'a1', 'Still there?'));
    await harness.step(() => harness.server.agents.send(id, 'a1', 'Hello?'));
    expect(harness.widget.unread).toBe(2);
    await harness.step(() => harness.widget.open());
    expect(harness.widget.unread).toBe(0);
    expect(counts).toEqual([1, 2, 0]);
  });

  it('opens with a draft in the composer, not sent', async () => {
    h = await mountWidget();
    const harness = h;
    await harness.step(() => harness.widget.open({ message: 'About my invoice: ' }));
    const textarea = harness.get<HTMLTextAreaElement>('#clavard-composer');
    expect(textarea.value).toBe('About my invoice: ');
    expect(harness.root.activeElement).toBe(textarea);
    expect(harness.widget.client.messages.value).toEqual([]);
    await harness.step(() => harness.widget.close());
    await harness.step(() => harness.widget.open());
    expect(harness.get<HTMLTextAreaElement>('#clavard-composer').value).toBe('About my invoice: ');
  });

  it('refuses a draft that is not a text with invalid-option', async () => {
    h = await mountWidget();
    const widget = h.widget;
    for (const bad of [{ message: 42 }, 'text', { message: 'x'.repeat(10_001) }]) {
      let thrown: unknown;
      try {
        widget.open(bad as never);
      } catch (error) {
        thrown = error;
      }
      expect(ChatError.isInstance(thrown) && thrown.code).toBe('invalid-option');
    }
  });
});
