import { createSseTransport } from '@clavard/adapters/sse';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { mountInto } from '../mount-into.js';
import { readPanelConfig } from './embed-panel-config.js';
import { setExtrasLoader } from './extras-source-embed.js';
import type { StartPanel } from './kits.js';

/**
 * Mounts the whole widget into the script-tag file's host element, over WebSocket or SSE + POST, with
 * the options `clavard.js` checked and those the panel reads itself (`readPanelConfig`), whose problems it
 * reports first.
 *
 * @example
 * ```ts
 * const handle = startPanel({ host, config, script, endpoint: { kind: 'sse', url: 'https://chat.example/clavard' }, loadExtras, report });
 * ```
 */
export const startPanel: StartPanel = ({ host, config, script, endpoint, loadExtras, report }) => {
  setExtrasLoader(loadExtras);
  const { options, problems } = readPanelConfig(script, host.ownerDocument.baseURI, config);
  if (problems.length > 0) report(problems);
  const transport =
    endpoint.kind === 'websocket'
      ? createWebSocketTransport({ url: endpoint.url })
      : createSseTransport({ url: endpoint.url });
  return mountInto(host, { ...options, transport, url: undefined }, () => host.remove());
};
