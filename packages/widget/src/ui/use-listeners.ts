import type { Ref, RefCallback } from 'preact';
import { useCallback, useRef } from 'preact/hooks';

/** Handlers by DOM event type; each also gets the element it listens on. */
export type Listeners<E extends HTMLElement> = {
  [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K], element: E) => void;
};

type AnyHandler = (event: Event, element: HTMLElement) => void;

/**
 * Native event listeners on one element, instead of Preact's `on*` props: Preact keeps its event proxies
 * in a plain object keyed by prop name, so a host page that sets `Object.prototype.onClick` would have its
 * value used as our listener (or crash `addEventListener`). The handlers may change on every render (the
 * latest are called); the event types are fixed when the element mounts. `forward` also receives the
 * element (a parent's ref).
 *
 * @example
 * ```tsx
 * const ref = useListeners<HTMLButtonElement>({ click: () => onClose() });
 * return <button ref={ref} type="button">Close</button>;
 * ```
 */
export function useListeners<E extends HTMLElement>(
  listeners: Listeners<E>,
  forward?: Ref<E>,
): RefCallback<E> {
  const latest = useRef(listeners);
  latest.current = listeners;
  return useCallback(
    (element: E | null) => {
      if (!element) return;
      const types = Object.keys(latest.current);
      const dispatch = (event: Event): void => {
        const handlers: object = latest.current;
        const type = event.type;
        if (!Object.hasOwn(handlers, type)) return;
        const handler: unknown = Reflect.get(handlers, type);
        if (typeof handler === 'function') (handler as AnyHandler)(event, element);
      };
      for (const type of types) element.addEventListener(type, dispatch);
      if (typeof forward === 'function') forward(element);
      else if (forward) forward.current = element;
      return () => {
        for (const type of types) element.removeEventListener(type, dispatch);
        if (typeof forward === 'function') forward(null);
        else if (forward) forward.current = null;
      };
    },
    [forward],
  );
}
