import { kit } from 'clavard:sse-kit';
import { createWebSocketTransport } from '@clavard/adapters/websocket';
import { ChatError } from '@clavard/protocol';
import { filesBaseOf } from '../files-url.js';
import { mountInto } from '../mount-into.js';
import { createDeferredTransport } from './deferred-transport.js';
import { readPanelConfig } from './embed-panel-config.js';
import { setExtrasLoader } from './extras-source-embed.js';
import type { LoadSse, SseModule, StartPanel } from './kits.js';
import { setTabsLoader } from './tabs-source-embed.js';

/** Loads `clavard-sse.js` through the script-tag file and runs it with the panel's SseKit. */
async function importSse(load: LoadSse): Promise<SseModule> {
  const factory = await load();
  let sse: SseModule | undefined;
  factory(kit, (delivered) => {
    sse = delivered;
  });
  if (!sse) throw new ChatError('unavailable', 'Clavard: the SSE file did not deliver its transport');
  return sse;
}

/**
 * Mounts the whole widget into the script-tag file's host element, over WebSocket or SSE + POST (the SSE
 * transport from `clavard-sse.js`, loaded on the first connect; the multi-tab code from `clavard-tabs.js`,
 * loaded once a second tab appears), with the options `clavard.js` checked and
 * those the panel reads itself (`readPanelConfig`), whose problems it reports first.
 *
 * @example
 * ```ts
 * const handle = startPanel({ host, config, script, endpoint: { kind: 'sse', url: 'https://chat.example/clavard' }, loadExtras, loadSse, loadTabs, report });
 * ```
 */
export const startPanel: StartPanel = ({
  host,
  config,
  script,
  endpoint,
  loadExtras,
  loadSse,
  loadTabs,
  report,
}) => {
  setExtrasLoader(loadExtras);
  setTabsLoader(loadTabs);
  const { options, problems } = readPanelConfig(script, host.ownerDocument.baseURI, config);
  if (problems.length > 0) report(problems);
  const { url } = endpoint;
  const transport =
    endpoint.kind === 'websocket'
      ? createWebSocketTransport({ url })
      : createDeferredTransport(async () => (await importSse(loadSse)).createSseTransport({ url }));
  // Files go to the base of the chat's endpoint: the SSE base itself, or the WebSocket URL's folder.
  return mountInto(host, { ...options, transport, url: undefined, filesUrl: filesBaseOf(url) }, () =>
    host.remove(),
  );
};
