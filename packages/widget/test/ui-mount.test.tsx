// @vitest-environment happy-dom
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { ChatError } from '@clavard/protocol';
import { defineClavardElement, type MountOptions, mount } from '@clavard/widget';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, mountWidget } from './support/ui-harness.js';

let harnesses: Harness[] = [];
afterEach(() => {
  for (const harness of harnesses) harness.dispose();
  harnesses = [];
  document.body.replaceChildren();
});

function mountError(options: unknown): ChatError {
  try {
    mount(options as MountOptions);
  } catch (error) {
    if (ChatError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('mount did not throw');
}

describe('mount options', () => {
  const transport = () => createMemoryChatServer({ heartbeatMs: 0 }).createTransport();
  const cases: [string, unknown, string][] = [
    ['neither transport nor url', { brand: { name: 'X' } }, 'transport'],
    [
      'both transport and url',
      { transport: transport(), url: 'wss://chat.example/ws', brand: { name: 'X' } },
      'transport',
    ],
    ['a url that is not ws(s)', { url: 'javascript:alert(1)', brand: { name: 'X' } }, 'url'],
    ['no brand name', { transport: transport(), brand: { name: ' ' } }, 'brand.name'],
    [
      'a brand colour that is not a colour',
      { transport: transport(), brand: { name: 'X', color: 'red;}*{x' } },
      'brand.color',
    ],
    [
      'a logo that is not http(s)',
      { transport: transport(), brand: { name: 'X', logoUrl: 'data:x' } },
      'brand.logoUrl',
    ],
    ['an unknown position', { transport: transport(), brand: { name: 'X' }, position: 'top' }, 'position'],
    ['an unknown theme', { transport: transport(), brand: { name: 'X' }, theme: 'blue' }, 'theme'],
    [
      'a locale that is not a tag',
      { transport: transport(), brand: { name: 'X' }, locale: 'not a locale!' },
      'locale',
    ],
    [
      'a namespace with odd characters',
      { transport: transport(), brand: { name: 'X' }, namespace: 'a b' },
      'namespace',
    ],
    ['a non-boolean flag', { transport: transport(), brand: { name: 'X' }, sound: 'yes' }, 'sound'],
    [
      'a target that is not an element',
      { transport: transport(), brand: { name: 'X' }, target: {} },
      'target',
    ],
    ['an unknown option', { transport: transport(), brand: { name: 'X' }, colour: '#000' }, 'colour'],
    [
      'a consent policy that is not a web address',
      {
        transport: transport(),
        brand: { name: 'X' },
        consent: { version: '1', policyUrl: 'javascript:alert(1)' },
      },
      'consent.policyUrl',
    ],
    [
      'a consent policy over 2,048 characters',
      {
        transport: transport(),
        brand: { name: 'X' },
        consent: { version: '1', policyUrl: `https://shop.example/${'p'.repeat(2100)}` },
      },
      'consent.policyUrl',
    ],
  ];
  for (const [what, options, option] of cases) {
    it(`throws invalid-option naming "${option}" for ${what}`, () => {
      const error = mountError(options);
      expect(error.code).toBe('invalid-option');
      expect(error.message).toContain(`"${option}"`);
      expect(document.querySelector('clavard-widget')).toBeNull();
    });
  }

  it('ignores options injected through a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.url = 'wss://evil.example/ws';
    try {
      const server = createMemoryChatServer({ heartbeatMs: 0 });
      const widget = mount({ transport: server.createTransport(), brand: { name: 'X' }, storage: false });
      widget.unmount();
      server.dispose();
    } finally {
      delete proto.url;
    }
    expect(document.querySelector('clavard-widget')).toBeNull();
  });
});

describe('mount', () => {
  it('adopts constructed stylesheets and puts no style attribute or <style> element in the shadow root', async () => {
    const h = await mountWidget({ open: true, brand: { name: 'Fibre Nord', color: '#ffcc00' } });
    harnesses.push(h);
    expect(h.root.adoptedStyleSheets).toHaveLength(3); // the launcher's, the widget's, the theme
    expect(h.all('[style], style')).toHaveLength(0);
  });

  it('puts only checked colours in the theme sheet, with a readable text colour on the brand', async () => {
    const h = await mountWidget({ brand: { name: 'Fibre Nord', color: '#FC0' } });
    harnesses.push(h);
    const theme = [...(h.root.adoptedStyleSheets.at(-1)?.cssRules ?? [])]
      .map((rule) => rule.cssText)
      .join('');
    expect(theme).toContain('--clavard-brand: #ffcc00');
    expect(theme).toContain('--clavard-on-brand: #111111');
  });

  it('follows the theme option and the locale direction', async () => {
    const h = await mountWidget({ theme: 'dark', locale: 'ar' });
    harnesses.push(h);
    const root = h.get('.root');
    expect(root.dataset.theme).toBe('dark');
    expect(root.getAttribute('dir')).toBe('rtl');
  });

  it('speaks French in fr-CA', async () => {
    const h = await mountWidget({ locale: 'fr-CA', open: true });
    harnesses.push(h);
    expect(h.get('.launcher').getAttribute('aria-label')).not.toBe('Close chat');
    expect(h.get('.root').getAttribute('lang')).toBe('fr-CA');
  });

  it('runs two widgets on one page that share nothing', async () => {
    const a = await mountWidget({ namespace: 'sales', brand: { name: 'Sales' } });
    const b = await mountWidget({ namespace: 'support', brand: { name: 'Support' } });
    harnesses.push(a, b);
    await a.step(() => a.widget.open());
    await a.step(() => a.widget.send('for sales'));
    expect(b.all('[role="dialog"]')).toHaveLength(0);
    expect(b.widget.client.messages.value).toHaveLength(0);
    expect(b.server.conversations()).toHaveLength(0);
    expect(a.server.conversations()).toHaveLength(1);
    await b.step(() => b.widget.open());
    expect(b.get('.title').textContent).toBe('Support');
  });

  it('removes everything on unmount and leaves no timer behind', async () => {
    const h = await mountWidget({ open: true });
    await h.startConversation();
    await act(async () => h.widget.unmount());
    h.server.dispose();
    expect(document.querySelector('clavard-widget')).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });

  it('disposes of the client on unmount', async () => {
    const h = await mountWidget();
    const dispose = vi.spyOn(h.widget.client, 'dispose');
    harnesses.push(h);
    h.widget.unmount();
    expect(dispose).toHaveBeenCalledOnce();
  });

  it('shows the unread count in the title while the page is hidden, when asked', async () => {
    document.title = 'Shop';
    const h = await mountWidget({ titleBadge: true });
    harnesses.push(h);
    const id = await h.startConversation();
    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await h.step(() => document.dispatchEvent(new Event('visibilitychange')));
    await h.step(() => h.server.agents.send(id, 'a1', 'Still there?'));
    expect(document.title).toBe('(1) Shop');
    hidden.mockReturnValue('visible');
    await h.step(() => document.dispatchEvent(new Event('visibilitychange')));
    expect(document.title).toBe('Shop');
  });
});

describe('<clavard-chat>', () => {
  it('mounts from its attributes and unmounts when removed', async () => {
    vi.useFakeTimers();
    const Chat = defineClavardElement('clavard-chat-test');
    const server = createMemoryChatServer({ heartbeatMs: 0 });
    const element = new Chat();
    element.transport = server.createTransport();
    element.setAttribute('brand-name', 'Fibre Nord');
    element.setAttribute('locale', 'en');
    element.setAttribute('position', 'left');
    element.setAttribute('open', '');
    await act(async () => {
      document.body.append(element);
      await vi.advanceTimersByTimeAsync(20);
    });
    expect(element.shadowRoot?.querySelector('.title')?.textContent).toBe('Fibre Nord');
    expect(element.shadowRoot?.querySelector<HTMLElement>('.root')?.dataset.position).toBe('left');
    const client = element.widget?.client;
    if (!client) throw new Error('not mounted');
    const dispose = vi.spyOn(client, 'dispose');
    element.remove();
    expect(dispose).toHaveBeenCalledOnce();
    expect(element.shadowRoot?.querySelector('.root')).toBeNull();
    server.dispose();
    vi.useRealTimers();
  });

  it('reports a wrong attribute through an error event', () => {
    const Chat = defineClavardElement('clavard-chat-bad');
    const element = new Chat();
    element.setAttribute('brand-name', 'X');
    element.setAttribute('url', 'https://not-a-socket.example');
    const errors: unknown[] = [];
    element.addEventListener('error', (event) => errors.push((event as unknown as CustomEvent).detail));
    document.body.append(element);
    expect(errors).toHaveLength(1);
    expect(ChatError.isInstance(errors[0]) && errors[0].code).toBe('invalid-option');
  });

  it('is not registered at import', () => {
    expect(customElements.get('clavard-chat')).toBeUndefined();
  });
});
