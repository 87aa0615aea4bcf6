// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleHarness, mountConsole } from './support/harness.js';

let h: ConsoleHarness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const topics = ['Plans', 'Billing', 'Technical support'];

const boxes = (harness: ConsoleHarness) =>
  harness.all<HTMLLabelElement>('.my-topics .choice').map((label) => ({
    topic: label.textContent,
    checked: (label.querySelector('input') as HTMLInputElement).checked,
  }));

const box = (harness: ConsoleHarness, topic: string) =>
  harness
    .all<HTMLLabelElement>('.my-topics .choice')
    .find((label) => label.textContent === topic)
    ?.querySelector('input') as HTMLInputElement;

describe('my topics', () => {
  it("lists the organisation's topics in a labelled group, the agent's own checked", async () => {
    h = await mountConsole({ topics, mine: ['Billing'] });
    const group = h.get<HTMLFieldSetElement>('fieldset.my-topics');
    expect(group.querySelector('legend')?.textContent).toBe('My topics');
    const hint = h.get(`#${group.getAttribute('aria-describedby')}`);
    expect(hint.textContent).toBe('None checked: you take every topic');
    expect(boxes(h)).toEqual([
      { topic: 'Plans', checked: false },
      { topic: 'Billing', checked: true },
      { topic: 'Technical support', checked: false },
    ]);
  });

  it('sends agent.topics when a box changes, with the checked topics', async () => {
    h = await mountConsole({ topics, mine: ['Billing'] });
    await h.step(() => box(h as ConsoleHarness, 'Technical support').click());
    await h.step(() => box(h as ConsoleHarness, 'Billing').click());
    expect(h.link.sentOf('agent.topics')).toEqual([
      { type: 'agent.topics', topics: ['Billing', 'Technical support'] },
      { type: 'agent.topics', topics: ['Technical support'] },
    ]);
    expect(boxes(h).map((b) => b.checked)).toEqual([false, false, true]);
  });

  it('follows agent.routing from the server', async () => {
    h = await mountConsole({ topics, mine: [] });
    await h.deliver({ type: 'agent.routing', topics, mine: ['Plans', 'Billing'] });
    expect(boxes(h).map((b) => b.checked)).toEqual([true, true, false]);
  });

  it('is not shown when the organisation has no topics', async () => {
    h = await mountConsole();
    expect(h.all('.my-topics')).toEqual([]);
  });
});
