import type { Unsubscribe } from '../transport.js';

/**
 * The project's one typed event emitter (transports, the headless client, the widget, the examples).
 *
 * `Events` is a closed map: an event it does not declare is a type error, so declare event maps as
 * plain interfaces, never as `Record<string, …>`.
 *
 * The rules, the same as the DOM's `EventTarget`:
 * - listeners run in the order they were added; the same function added twice runs twice, and each
 *   `on()` returns its own unsubscribe (safe to call twice);
 * - a listener removed during an emit, before its turn, is not called by that emit;
 * - a listener added during an emit is first called by the next emit;
 * - a listener that throws does not stop the others: its error goes to
 *   {@link EmitterOptions.onListenerError}.
 *
 * @example
 * ```ts
 * const events = createEmitter<{ status: 'open' | 'closed' }>();
 * const off = events.on('status', (status) => console.log(status));
 * events.emit('status', 'open');
 * off();
 * ```
 */
export interface Emitter<Events extends object> {
  /**
   * Listen to `event`; returns the function that stops listening.
   * @example
   * ```ts
   * const off = events.on('status', show);
   * ```
   */
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): Unsubscribe;
  /**
   * Call every listener of `event` with `payload`, in the order they were added.
   * @example
   * ```ts
   * events.emit('status', 'open');
   * ```
   */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
  /**
   * Remove every listener of every event (those not yet called by a running emit are skipped).
   * @example
   * ```ts
   * events.clear();
   * ```
   */
  clear(): void;
}

/**
 * Options of {@link createEmitter}.
 *
 * @example
 * ```ts
 * const events = createEmitter<MyEvents>({ onListenerError: (error) => caught.push(error) });
 * ```
 */
export interface EmitterOptions {
  /**
   * Where an error thrown by a listener goes; the other listeners run anyway.
   * @default re-thrown on a microtask, as `EventTarget` does, so the page's or the process's error
   * handler sees it
   * @example
   * ```ts
   * createEmitter({ onListenerError: (error, event) => log.warn(event, error) });
   * ```
   */
  onListenerError?: (error: unknown, event: PropertyKey) => void;
}

const rethrowLater = (error: unknown): void => {
  queueMicrotask(() => {
    throw error;
  });
};

type Listener = (payload: never) => void;

/**
 * Make an {@link Emitter}.
 *
 * @example
 * ```ts
 * const events = createEmitter<{ frame: string }>();
 * events.on('frame', (text) => handle(text));
 * events.emit('frame', '{}');
 * ```
 */
export function createEmitter<Events extends object>(options: EmitterOptions = {}): Emitter<Events> {
  const report = options.onListenerError ?? rethrowLater;
  const buckets = new Map<keyof Events, Set<Listener>>();
  return {
    on(event, listener) {
      const bucket = buckets.get(event) ?? new Set();
      buckets.set(event, bucket);
      // A fresh wrapper per call: the same function added twice is two subscriptions.
      const entry: Listener = (payload) => listener(payload);
      bucket.add(entry);
      return () => void bucket.delete(entry);
    },
    emit(event, payload) {
      const bucket = buckets.get(event);
      if (!bucket) return;
      // The listeners present when the emit starts, each skipped if removed before its turn.
      for (const listener of [...bucket]) {
        if (!bucket.has(listener)) continue;
        try {
          (listener as (value: typeof payload) => void)(payload);
        } catch (error) {
          report(error, event);
        }
      }
    },
    clear() {
      for (const bucket of buckets.values()) bucket.clear();
    },
  };
}
