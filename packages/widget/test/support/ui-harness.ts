import {
  createMemoryChatServer,
  type MemoryChatServer,
  type MemoryChatServerOptions,
} from '@clavard/adapters/memory';
import type { AgentInfo, ClientFrame, Transport, TransportEvents } from '@clavard/protocol';
import { type MountOptions, mount, type WidgetHandle } from '@clavard/widget';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { extrasLoading } from '../../src/ui/Lazy.js';

/** One mounted widget on a memory chat server, for happy-dom component tests (fake timers on). */
export interface Harness {
  server: MemoryChatServer;
  /** The transport between the widget and the server, which the test may intercept. */
  wire: Wire;
  widget: WidgetHandle;
  /** The widget's shadow root. */
  root: ShadowRoot;
  /** The first element matching `selector` in the shadow root, or a thrown error naming it. */
  get<E extends Element = HTMLElement>(selector: string): E;
  /** Every element matching `selector` in the shadow root. */
  all<E extends Element = HTMLElement>(selector: string): E[];
  /** Run (and await) `change` inside `act()`, then let the memory transport and timers deliver (20 ms of fake time). */
  step(change?: () => unknown): Promise<void>;
  /** The visitor sends `text` and an agent joins: returns the conversation id. */
  startConversation(agent?: AgentInfo): Promise<string>;
  dispose(): void;
}

export const julie: AgentInfo = { id: 'a1', firstName: 'Julie' };
export const marc: AgentInfo = { id: 'a2', firstName: 'Marc', title: 'Billing' };

/** Mounts a widget on a new memory server; call `dispose()` in `afterEach`. */
export async function mountWidget(
  options: Partial<MountOptions> = {},
  serverOptions: MemoryChatServerOptions = {},
): Promise<Harness> {
  vi.useFakeTimers();
  const server = createMemoryChatServer({ heartbeatMs: 0, ...serverOptions });
  const wire = createWire(server.createTransport());
  const widget = mount({
    transport: wire,
    brand: { name: 'Fibre Nord' },
    storage: false,
    locale: 'en',
    ...options,
  });
  const host = [...document.querySelectorAll('clavard-widget')].at(-1);
  const root = host?.shadowRoot;
  if (!root) throw new Error('no shadow root');
  const step = async (change?: () => unknown): Promise<void> => {
    await act(async () => {
      await change?.();
      await vi.advanceTimersByTimeAsync(20);
    });
    // A form or the survey asked for the lazily loaded extras: wait for them, as the visitor would.
    const loading = extrasLoading();
    if (loading)
      await act(async () => {
        await loading.catch(() => undefined);
      });
  };
  const harness: Harness = {
    server,
    wire,
    widget,
    root,
    get<E extends Element>(selector: string): E {
      const found = root.querySelector<E>(selector);
      if (!found) throw new Error(`nothing matches ${selector}`);
      return found;
    },
    all: <E extends Element>(selector: string) => [...root.querySelectorAll<E>(selector)],
    step,
    async startConversation(agent = julie) {
      await step(() => widget.send('Hello'));
      const id = widget.client.conversation.value?.id;
      if (id === undefined) throw new Error('no conversation');
      await step(() => server.agents.join(id, agent));
      return id;
    },
    dispose() {
      widget.unmount();
      server.dispose();
      vi.useRealTimers();
    },
  };
  await step();
  return harness;
}

/** Types `text` into the composer as a visitor would (an `input` event). */
export function typeInto(textarea: HTMLTextAreaElement, text: string): void {
  textarea.value = text;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Presses a key on `element`. */
export function press(element: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    composed: true,
    ...init,
  });
  element.dispatchEvent(event);
  return event;
}

/** A transport that forwards to a real one, and lets a test hold back `message.send` and inject frames. */
export interface Wire extends Transport {
  /** While true, `message.send` frames are kept here instead of reaching the server. */
  holdMessages: boolean;
  /** While true, `form.submit` frames are kept here (as if lost on the way) instead of reaching the server. */
  holdForms: boolean;
  readonly held: ClientFrame[];
  /** Deliver a server frame to the client as if the server had sent it. */
  inject(frame: unknown): void;
}

function createWire(inner: Transport): Wire {
  const frameListeners = new Set<(payload: TransportEvents['frame']) => void>();
  inner.on('frame', (payload) => {
    for (const listener of frameListeners) listener(payload);
  });
  const wire: Wire = {
    holdMessages: false,
    holdForms: false,
    held: [],
    get status() {
      return inner.status;
    },
    connect: () => inner.connect(),
    close: () => inner.close(),
    send(frame) {
      if (wire.holdMessages && frame.type === 'message.send') wire.held.push(frame);
      else if (wire.holdForms && frame.type === 'form.submit') wire.held.push(frame);
      else inner.send(frame);
    },
    on(event, listener) {
      if (event !== 'frame') return inner.on(event, listener);
      const typed = listener as (payload: TransportEvents['frame']) => void;
      frameListeners.add(typed);
      return () => {
        frameListeners.delete(typed);
      };
    },
    inject(frame) {
      for (const listener of frameListeners) listener(JSON.stringify(frame));
    },
  };
  return wire;
}
