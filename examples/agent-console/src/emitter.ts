import type { Unsubscribe } from '@clavard/protocol';

/**
 * A small typed event emitter: `on()` returns an unsubscribe function; a listener that throws does not
 * stop the others (its error goes to `report`).
 *
 * @example
 * ```ts
 * const events = createEmitter<{ status: string }>((error) => log(error));
 * const off = events.on('status', (status) => show(status));
 * ```
 */
export interface Emitter<Events extends object> {
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): Unsubscribe;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}

/**
 * Makes an {@link Emitter}; `report` receives what a listener threw.
 *
 * @example
 * ```ts
 * const events = createEmitter<AgentLinkEvents>((error) => events.emit('error', toChatError(error)));
 * ```
 */
export function createEmitter<Events extends object>(report: (thrown: unknown) => void): Emitter<Events> {
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
        } catch (thrown) {
          report(thrown);
        }
      }
    },
  };
}
