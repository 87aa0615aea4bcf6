import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

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
  useEffect(() => {
    const element = list.current;
    const view = element?.ownerDocument.defaultView;
    if (!element || !view?.ResizeObserver || !view.MutationObserver) return;
    let atEnd = true;
    let last = 0;
    // Only the visitor scrolls up (growing rows and scroll anchoring move it down): that leaves the end.
    const onScroll = (): void => {
      const top = element.scrollTop;
      if (top < last - 1) atEnd = false;
      if (element.scrollHeight - top - element.clientHeight < 32) atEnd = true;
      last = top;
    };
    const observer = new view.ResizeObserver(() => {
      const active = (element.getRootNode() as ShadowRoot).activeElement;
      if (atEnd && !(active && element.contains(active) && active.matches('input,textarea,select')))
        element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    for (const row of element.children) observer.observe(row);
    // Rows added later are watched as they come (their first size counts), not by walking every row on
    // every render: a long conversation has thousands.
    const rows = new view.MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node instanceof view.Element) observer.observe(node);
    });
    rows.observe(element, { childList: true });
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      element.removeEventListener('scroll', onScroll);
      rows.disconnect();
      observer.disconnect();
    };
  }, [list]);
}
