import { computed, type ReadonlySignal } from '@preact/signals-core';

/**
 * A read-only signal whose `value` is always `read()`'s answer, while what depends on it (effects,
 * computed values, `subscribe`) is told of a change only when the signals that `track` reads change. It
 * lets a value that is costly to hand out (a copy of a long list) be read at any moment, yet be announced
 * once per burst of changes instead of once per change. `read` must return the same object while nothing
 * changed, or `value` would differ between two reads with no change between them.
 *
 * @example
 * ```ts
 * const rows = freshComputed(() => void published.value, () => list.current());
 * rows.value; // the rows now, even before `published` moved
 * ```
 */
export function freshComputed<T>(track: () => void, read: () => T): ReadonlySignal<T> {
  const announced = computed(() => {
    track();
    return read();
  });
  const tracked = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(announced), 'value')?.get;
  // A null prototype: a page that set `Object.prototype.value` would make a plain descriptor invalid.
  Object.defineProperty(announced, 'value', {
    __proto__: null,
    get() {
      // Records the dependency (and keeps the computed's own value), then answers with the current one.
      tracked?.call(this);
      return read();
    },
  } as PropertyDescriptor);
  return announced;
}
