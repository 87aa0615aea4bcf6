import { createSseTransport } from '@clavard/adapters/sse';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { mountInto } from '../mount.js';
import { setExtrasLoader } from './extras-source-embed.js';
import type { StartPanel } from './kits.js';

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
