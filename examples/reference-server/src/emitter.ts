import type { Unsubscribe } from '@clavard/protocol';

/**
 * A small typed event emitter: `on()` returns an unsubscribe function; a listener that throws does not
 * stop the others (its error is re-thrown on a microtask, where the process's handlers see it).
 *
 * @example
 * ```ts
 * const events = createEmitter<{ error: ChatError }>();
 * const off = events.on('error', (error) => log(error.code));
 * ```
 */
export interface Emitter<Events extends object> {
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): Unsubscribe;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}

/**
 * Make an {@link Emitter}.
 *
 * @example
 * ```ts
 * const events = createEmitter<ReferenceServerEvents>();
 * ```
 */
export function createEmitter<Events extends object>(): Emitter<Events> {
  const buckets = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      const bucket = buckets.get(event) ?? new Set();
      buckets.set(event, bucket);
      const entry = (payload: Events[typeof event]) => listener(payload);
      bucket.add(entry);
      return () => void bucket.delete(entry);
    },
    emit(event, payload) {
      for (const listener of [...(buckets.get(event) ?? [])]) {
        try {
          (listener as (value: typeof payload) => void)(payload);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
  };
}
