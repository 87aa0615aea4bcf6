import { createTabbedClient } from './tab-client.js';
import type { TabsLoader } from './tab-types.js';

/**
 * Hands over the multi-tab code (./tab-client.ts and the tab-*.ts it uses) when a second tab appears
 * (see solo-first.ts). The npm package bundles it (at once: the heartbeat election, without Web Locks,
 * starts with the client as it always did); the script-tag build replaces this module with
 * src/embed/tabs-source-embed.ts, which loads the pinned `clavard-tabs.js` instead.
 *
 * @example
 * ```ts
 * importTabs((tabs) => tabs.createTabbedClient(options, resolved, createClientCore), report);
 * ```
 */
export const importTabs: TabsLoader = (ready) => ready({ createTabbedClient });
