import type { Unsubscribe } from '@clavard/protocol';
import type { IdentifyInput, OpenOptions, WidgetEvents } from '../widget-handle.js';

/**
 * The events a page can listen to through `window.Clavard.on()`: the panel's `open` and `close`, and the
 * chat client's events. A fixed list: an unknown name is refused with an `invalid-option` error.
 *
 * @example
 * ```ts
 * CLAVARD_EVENTS.includes('message'); // true
 * ```
 */
export const CLAVARD_EVENTS = [
  'open',
  'close',
  'message',
  'agent.joined',
  'agent.left',
  'agent.transferred',
  'form.request',
  'conversation.ended',
  'discontinuity',
  'status',
  'error',
  'shutdown',
  'analytics',
  'unread',
  'proactive.shown',
  'proactive.clicked',
] as const;

/**
 * One of {@link CLAVARD_EVENTS}.
 *
 * @example
 * ```ts
 * const name: ClavardEventName = 'agent.joined';
 * ```
 */
export type ClavardEventName = (typeof CLAVARD_EVENTS)[number];

/**
 * The payload of each event of {@link ClavardEventName}, as `mount()`'s handle gives it.
 *
 * @example
 * ```ts
 * const onMessage = (message: ClavardEvents['message']) => console.log(message.author.role);
 * ```
 */
export type ClavardEvents = { [K in ClavardEventName]: WidgetEvents[K] };

/**
 * The one global the script tag defines, `window.Clavard`: the widget of the page's first script tag.
 * Several tags with different `data-namespace` show several widgets; each is `window.Clavard.get(namespace)`
 * (the first one included), with the same methods. Every method is safe to call at any time:
 * before the widget is on the page the call waits, after `shutdown()` it does nothing, and a failure is
 * reported through `on('error')` as a `ChatError`, never thrown and never logged.
 *
 * @example
 * ```ts
 * window.Clavard?.on('agent.joined', ({ agent }) => analytics.track('agent', agent.firstName));
 * window.Clavard?.open();
 * ```
 */
export interface ClavardApi {
  /**
   * Open the panel (focus goes to the composer); with `message`, the composer holds it as a draft (not
   * sent). A message that is not a text is reported as `invalid-option` through `on('error')`.
   * @example
   * ```ts
   * window.Clavard?.open({ message: 'About my order #1042: ' });
   * ```
   */
  open(options?: OpenOptions): void;
  /** Close the panel (focus goes back to the launcher). */
  close(): void;
  /** Open when closed, close when open. */
  toggle(): void;
  /**
   * Send a message as the visitor. Returns its clientId, or `undefined` while the widget is not mounted
   * yet (the message is sent once it is) or when it was refused (the reason goes to `on('error')`).
   */
  send(text: string): string | undefined;
  /** Listen to an event; returns the function that stops listening. */
  on<K extends ClavardEventName>(event: K, listener: (payload: ClavardEvents[K]) => void): Unsubscribe;
  /**
   * Say who the visitor is with a short-lived identity token signed by your server (the token alone, or
   * `{ token, userId?, name?, email? }`; name and email prefill forms). Memory only.
   */
  identify(identity: string | IdentifyInput): void;
  /**
   * Logout on a shared computer: end the chat session on the server, wipe everything the widget keeps
   * in this browser (every tab), and remove the widget from the page.
   */
  shutdown(): void;
  /** Ask the chat server to erase everything it holds about the visitor, and wipe everything local. */
  forget(): void;
  /**
   * How many agent messages the visitor has not seen: 0 until the panel file is loaded (at the first open,
   * or at once when a conversation is in progress); the `unread` event says when it changes.
   * @example
   * ```ts
   * window.Clavard?.on('unread', (count) => { navBadge.hidden = count === 0; navBadge.textContent = String(count); });
   * ```
   */
  readonly unread: number;
  /**
   * The widget of the script tag with `data-namespace` = `namespace` (`'default'` for a tag without one),
   * or undefined when the page has none.
   * @example
   * ```ts
   * window.Clavard?.get('billing')?.open();
   * ```
   */
  get(namespace: string): ClavardApi | undefined;
}

/**
 * The commands the queue snippet may hold, with their arguments: a typed allow-list, nothing else is
 * run. Each queued call is an array `[command, ...args]`.
 *
 * @example
 * ```ts
 * const call: ClavardQueuedCall = ['send', 'Hello'];
 * ```
 */
export interface ClavardCommands {
  open: [options?: OpenOptions];
  close: [];
  toggle: [];
  send: [text: string];
  on: [event: ClavardEventName, listener: (payload: never) => void];
  identify: [identity: string | IdentifyInput];
  shutdown: [];
  forget: [];
}

/**
 * The names of {@link ClavardCommands}.
 *
 * @example
 * ```ts
 * const name: ClavardCommandName = 'open';
 * ```
 */
export type ClavardCommandName = keyof ClavardCommands;

/**
 * The allow-list of commands, at run time.
 *
 * @example
 * ```ts
 * CLAVARD_COMMANDS.includes('shutdown'); // true
 * ```
 */
export const CLAVARD_COMMANDS = [
  'open',
  'close',
  'toggle',
  'send',
  'on',
  'identify',
  'shutdown',
  'forget',
] as const satisfies readonly ClavardCommandName[];

/**
 * One call recorded by the snippet before the script loaded.
 *
 * @example
 * ```ts
 * const calls: ClavardQueuedCall[] = [['on', 'error', report], ['open']];
 * ```
 */
export type ClavardQueuedCall = { [K in ClavardCommandName]: [K, ...ClavardCommands[K]] }[ClavardCommandName];

/**
 * What the snippet puts in `window.Clavard` before the script loads: the same methods, which record
 * their calls in `q`. The script replays `q` in order, then replaces the stub with {@link ClavardApi}.
 *
 * @example
 * ```ts
 * window.Clavard = window.Clavard || { q: [], open() { this.q.push(['open']); } };
 * ```
 */
export interface ClavardStub {
  q: unknown[];
}
