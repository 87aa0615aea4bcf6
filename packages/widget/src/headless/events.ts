import type { Unsubscribe } from '@clavard/protocol';
import mitt, { type Handler } from 'mitt';

/**
 * A typed event emitter whose `emit` calls every listener even when one throws. A listener's error is
 * handed to `report` (by default re-thrown in a microtask, as `EventTarget` does), never swallowed.
 *
 * @example
 * ```ts
 * const emitter = createEmitter<{ ping: number }>();
 * const off = emitter.on('ping', (n) => console.log(n));
 * emitter.emit('ping', 1);
 * off();
 * ```
 */
export interface Emitter<Events extends Record<string, unknown>> {
  /** Listen to `name`; returns the function that stops listening (calling it twice is harmless). */
  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): Unsubscribe;
  /** Call every listener of `name` with `payload`, in the order they were added. */
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
  /** Remove every listener. */
  clear(): void;
}

/** Options of {@link createEmitter}. */
export interface EmitterOptions {
  /**
   * Receives what a listener threw. @default re-throw in a microtask (reported like an uncaught error,
   * without stopping the other listeners)
   *
   * @example
   * ```ts
   * createEmitter({ report: (error) => myLogger.warn(error) });
   * ```
   */
  report?: (error: unknown) => void;
}

const rethrowLater = (error: unknown): void => {
  queueMicrotask(() => {
    throw error;
  });
};

/**
 * Create an {@link Emitter}: mitt underneath, with an `emit` that isolates listeners from each other.
 *
 * @example
 * ```ts
 * const emitter = createEmitter<ChatEvents>();
 * emitter.emit('status', 'online');
 * ```
 */
export function createEmitter<Events extends Record<string, unknown>>(
  options: EmitterOptions = {},
): Emitter<Events> {
  const report = options.report ?? rethrowLater;
  const bus = mitt<Events>();
  return {
    on(name, listener) {
      // Wrap so the same function added twice gets two independent unsubscribes.
      const wrapped = (payload: Events[typeof name]): void => listener(payload);
      bus.on(name, wrapped);
      return () => bus.off(name, wrapped);
    },
    emit(name, payload) {
      const listeners = bus.all.get(name);
      if (!listeners) return;
      // Copy first: a listener may unsubscribe itself or others while we iterate.
      for (const listener of [...listeners] as Handler<typeof payload>[]) {
        try {
          listener(payload);
        } catch (error) {
          report(error);
        }
      }
    },
    clear() {
      bus.all.clear();
    },
  };
}
