import { ChatError, MAX_TEXT_LENGTH, type Unsubscribe } from '@clavard/protocol';
import type { Emitter } from '@clavard/protocol/internal';
import type { ChatClient, ChatEvents } from './headless/index.js';
import type { AnalyticsEvent } from './ui/analytics.js';
import type { ProactiveEvent } from './ui/proactive.js';
import type { WidgetModel } from './ui/widget-model.js';

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
  /** The number of agent and bot messages the visitor has not seen changed (0 once they are shown). */
  unread: number;
  /** A proactive message (the `proactive` option) was shown by the launcher. */
  'proactive.shown': ProactiveEvent;
  /** The visitor clicked a proactive message: the panel opened. */
  'proactive.clicked': ProactiveEvent;
}

/**
 * Options of {@link WidgetHandle.open}.
 *
 * @example
 * ```ts
 * widget.open({ message: 'About my order #1042: ' } satisfies OpenOptions);
 * ```
 */
export interface OpenOptions {
  /** Text to put in the composer as a draft, for the visitor to finish and send (it is not sent). */
  message?: string;
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
  /**
   * Open the panel (focus goes to the composer). With `message`, the composer holds that text as a draft,
   * not sent. Throws `ChatError('invalid-option')` for a message that is not a text or is too long.
   * @example
   * ```ts
   * helpLink.addEventListener('click', () => widget.open({ message: 'About my invoice: ' }));
   * ```
   */
  open(options?: OpenOptions): void;
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
  /**
   * How many agent and bot messages the visitor has not seen (shared by the tabs); the `unread` event
   * says when it changes.
   * @example
   * ```ts
   * widget.on('unread', (count) => { badge.textContent = count > 0 ? String(count) : ''; });
   * ```
   */
  readonly unread: number;
}

/**
 * The names of the widget's own events, beside the client's.
 *
 * @example
 * ```ts
 * const own = createEmitter<Pick<WidgetEvents, OwnEventName>>();
 * ```
 */
export type OwnEventName = (typeof OWN_EVENTS)[number];
const OWN_EVENTS = ['open', 'close', 'analytics', 'unread', 'proactive.shown', 'proactive.clicked'] as const;
type OwnEvents = Pick<WidgetEvents, OwnEventName>;

/** The draft of `open(options)`: undefined for none; throws unless `options` is an {@link OpenOptions}. */
function draftOf(options: unknown): string | undefined {
  const message: unknown =
    typeof options === 'object' && options !== null && Object.hasOwn(options, 'message')
      ? Reflect.get(options, 'message')
      : undefined;
  if (
    (options !== undefined && (typeof options !== 'object' || options === null)) ||
    (message !== undefined && (typeof message !== 'string' || message.length > MAX_TEXT_LENGTH))
  ) {
    throw new ChatError(
      'invalid-option',
      `open({ message? }): message must be a text of at most ${MAX_TEXT_LENGTH} characters`,
      {
        retryable: false,
      },
    );
  }
  return message;
}

/** Throws unless `input` is an {@link IdentifyInput} (the page may pass anything). */
function checkIdentity(input: unknown): asserts input is IdentifyInput {
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
}

/**
 * The {@link WidgetHandle} of a mounted widget: its commands drive `model` and `client`; `on` listens to
 * the widget's own events (`open`, `close`, `analytics`) on `events` and to the others on the client.
 *
 * @example
 * ```ts
 * return createWidgetHandle(client, model, events, () => cleanup.run());
 * ```
 */
export function createWidgetHandle(
  client: ChatClient,
  model: WidgetModel,
  events: Emitter<OwnEvents>,
  unmount: () => void,
): WidgetHandle {
  return {
    open(options) {
      const draft = draftOf(options);
      if (draft !== undefined) model.draft.value = draft;
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
      checkIdentity(identity);
      client.identify(identity.token);
      model.prefill.value = {
        ...(identity.name === undefined ? {} : { name: identity.name }),
        ...(identity.email === undefined ? {} : { email: identity.email }),
      };
    },
    shutdown() {
      model.prefill.value = {};
      model.draft.value = '';
      client.shutdown();
    },
    forget() {
      model.prefill.value = {};
      model.draft.value = '';
      client.forget();
    },
    on(event, listener) {
      // One map, two emitters: TypeScript cannot narrow `K` with `event`, hence the casts.
      if ((OWN_EVENTS as readonly string[]).includes(event))
        return events.on(event as OwnEventName, listener as never);
      return client.on(event as keyof ChatEvents, listener as never);
    },
    unmount,
    client,
    get unread() {
      return client.unread.peek();
    },
  };
}
