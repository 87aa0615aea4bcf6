// The page side of browser.bench.ts, bundled with esbuild into a bench-only page: mount() on the memory
// chat server, each scenario timed inside the page with performance.now() (no CDP round trip counted).
import { createMemoryChatServer } from '@clavard/adapters/memory';
import { mount, type WidgetHandle } from '@clavard/widget';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits (macrotask by macrotask) until `ready()` holds, then forces layout so the time includes it. */
async function settle(host: () => Element | null, ready: (root: ShadowRoot) => boolean): Promise<void> {
  for (;;) {
    const root = host()?.shadowRoot;
    if (root && ready(root)) {
      (root.host as HTMLElement).getBoundingClientRect();
      root.querySelector('.panel')?.getBoundingClientRect();
      return;
    }
    await tick();
  }
}

const bubbles = (root: ShadowRoot): number => root.querySelectorAll('.bubble').length;

async function conversation(
  size: number,
): Promise<{ widget: WidgetHandle; send(text: string): void; dispose(): void }> {
  const chat = createMemoryChatServer({ heartbeatMs: 0, historyPageSize: 100_000 });
  const widget = mount({ transport: chat.createTransport(), brand: { name: 'Bench' }, storage: false });
  widget.send('hello');
  await new Promise<void>((resolve) => {
    const stop = chat.on('message', () => {
      stop();
      resolve();
    });
  });
  const [first] = chat.conversations();
  if (!first) throw new Error('no conversation');
  chat.agents.join(first.id, { id: 'a1', firstName: 'Julie' });
  for (let index = 1; index < size; index++) chat.agents.send(first.id, 'a1', `Message number ${index}`);
  while (widget.client.messages.value.length < size) await tick();
  return {
    widget,
    send: (text) => void chat.agents.send(first.id, 'a1', text),
    dispose: () => {
      widget.unmount();
      chat.dispose();
    },
  };
}

const host = (): Element | null => document.querySelector('clavard-widget');

/** Mount and show the launcher; returns ms. */
async function mountLauncher(): Promise<number> {
  const chat = createMemoryChatServer({ heartbeatMs: 0 });
  const started = performance.now();
  const widget = mount({ transport: chat.createTransport(), brand: { name: 'Bench' }, storage: false });
  await settle(host, (root) => root.querySelector('.launcher') !== null);
  const elapsed = performance.now() - started;
  widget.unmount();
  chat.dispose();
  return elapsed;
}

/** Open the panel on a history of `size` messages; returns ms. */
async function openWithHistory(size: number): Promise<number> {
  const { widget, dispose } = await conversation(size);
  const started = performance.now();
  widget.open();
  await settle(host, (root) => bubbles(root) >= Math.min(size, 1));
  const elapsed = performance.now() - started;
  dispose();
  return elapsed;
}

/** Append one agent message to an open conversation of `size`; returns ms. */
async function appendTo(size: number): Promise<number> {
  const { widget, send, dispose } = await conversation(size);
  widget.open();
  await settle(host, (root) => bubbles(root) > 0);
  const before = bubbles(host()?.shadowRoot as ShadowRoot);
  const started = performance.now();
  send('The new one');
  await settle(host, (root) => bubbles(root) > before);
  const elapsed = performance.now() - started;
  dispose();
  return elapsed;
}

Object.defineProperty(window, 'clavardBench', { value: { mountLauncher, openWithHistory, appendTo } });
