// @vitest-environment happy-dom
import { options } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, mountWidget } from './support/ui-harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
});

const bubbles = (harness: Harness) => harness.all('.bubble').map((bubble) => bubble.textContent);

describe('message list', () => {
  it('shows the default greeting at the top when the chat opens', async () => {
    h = await mountWidget({ open: true });
    expect(h.get('.log li:first-child .bubble').textContent).toBe('Hi! How can we help you today?');
  });

  it("shows the organisation's greeting for the visitor's locale", async () => {
    h = await mountWidget({ open: true, locale: 'fr-CA', greeting: { en: 'Hello!', fr: 'Bonjour!' } });
    expect(h.get('.log li:first-child .bubble').textContent).toBe('Bonjour!');
  });

  it('groups consecutive messages by author, with the first name once per group', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() => {
      h?.server.agents.send(id, 'a1', 'One');
      h?.server.agents.send(id, 'a1', 'Two');
    });
    // One row per message (the list is virtualized by message): the first of a run carries the name,
    // the next ones continue it.
    const rows = h.all('.group:not(.greeting):not(.notice-row)');
    expect(rows.map((row) => row.querySelector('.author')?.textContent ?? '…')).toEqual([
      'You',
      'Julie',
      '…',
    ]);
    expect(rows.map((row) => row.hasAttribute('data-cont'))).toEqual([false, false, true]);
    expect(rows[2]?.querySelector('.bubble')?.textContent).toBe('Two');
  });

  it("puts the agent's face beside each group of their messages: the picture, else the initial", async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation({
      id: 'a1',
      firstName: 'Julie',
      avatarUrl: 'https://cdn.example/julie.png',
    });
    await h.step(() => h?.server.agents.send(id, 'a1', 'Bonjour'));
    const face = h.get('.group[data-face] > img.face');
    expect(face.getAttribute('src')).toBe('https://cdn.example/julie.png');
    expect(face.getAttribute('alt')).toBe('');
    expect(face.getAttribute('referrerpolicy')).toBe('no-referrer');
    // The visitor's own group has none.
    expect(h.all('.group[data-mine] .face')).toHaveLength(0);
    // A picture that fails to load gives way to the initial.
    await h.step(() => face.dispatchEvent(new Event('error')));
    expect(h.all('.group[data-face] > img.face')).toHaveLength(0);
    expect(h.get('.group[data-face] > .face.initial').textContent).toBe('J');
  });

  it('shows the time of each message with Intl', async () => {
    h = await mountWidget({ open: true });
    await h.startConversation();
    const time = h.get('.msg time');
    const expected = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(
      new Date(time.getAttribute('datetime') ?? ''),
    );
    expect(time.textContent).toBe(expected);
  });

  it("shows the delivery state of the visitor's own message", async () => {
    h = await mountWidget({ open: true });
    await h.step(() => h?.widget.send('Hello'));
    expect(h.get('.group[data-mine] .meta').textContent).toContain('Delivered');
  });

  it('shows a failed message with a retry button that retries it', async () => {
    h = await mountWidget({ open: true });
    await h.startConversation();
    const retry = vi.spyOn(h.widget.client, 'retry');
    h.wire.holdMessages = true;
    let clientId = '';
    await h.step(() => {
      clientId = h?.widget.send('Refused') ?? '';
    });
    expect(h.get('.msg[data-delivery="sending"] .meta').textContent).toBe('Sending…');
    const refusal = { type: 'error', code: 'forbidden', message: 'no', retryable: false, clientId };
    await h.step(() => h?.wire.inject(refusal));
    const failed = h.get('.msg[data-delivery="failed"]');
    expect(failed.querySelector('.meta')?.textContent).toContain('Not sent');
    await h.step(() => failed.querySelector<HTMLButtonElement>('button')?.click());
    expect(retry).toHaveBeenCalledWith(clientId);
  });

  it('shows the closing text when the conversation ends', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() => h?.server.agents.end(id, 'Thank you for chatting with Fibre Nord.'));
    expect(h.get('.closing').textContent).toBe('Thank you for chatting with Fibre Nord.');
    expect(
      h.all('.notice').some((notice) => notice.textContent?.includes('This conversation has ended.')),
    ).toBe(true);
  });

  it('shows "Julie is typing…" while the agent types', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() => h?.server.agents.typing(id, 'a1', true));
    expect(h.get('.typing').textContent).toBe('Julie is typing…');
    await h.step(() => h?.server.agents.typing(id, 'a1', false));
    expect(h.get('.typing').textContent).toBe('');
  });

  it('sends the label of a quick reply', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() =>
      h?.server.agents.send(id, 'a1', {
        kind: 'quick-replies',
        text: 'Which plan?',
        replies: [
          { id: 'q1', label: 'Fibre' },
          { id: 'q2', label: 'Mobile' },
        ],
      }),
    );
    await h.step(() => h?.all<HTMLButtonElement>('.reply')[1]?.click());
    const texts = h.server.messages(id).map((m) => (m.content.kind === 'text' ? m.content.text : ''));
    expect(texts.at(-1)).toBe('Mobile');
  });

  it('keeps quick replies offered after a later agent message, and removes them once the visitor writes', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    const replies = [{ id: 'q1', label: 'Yes' }];
    await h.step(() => {
      h?.server.agents.send(id, 'a1', { kind: 'quick-replies', text: 'Is the light green?', replies });
      h?.server.agents.send(id, 'a1', 'Take your time.');
    });
    expect(h.all('.reply')).toHaveLength(1);
    await h.step(() => h?.widget.send('It is red'));
    expect(h.all('.reply')).toHaveLength(0);
  });

  it('opens a new-tab card with target _blank and rel noopener noreferrer', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() =>
      h?.server.agents.send(id, 'a1', {
        kind: 'product',
        url: 'https://shop.example/fibre',
        title: 'Fibre 1 Gbit',
        price: { amount: 6500, currency: 'CAD' },
      }),
    );
    const card = h.get<HTMLAnchorElement>('a.card');
    expect(card.getAttribute('href')).toBe('https://shop.example/fibre');
    expect(card.getAttribute('target')).toBe('_blank');
    expect(card.getAttribute('rel')).toBe('noopener noreferrer');
    expect(card.textContent).toContain('$65.00');
  });

  it('opens a same-tab card with ordinary navigation', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() =>
      h?.server.agents.send(id, 'a1', {
        kind: 'link',
        url: 'https://shop.example/cart',
        title: 'Your cart',
        target: 'same-tab',
      }),
    );
    const card = h.get<HTMLAnchorElement>('a.card');
    expect(card.getAttribute('href')).toBe('https://shop.example/cart');
    expect(card.hasAttribute('target')).toBe(false);
  });

  it('renders a card whose URL is not safe as text, without a link', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    // Credentials in a web URL pass the protocol's scheme check but not the widget's safeUrl.
    await h.step(() =>
      h?.server.agents.send(id, 'a1', {
        kind: 'link',
        url: 'https://bank.example@evil.example/',
        title: 'Your bank',
      }),
    );
    expect(h.all('a.card')).toHaveLength(0);
    expect(h.get('div.card .card-url').textContent).toBe('https://bank.example@evil.example/');
  });

  it('never makes a link of a card with a javascript: URL', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() =>
      h?.server.agents.send(id, 'a1', { kind: 'link', url: 'javascript:alert(1)', title: 'Click me' }),
    );
    expect(h.all('a').filter((link) => !link.getAttribute('href')?.startsWith('http'))).toHaveLength(0);
  });

  it('links a plain-text URL safely and leaves a javascript: URL as text', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() =>
      h?.server.agents.send(id, 'a1', 'See https://help.example/faq or javascript:alert(1) for more'),
    );
    const links = h.all<HTMLAnchorElement>('.bubble a');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://help.example/faq']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(bubbles(h).at(-1)).toContain('javascript:alert(1) for more');
  });

  it('shows hostile markup as literal text and creates no element from it', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation({ id: 'a9', firstName: '<b>Eve</b>' });
    await h.step(() => h?.server.agents.send(id, 'a9', '<img src=x onerror=alert(1)>'));
    expect(bubbles(h).at(-1)).toBe('<img src=x onerror=alert(1)>');
    expect(h.all('.log img, .log b')).toHaveLength(0);
    expect(h.get('.title').textContent).toBe('<b>Eve</b>');
  });

  it('announces a new agent message in the polite live region', async () => {
    h = await mountWidget();
    const id = await h.startConversation();
    await h.step(() => h?.server.agents.send(id, 'a1', 'How can I help?'));
    expect(h.get('[role="status"]').textContent?.trim()).toBe('Julie: How can I help?');
  });
});

describe('message list on a long conversation', () => {
  it('renders only the new row when one message is appended (earlier rows are skipped)', async () => {
    h = await mountWidget({ open: true });
    const id = await h.startConversation();
    await h.step(() => {
      for (let index = 0; index < 50; index += 1) h?.server.agents.send(id, 'a1', `Message ${index}`);
    });
    // Every rendered row of a confirmed message diffs one <time>: count them through Preact's options.
    const previous = options.diffed;
    let times = 0;
    options.diffed = (vnode) => {
      if (vnode.type === 'time') times += 1;
      previous?.(vnode);
    };
    try {
      await h.step(() => h?.server.agents.send(id, 'a1', 'The new one'));
    } finally {
      if (previous) options.diffed = previous;
      else Reflect.deleteProperty(options, 'diffed');
    }
    expect(bubbles(h).at(-1)).toBe('The new one');
    expect(times).toBe(1);
  });
});
