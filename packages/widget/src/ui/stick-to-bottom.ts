import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Within this many pixels of the end, the list counts as read to the end. */
const SLACK = 32;

/** A text field inside `list` has focus: the visitor is filling in a form there. */
function typingIn(list: HTMLElement): boolean {
  const root = list.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  return active !== null && list.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
}

/**
 * Keeps a scrolling list at its end while the visitor is there: when a row grows after it was added (a
 * form or the end survey that loads after its notice, an image), when rows are added without a new entry,
 * and when the list itself gets shorter (the visual viewport shrinks under an on-screen keyboard). Once
 * the visitor scrolls up to read, it stays where they are; scrolling back to the end sticks again. It
 * never moves the list while a text field inside it has focus.
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
    if (!element || !view) return;
    let atEnd = true;
    const onScroll = (): void => {
      atEnd = element.scrollHeight - element.scrollTop - element.clientHeight <= SLACK;
    };
    const stick = (): void => {
      if (atEnd && !typingIn(element)) element.scrollTop = element.scrollHeight;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    // The list's own size (the panel follows the visual viewport) and its rows' (a form loads, grows).
    const sizes = view.ResizeObserver ? new view.ResizeObserver(stick) : undefined;
    const watch = (): void => {
      sizes?.observe(element);
      for (const row of element.children) sizes?.observe(row);
    };
    const mutations = view.MutationObserver
      ? new view.MutationObserver(() => {
          watch();
          stick();
        })
      : undefined;
    mutations?.observe(element, { childList: true, subtree: true });
    watch();
    return () => {
      element.removeEventListener('scroll', onScroll);
      mutations?.disconnect();
      sizes?.disconnect();
    };
  }, [list]);
}
