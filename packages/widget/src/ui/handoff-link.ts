// The handoff link the page came through (`?clavard=h_…`: a community manager made it from a public
// post): the widget opens on it, asks the client to continue that case, and takes the token out of the
// address bar once the server answered, so that a bookmark or a shared address does not carry it.
import { effect } from '@preact/signals-core';
import type { ChatClient } from '../headless/index.js';

/**
 * The handoff token in the page's address, if there is one.
 *
 * @example
 * ```ts
 * handoffToken(window); // 'h_MTIz…' on https://shop.example/?clavard=h_MTIz…
 * ```
 */
export function handoffToken(view: Window | null | undefined): string | undefined {
  const token = view && new URL(view.location.href).searchParams.get('clavard');
  return token?.startsWith('h_') ? token : undefined;
}

/**
 * Once `client` has the server's answer, the `clavard` parameter leaves the address (the page's history
 * entry is replaced, nothing reloads), and an outcome other than the conversation itself is announced.
 * Returns what stops watching.
 *
 * @example
 * ```ts
 * cleanup.add(followHandoff(window, client, (status) => model.announce(t(`handoff.${status}`))));
 * ```
 */
export function followHandoff(
  view: Window,
  client: ChatClient,
  announce: (status: 'used' | 'expired' | 'invalid') => void,
): () => void {
  return effect(() => {
    const status = client.handoff.value;
    if (status === undefined) return;
    const url = new URL(view.location.href);
    if (url.searchParams.has('clavard')) {
      url.searchParams.delete('clavard');
      view.history.replaceState(view.history.state, '', url.href);
    }
    if (status !== 'opened' && status !== 'resumed') announce(status);
  });
}
