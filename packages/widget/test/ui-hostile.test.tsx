// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, julie, mountWidget, typeInto } from './support/ui-harness.js';

/** Calls of the host's polluted `onClick`: Preact must never take it for one of ours. */
const hostClicks: unknown[] = [];

/**
 * What a hostile or careless host page puts on Object.prototype: ENUMERABLE keys, some named like the props
 * the UI renders (`hidden`, `title`, `class`, `onClick`). @preact/signals walks its signal props with
 * `for…in` (a crash, `f.o is not a function`, when a signal is bound to a DOM prop), and Preact caches its
 * event proxies in a plain object keyed by prop name (`onClick` would become the listener).
 * `value` is left to browser-embed.test.ts: an inherited `value` makes every accessor descriptor invalid
 * (ToPropertyDescriptor reads inherited keys), which happy-dom itself trips over.
 */
const POLLUTION: Record<string, unknown> = {
  hidden: 'polluted-hidden',
  title: 'polluted-title',
  class: 'polluted-class',
  onClick: (event: unknown) => {
    hostClicks.push(event);
  },
  x: 1,
};

function pollute(): void {
  for (const [key, value] of Object.entries(POLLUTION)) {
    Object.defineProperty(Object.prototype, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
}

function clean(): void {
  for (const key of Object.keys(POLLUTION)) Reflect.deleteProperty(Object.prototype, key);
}

let h: Harness | undefined;
beforeEach(() => {
  hostClicks.length = 0;
  pollute();
});
afterEach(() => {
  try {
    h?.dispose();
  } finally {
    h = undefined;
    clean();
  }
});

describe('on a page with an enumerable, polluted Object.prototype', () => {
  it('renders the launcher and opens the panel', async () => {
    h = await mountWidget();
    await h.step(() => h?.get('.launcher').click());
    expect(h.all('.panel')).toHaveLength(1);
    expect(h.get('.title').textContent).toBe('Fibre Nord');
    expect(hostClicks).toEqual([]);
  });

  it("sends the visitor's message and shows the agent's first name and reply", async () => {
    h = await mountWidget({ open: true });
    const sent: string[] = [];
    h.server.on('message', (message) => {
      if (message.content.kind === 'text') sent.push(message.content.text);
    });
    await h.step(() => typeInto(h?.get('#clavard-composer') as HTMLTextAreaElement, 'Is fibre available?'));
    await h.step(() => h?.get<HTMLButtonElement>('.send').click());
    expect(sent).toEqual(['Is fibre available?']);
    const id = h.widget.client.conversation.value?.id ?? '';
    await h.step(() => h?.server.agents.join(id, julie));
    await h.step(() => h?.server.agents.send(id, julie.id, 'Yes it is!'));
    expect(h.get('.title').textContent).toBe('Julie');
    expect(h.all('.bubble').map((bubble) => bubble.textContent)).toContain('Yes it is!');
  });

  it('keeps the bound states right: hint and status hidden, send disabled until there is text', async () => {
    h = await mountWidget({ open: true });
    expect(h.get('.status').hidden).toBe(true);
    expect(h.get('.hint').hidden).toBe(true);
    expect(h.get<HTMLButtonElement>('.send').disabled).toBe(true);
    await h.step(() => typeInto(h?.get('#clavard-composer') as HTMLTextAreaElement, 'Hello'));
    expect(h.get<HTMLButtonElement>('.send').disabled).toBe(false);
    expect(h.get<HTMLTextAreaElement>('#clavard-composer').value).toBe('Hello');
  });

  it('lets no polluted key through as an attribute on its elements', async () => {
    h = await mountWidget({ open: true });
    await h.startConversation(julie);
    expect(h.all('[hidden]:not(.status):not(.hint):not(.dots), [x]')).toEqual([]);
    // Only the header's own tooltips (whole name, subtitle, icon buttons), none from the prototype.
    expect(h.all('[title]').map((element) => element.getAttribute('title'))).toEqual([
      'Julie',
      'Fibre Nord',
      'End chat',
      'Minimize chat',
    ]);
    expect(h.all('.polluted-class')).toEqual([]);
  });
});
