import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { ChatError, type Unsubscribe } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import { effect } from '@preact/signals-core';
import { h, render } from 'preact';
import {
  type ChatClient,
  type ChatEvents,
  createChatClient,
  createLocalStorage,
  createMemoryStorage,
} from './headless/index.js';
import { type MountOptions, type ResolvedMountOptions, resolveMountOptions } from './mount-options.js';
import { App } from './ui/App.js';
import { type AnalyticsEvent, trackAnalytics } from './ui/analytics.js';
import { createChime } from './ui/chime.js';
import { createConsentGate, readConsent } from './ui/consent.js';
import { WIDGET_CSS } from './ui/styles.js';
import { adoptStyles } from './ui/stylesheets.js';
import { themeColors, themeCss } from './ui/theme.js';
import { showUnreadInTitle } from './ui/title-badge.js';
import { followVisualViewport } from './ui/viewport.js';
import { createWidgetModel } from './ui/widget-model.js';
import { createTranslator } from './ui-core/i18n.js';

/**
 * The events of a mounted widget: the chat client's events plus `open` and `close` of the panel.
 *
 * @example
 * ```ts
 * widget.on('open', () => analytics.track('chat-open'));
 * ```
 */
export interface WidgetEvents extends ChatEvents {
  open: undefined;
  close: undefined;
  /** Measures for the organisation's analytics: see {@link AnalyticsEvent}. */
  analytics: AnalyticsEvent;
}

/**
 * Who the visitor is, for {@link WidgetHandle.identify}.
 *
 * @example
 * ```ts
 * const identity: IdentifyInput = { token, userId: 'customer-1042', name: 'Ana Tremblay', email: 'ana@example.com' };
 * ```
 */
export interface IdentifyInput {
  /** The identity token signed by your server. */
  token: string;
  /** Your id for the customer (informative: the server reads it from the token). */
  userId?: string;
  /** Prefills a form field named `name`. */
  name?: string;
  /** Prefills a form field named `email`. */
  email?: string;
}

/**
 * What {@link mount} returns: drive the widget from the page.
 *
 * @example
 * ```ts
 * const widget = mount({ url, brand: { name: 'Fibre Nord' } });
 * document.querySelector('#help')?.addEventListener('click', () => widget.open());
 * ```
 */
export interface WidgetHandle {
  /** Open the panel (focus goes to the composer). */
  open(): void;
  /** Close the panel (focus goes back to the launcher). */
  close(): void;
  /** Open when closed, close when open. */
  toggle(): void;
  /** Send a message as the visitor; returns its clientId. Throws `ChatError` like `client.send`. */
  send(text: string): string;
  /** Listen to an event; returns the function that stops listening. */
  on<K extends keyof WidgetEvents>(event: K, listener: (payload: WidgetEvents[K]) => void): Unsubscribe;
  /**
   * Say who the visitor is: `token` is a short-lived identity token your server signs (the chat server
   * verifies it; without a valid one the visitor stays anonymous). `name` and `email` prefill the forms
   * that ask for them. Memory only: nothing of it is stored. Throws `ChatError('invalid-option')`.
   * @example
   * ```ts
   * widget.identify({ token: await (await fetch('/chat-token')).text(), name: 'Ana', email: 'ana@example.com' });
   * ```
   */
  identify(identity: IdentifyInput): void;
  /**
   * Logout on a shared computer: ends the chat session on the server and wipes everything the widget
   * keeps in this browser, in every tab. The widget stays, empty, for the next visitor.
   * @example
   * ```ts
   * signOut.addEventListener('click', () => widget.shutdown());
   * ```
   */
  shutdown(): void;
  /**
   * Ask the chat server to erase everything it holds about the visitor, then wipe everything local as
   * {@link WidgetHandle.shutdown} does.
   * @example
   * ```ts
   * deleteMyData.addEventListener('click', () => widget.forget());
   * ```
   */
  forget(): void;
  /** Remove the widget from the page, stop every listener and timer, and dispose of the client. */
  unmount(): void;
  /** The headless chat client underneath. */
  readonly client: ChatClient;
}

