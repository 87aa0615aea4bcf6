// The script-tag build's ../headless/tabs-source.ts (swapped in by scripts/build-embed.mjs): the
// multi-tab code comes from `clavard-tabs.js`, which the script-tag file loads; the panel runs it with its
// TabsKit.

import { kit } from 'clavard:tabs-kit';
import { ChatError } from '@clavard/protocol';
import type { TabsLoader } from '../headless/tab-types.js';
import type { LoadTabs, TabsModule } from './kits.js';

let load: LoadTabs | undefined;

/**
 * Sets where the tabs code comes from: the script-tag file's loader, given with the panel request.
 *
 * @example
 * ```ts
 * setTabsLoader(request.loadTabs);
 * ```
 */
export function setTabsLoader(loader: LoadTabs): void {
  load = loader;
}

/** Loads `clavard-tabs.js` through the script-tag file and runs it with the panel's TabsKit. */
async function loadTabsFile(): Promise<TabsModule> {
  if (!load) throw new ChatError('unavailable', 'Clavard: no loader for the tabs file');
  const factory = await load();
  let tabs: TabsModule | undefined;
  factory(kit, (delivered) => {
    tabs = delivered;
  });
  if (!tabs) throw new ChatError('unavailable', 'Clavard: the tabs file did not deliver its code');
  return tabs;
}

/**
 * Loads `clavard-tabs.js` (once a second tab appears) and hands over its code, or why it failed.
 *
 * @example
 * ```ts
 * importTabs((tabs) => tabs.createTabbedClient(options, resolved, createClientCore), report);
 * ```
 */
export const importTabs: TabsLoader = (ready, failed) => {
  loadTabsFile().then(ready, failed);
};
