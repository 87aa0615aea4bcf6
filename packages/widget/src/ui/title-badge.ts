import { effect, type ReadonlySignal } from '@preact/signals-core';

/**
 * Shows the unread count in `document.title` while the page is hidden — `(2) Fibre Nord` — and puts the
 * page's own title back when the page is visible again or on stop. Opt-in (`titleBadge: true`).
 *
 * @example
 * ```ts
 * const stop = showUnreadInTitle(document, client.unread, model.visible);
 * ```
 */
export function showUnreadInTitle(
  doc: Document,
  unread: ReadonlySignal<number>,
  visible: ReadonlySignal<boolean>,
): () => void {
  let original: string | undefined;
  const restore = (): void => {
    if (original !== undefined) doc.title = original;
    original = undefined;
  };
  const stop = effect(() => {
    const count = unread.value;
    if (visible.value || count === 0) {
      restore();
      return;
    }
    original ??= doc.title;
    doc.title = `(${count}) ${original}`;
  });
  return () => {
    stop();
    restore();
  };
}
