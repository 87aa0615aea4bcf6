import type { Unsubscribe } from '@clavard/protocol';

/**
 * The one typed event emitter of `@clavard/adapters`, shared by every transport here (websocket, sse,
 * long-poll, memory, testing): use it instead of a copy or a dependency. `on()` returns an unsubscribe
 * function (safe to call twice); a listener may unsubscribe itself or others while an event is emitted;
 * a listener that throws does not stop the others (see {@link EmitterOptions.onListenerError}).
 *
 * @example
 * ```ts
 * const events = createEmitter<TransportEvents>();
 * const off = events.on('status', (status) => console.log(status));
 * events.emit('status', 'open');
 * off();
 * ```
 */
export interface Emitter<Events extends object> {
  /** Listen to `event`; returns the function that stops listening. */
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): Unsubscribe;
  /** Call every listener of `event` with `payload`, in subscription order. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
  /** Remove every listener of every event. */
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
   * @default re-thrown on a microtask, like `EventTarget` does, so the host's global error handler sees it
   */
  onListenerError?: (error: unknown, event: PropertyKey) => void;
}

const rethrowLater = (error: unknown): void => {
  queueMicrotask(() => {
    throw error;
  });
};

type Buckets<Events> = { [K in keyof Events]?: Set<(payload: Events[K]) => void> };

/**
 * Make an {@link Emitter}.
 *
 * @example
 * ```ts
 * const events = createEmitter<{ frame: string }>();
 * events.on('frame', (text) => handle(text));
 * ```
 */
export function createEmitter<Events extends object>(options: EmitterOptions = {}): Emitter<Events> {
  const report = options.onListenerError ?? rethrowLater;
  let buckets: Buckets<Events> = {};
  return {
    on(event, listener) {
      const bucket = buckets[event] ?? new Set();
      buckets[event] = bucket;
      // A fresh wrapper per call: the same function subscribed twice is two subscriptions.
      const entry = (payload: Parameters<typeof listener>[0]) => listener(payload);
      bucket.add(entry);
      return () => {
        bucket.delete(entry);
      };
    },
    emit(event, payload) {
      const bucket = buckets[event];
      if (!bucket) return;
      for (const listener of [...bucket]) {
        if (!bucket.has(listener)) continue;
        try {
          listener(payload);
        } catch (error) {
          report(error, event);
        }
      }
    },
    clear() {
      buckets = {};
    },
  };
}
