import { ChatError, type Unsubscribe } from '@clavard/protocol';
import { createEmitter } from '@clavard/protocol/internal';
import type { WidgetHandle } from '../widget-handle.js';
import {
  CLAVARD_COMMANDS,
  CLAVARD_EVENTS,
  type ClavardApi,
  type ClavardCommandName,
  type ClavardEventName,
  type ClavardEvents,
} from './embed-api-types.js';

/**
 * {@link ClavardApi} plus what the script tag's boot code drives: attaching the mounted widget, reporting
 * problems, replaying the queue.
 *
 * @example
 * ```ts
 * const api = createClavardApi();
 * api.replay(stub.q);
 * api.attach(mount(options));
 * ```
 */
export interface EmbedController {
  /** The object published as `window.Clavard`. */
  readonly api: ClavardApi;
  /** The widget is on the page: run the calls that waited for it and forward its events. */
  attach(handle: WidgetHandle): void;
  /** The widget cannot start: calls that waited are dropped, later ones do nothing. */
  fail(): void;
  /** Report one `invalid-option` ChatError through `on('error')`. */
  report(message: string, cause?: unknown): void;
  /** Report one ChatError through `on('error')`. */
  fault(error: ChatError): void;
  /** Run queued calls in order; a call that is not in the allow-list, or has wrong arguments, is reported. */
  replay(calls: readonly unknown[]): string[];
}

type State =
  | { kind: 'waiting'; pending: Array<(handle: WidgetHandle) => void> }
  | { kind: 'mounted'; handle: WidgetHandle; stop: Unsubscribe[] }
  | { kind: 'gone' };

const isEventName = (value: unknown): value is ClavardEventName =>
  typeof value === 'string' && (CLAVARD_EVENTS as readonly string[]).includes(value);
const isCommandName = (value: unknown): value is ClavardCommandName =>
  typeof value === 'string' && (CLAVARD_COMMANDS as readonly string[]).includes(value);

/**
 * What the script-tag file learns from {@link createClavardApi} before the widget is mounted.
 *
 * @example
 * ```ts
 * const hooks: EmbedApiHooks = { demand: () => loader.load(), shutdown: () => host.remove() };
 * ```
 */
export interface EmbedApiHooks {
  /** A call that needs the widget (`open`, `toggle`, `send`) is waiting for it. */
  demand?: () => void;
  /** `shutdown()` was called (before or after the widget was mounted). */
  shutdown?: () => void;
  /** The widget of another script tag on the page, for `get(namespace)`. */
  get?: (namespace: string) => ClavardApi | undefined;
}

/**
 * Makes the `window.Clavard` object and its controller. Nothing is touched until the caller publishes it.
 *
 * @example
 * ```ts
 * const { api, attach } = createClavardApi({ demand: () => loader.load() });
 * ```
 */
export function createClavardApi(hooks: EmbedApiHooks = {}): EmbedController {
  const events = createEmitter<ClavardEvents>();
  let state: State = { kind: 'waiting', pending: [] };

  const report = (message: string, cause?: unknown): void => {
    events.emit('error', new ChatError('invalid-option', message, { retryable: false, cause }));
  };
  /** Runs `action` on the widget now, or once it is mounted; ChatErrors go to `on('error')`. */
  const run = <T>(action: (handle: WidgetHandle) => T): T | undefined => {
    const guarded = (handle: WidgetHandle): T | undefined => {
      try {
        return action(handle);
      } catch (error) {
        if (!ChatError.isInstance(error)) throw error;
        events.emit('error', error);
        return undefined;
      }
    };
    if (state.kind === 'mounted') return guarded(state.handle);
    if (state.kind === 'waiting') state.pending.push(guarded);
    return undefined;
  };
  /** Like `run`, for the calls that need the widget: the script-tag file loads it on demand. */
  const demand = <T>(action: (handle: WidgetHandle) => T): T | undefined => {
    const result = run(action);
    if (state.kind === 'waiting') hooks.demand?.();
    return result;
  };

  const api: ClavardApi = {
    open: (options) => void demand((handle) => handle.open(options)),
    close: () => void run((handle) => handle.close()),
    toggle: () => void demand((handle) => handle.toggle()),
    send: (text) => {
      if (typeof text !== 'string') {
        report('Clavard.send(text): text must be a string');
        return undefined;
      }
      return demand((handle) => handle.send(text));
    },
    on(event, listener) {
      if (!isEventName(event) || typeof listener !== 'function') {
        report(
          `Clavard.on(event, listener): event must be one of ${CLAVARD_EVENTS.join(', ')}, listener a function`,
        );
        return () => undefined;
      }
      return events.on(event, listener);
    },
    identify: (identity) => {
      const input = typeof identity === 'string' ? { token: identity } : identity;
      void run((handle) => handle.identify(input));
    },
    forget: () => void demand((handle) => handle.forget()),
    get unread() {
      return state.kind === 'mounted' ? state.handle.unread : 0;
    },
    get: (namespace) => hooks.get?.(namespace),
    shutdown: () => {
      if (state.kind === 'mounted') {
        for (const stop of state.stop) stop();
        state.handle.shutdown();
        state.handle.unmount();
      }
      const wasGone = state.kind === 'gone';
      state = { kind: 'gone' };
      events.clear();
      if (!wasGone) hooks.shutdown?.();
    },
  };

  return {
    api,
    report,
    fault: (error) => events.emit('error', error),
    attach(handle) {
      if (state.kind !== 'waiting') return;
      const { pending } = state;
      const stop = CLAVARD_EVENTS.map((name) =>
        handle.on(name, (payload) => events.emit(name, payload as ClavardEvents[typeof name])),
      );
      state = { kind: 'mounted', handle, stop };
      for (const action of pending) action(handle);
    },
    fail() {
      if (state.kind === 'waiting') state = { kind: 'gone' };
    },
    replay(calls) {
      const problems: string[] = [];
      calls.forEach((call, index) => {
        const [name, ...args] = Array.isArray(call) ? (call as unknown[]) : [];
        if (!isCommandName(name)) {
          problems.push(
            `queued call #${index + 1} is not a Clavard command (${CLAVARD_COMMANDS.join(', ')})`,
          );
          return;
        }
        // Each command checks its own arguments (a wrong one is reported through `on('error')`).
        (api[name] as (...given: unknown[]) => unknown)(...args);
      });
      return problems;
    },
  };
}
