import type { Unsubscribe } from '@clavard/protocol';
import { parseTabMessage, type TabMessage, type TabMessageBody } from './tab-messages.js';
import type { BroadcastChannelConstructor } from './tab-types.js';

/** The typed channel between the tabs of one namespace. */
export interface TabChannel {
  /** This tab's id (random, for this page's life). */
  readonly tabId: string;
  /** Post to every other tab of the namespace. */
  post(body: TabMessageBody): void;
  /** Listen to valid messages from other tabs; anything that does not parse is ignored. */
  on(listener: (message: TabMessage) => void): Unsubscribe;
  close(): void;
}

/** Options of {@link createTabChannel}. */
export interface TabChannelOptions {
  namespace: string;
  tabId: string;
  BroadcastChannel: BroadcastChannelConstructor;
  /** A listener threw: reported, and the other listeners still run. */
  onListenerError: (error: unknown) => void;
}

/**
 * Open the channel `clavard:<namespace>` (same origin only, by the browser's rules). Messages carry the
 * namespace and the sender's tab id, and are validated on receipt.
 *
 * @example
 * ```ts
 * const channel = createTabChannel({ namespace: 'default', tabId, BroadcastChannel, onListenerError });
 * channel.post({ type: 'sync' });
 * ```
 */
export function createTabChannel(options: TabChannelOptions): TabChannel {
  const { namespace, tabId } = options;
  const channel = new options.BroadcastChannel(`clavard:${namespace}`);
  const listeners = new Set<(message: TabMessage) => void>();
  let closed = false;
  const receive = (event: { readonly data: unknown }): void => {
    const message = parseTabMessage(event.data, namespace);
    if (!message || message.from === tabId) return;
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        options.onListenerError(error);
      }
    }
  };
  channel.addEventListener('message', receive);
  return {
    tabId,
    post(body) {
      if (closed) return;
      const message: TabMessage = { ...body, ns: namespace, from: tabId };
      channel.postMessage(message);
    },
    on(listener) {
      const own = (message: TabMessage): void => listener(message);
      listeners.add(own);
      return () => listeners.delete(own);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      channel.removeEventListener('message', receive);
      channel.close();
    },
  };
}
