import { createSseTransport } from '@clavard/adapters/sse';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { mountInto } from '../mount.js';
import { setExtrasLoader } from './extras-source-embed.js';
import { PANEL_HOOK, type StartPanel } from './panel-hook.js';

/**
 * Mounts the whole widget into the script-tag file's host element, over WebSocket or SSE + POST.
 *
 * @example
 * ```ts
 * const handle = startPanel({ host, config, endpoint: { kind: 'sse', url: 'https://chat.example/clavard' }, loadExtras });
 * ```
 */
export const startPanel: StartPanel = ({ host, config, endpoint, loadExtras }) => {
  setExtrasLoader(loadExtras);
  const transport =
    endpoint.kind === 'websocket'
      ? createWebSocketTransport({ url: endpoint.url })
      : createSseTransport({ url: endpoint.url });
  return mountInto(host, { ...config, transport, url: undefined }, () => host.remove());
};

/**
 * What the panel file does when it loads: hand {@link startPanel} to the script-tag file through the
 * {@link PANEL_HOOK} of `window.Clavard`. Without that hook (the panel file loaded on its own, or after
 * `shutdown()`) it does nothing: it defines no global and touches nothing.
 *
 * @example
 * ```ts
 * registerPanel(window);
 * ```
 */
export function registerPanel(view: Window): void {
  const api: unknown = Object.hasOwn(view, 'Clavard') ? Reflect.get(view, 'Clavard') : undefined;
  if (typeof api !== 'object' || api === null || !Object.hasOwn(api, PANEL_HOOK)) return;
  const hook: unknown = Reflect.get(api, PANEL_HOOK);
  if (typeof hook === 'function') Reflect.apply(hook, api, [startPanel]);
}