function pickGreeting(greeting: ResolvedMountOptions['greeting'], locale: string): string | undefined {
  if (greeting === undefined || typeof greeting === 'string') return greeting;
  const language = locale.split('-')[0] ?? locale;
  for (const key of [locale, language]) if (Object.hasOwn(greeting, key)) return greeting[key];
  return undefined;
}

/**
 * Renders the widget into `host`'s shadow root (made when missing). Used by {@link mount} with a host it
 * creates, and by the `<clavard-chat>` element with itself as the host.
 *
 * @example
 * ```ts
 * const handle = mountInto(element, resolveMountOptions(options), () => {});
 * ```
 */
export function mountInto(
  host: HTMLElement,
  config: ResolvedMountOptions,
  onUnmount: () => void,
): WidgetHandle {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  let colors: ReturnType<typeof themeColors>;
  try {
    colors = themeColors(config.brand.color);
  } catch (cause) {
    throw new ChatError('invalid-option', 'mount: option "brand.color" is not a usable colour', { cause });
  }
  let translator: ReturnType<typeof createTranslator>;
  try {
    translator = createTranslator(
      config.messages === undefined
        ? { locale: config.locale }
        : { locale: config.locale, messages: config.messages },
    );
  } catch (cause) {
    if (ChatError.isInstance(cause)) {
      throw new ChatError('invalid-option', `mount: option "messages" ${cause.message}`, { cause });
    }
    throw cause;
  }
  const transport = config.transport ?? createWebSocketTransport({ url: config.url ?? '' });
  // Consent asked: nothing is written and no connection opened until the visitor agrees.
  const consentKey = `clavard:${config.namespace}:consent`;
  const realStorage =
    config.consent === undefined
      ? undefined
      : config.storage === false
        ? createMemoryStorage()
        : (config.storage ?? createLocalStorage(view ?? undefined) ?? createMemoryStorage());
  let consent =
    config.consent && realStorage ? readConsent(realStorage, consentKey, config.consent.version) : undefined;
  const gate = realStorage && consent === undefined ? createConsentGate(realStorage) : undefined;
  const storage = gate ?? realStorage ?? config.storage;
  const client = createChatClient({
    transport,
    namespace: config.namespace,
    locale: translator.locale,
    consent: () => consent,
    ...(storage === undefined ? {} : { storage }),
    ...(view ? { window: view } : {}),
    document: doc,
  });
  const chime = config.sound ? createChime(view) : undefined;
  const agree = (): void => {
    if (!gate || !realStorage || !config.consent) return;
    consent = {
      at: new Date().toISOString(),
      version: config.consent.version,
      ...(config.consent.policyUrl === undefined ? {} : { policyUrl: config.consent.policyUrl }),
    };
    gate.allow();
    try {
      realStorage.set(consentKey, JSON.stringify(consent));
    } catch {
      // storage refused: the consent holds for this page, and is asked again on the next
    }
    model.consentNeeded.value = false;
    client.connect();
  };
  const model = createWidgetModel({
    client,
    translator,
    open: config.open,
    document: doc,
    onAgentMessage: () => {
      if (!model.open.peek() || !model.visible.peek()) chime?.play();
    },
  });

  // The widget's own events; the client's go straight to the client.
  const own = createEmitter<Pick<WidgetEvents, 'open' | 'close' | 'analytics'>>();
  const emitPanel = (name: 'open' | 'close'): void => own.emit(name, undefined);
  const analytics = trackAnalytics(client, (event) => own.emit('analytics', event));

  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const removeStyles = adoptStyles(shadow, [WIDGET_CSS, themeCss(colors)]);
  const container = doc.createElement('div');
  shadow.append(container);
  // Escape anywhere in the widget closes the panel (focus then goes back to the launcher).
  const onKeyDown = (event: Event): void => {
    if ((event as KeyboardEvent).key === 'Escape' && model.open.peek()) {
      event.stopPropagation();
      model.open.value = false;
    }
  };
  shadow.addEventListener('keydown', onKeyDown);

  let stopViewport: (() => void) | undefined;
  let first = true;
  const stopPanelEffect = effect(() => {
    const open = model.open.value;
    stopViewport?.();
    stopViewport = open ? followVisualViewport(host, view) : undefined;
    if (!first) emitPanel(open ? 'open' : 'close');
    first = false;
  });
  const stopTitle = config.titleBadge ? showUnreadInTitle(doc, client.unread, model.visible) : undefined;

  const context = {
    client,
    translator,
    model,
    brand: { name: config.brand.name, logoUrl: config.brand.logoUrl },
    greeting: pickGreeting(config.greeting, translator.locale),
    offer: config.offer,
    consent: config.consent,
    agree,
    rated: analytics.rated,
  };
  if (gate) model.consentNeeded.value = true;
  render(h(App, { context, position: config.position, theme: config.theme }), container);
  if (!gate) client.connect();

  let mounted = true;
  return {
    open() {
      model.open.value = true;
    },
    close() {
      model.open.value = false;
    },
    toggle() {
      model.open.value = !model.open.peek();
    },
    send: (text) => client.send(text),
    identify(identity) {
      const input: unknown = identity;
      const fields = ['token', 'userId', 'name', 'email'] as const;
      const bad =
        typeof input !== 'object' ||
        input === null ||
        fields.some((key) => {
          const value: unknown = Object.hasOwn(input, key) ? Reflect.get(input, key) : undefined;
          return key === 'token'
            ? typeof value !== 'string' || value === ''
            : value !== undefined && typeof value !== 'string';
        });
      if (bad) {
        throw new ChatError(
          'invalid-option',
          'identify({ token, userId?, name?, email? }): token is required, all are texts',
          {
            retryable: false,
          },
        );
      }
      client.identify(identity.token);
      model.prefill.value = {
        ...(identity.name === undefined ? {} : { name: identity.name }),
        ...(identity.email === undefined ? {} : { email: identity.email }),
      };
    },
    shutdown() {
      model.prefill.value = {};
      client.shutdown();
    },
    forget() {
      model.prefill.value = {};
      client.forget();
    },
    on(event, listener) {
      // One map, two emitters: TypeScript cannot narrow `K` with `event`, hence the casts.
      if (event === 'analytics' || event === 'open' || event === 'close')
        return own.on(event, listener as never);
      return client.on(event as keyof ChatEvents, listener as never);
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      shadow.removeEventListener('keydown', onKeyDown);
      render(null, container);
      container.remove();
      removeStyles();
      stopPanelEffect();
      analytics.stop();
      stopViewport?.();
      stopTitle?.();
      model.dispose();
      chime?.dispose();
      client.dispose();
      own.clear();
      onUnmount();
    },
    client,
  };
}

