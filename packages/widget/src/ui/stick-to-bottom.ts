import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Keeps a scrolling list at its end while the visitor is there: when a row grows after it was added (a
 * form or the end survey that loads after its notice, an image), when a row comes without a new entry,
 * and when the list itself gets shorter (the visual viewport shrinks under an on-screen keyboard). Once
 * the visitor scrolls up to read, it stays where they are; scrolling back to the end sticks again. It
 * never moves the list while a field inside it has focus (the visitor is filling in a form there).
 *
 * @example
 * ```tsx
 * const list = useRef<HTMLOListElement>(null);
 * useStickToBottom(list);
 * return <ol ref={list}>…</ol>;
 * ```
 */
export function useStickToBottom(list: RefObject<HTMLElement | null>): void {
  const sizes = useRef<ResizeObserver | undefined>(undefined);
  useEffect(() => {
    const element = list.current;
    const Observer = element?.ownerDocument.defaultView?.ResizeObserver;
    if (!element || !Observer) return;
    let atEnd = true;
    let last = 0;
    // Only the visitor scrolls up (growing rows and scroll anchoring move it down): that leaves the end.
    const onScroll = (): void => {
      const top = element.scrollTop;
      if (top < last - 1) atEnd = false;
      if (element.scrollHeight - top - element.clientHeight < 32) atEnd = true;
      last = top;
    };
    const observer = new Observer(() => {
      const active = (element.getRootNode() as ShadowRoot).activeElement;
      if (atEnd && !(active && element.contains(active) && active.matches('input,textarea,select')))
        element.scrollTop = element.scrollHeight;
    });
    sizes.current = observer;
    observer.observe(element);
    for (const row of element.children) observer.observe(row);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [list]);
  // Rows rendered since: watched too (observing a row twice is a no-op). A new row's first size counts.
  useLayoutEffect(() => {
    const element = list.current;
    if (element && sizes.current) for (const row of element.children) sizes.current.observe(row);
  });
}