/**
 * Puts the chat widget on the page: a launcher button, and the panel when opened, inside a shadow root
 * appended to `target`. Validates every option (a wrong one throws `ChatError('invalid-option')` naming
 * it) and connects at once. Two mounts with different namespaces share nothing.
 *
 * @example
 * ```ts
 * import { mount } from '@clavard/widget';
 * const widget = mount({
 *   url: 'wss://chat.example/ws',
 *   brand: { name: 'Fibre Nord', color: '#0055aa' },
 *   locale: 'fr-CA',
 *   greeting: { en: 'Hi! Questions about your plan?', 'fr-CA': 'Bonjour! Une question sur votre forfait?' },
 * });
 * widget.on('message', (message) => console.log(message.author.role));
 * ```
 */
export function mount(options: MountOptions): WidgetHandle {
  const config = resolveMountOptions(options);
  const target = config.target ?? (typeof document === 'undefined' ? undefined : document.body);
  if (!target) throw new ChatError('invalid-option', 'mount: option "target" is required outside a browser');
  const host = target.ownerDocument.createElement('clavard-widget');
  host.setAttribute('data-namespace', config.namespace);
  target.append(host);
  try {
    return mountInto(host, config, () => host.remove());
  } catch (error) {
    host.remove();
    throw error;
  }
}
