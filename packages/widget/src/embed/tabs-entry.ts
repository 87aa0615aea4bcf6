// The tabs file (`dist/embed/clavard-tabs.js`): the multi-tab code (election, leader, mirror, remote,
// channel), loaded only once a second tab of the site appears (see headless/solo-first.ts).
// scripts/build-embed.mjs wraps this bundle in a TabsFactory (see TABS_HOOK in kits.ts), which declares
// `__clavard_deliver__` and resolves the modules it shares with the client to the panel's (TabsKit).
import { createTabbedClient } from '../headless/tab-client.js';
import type { TabsModule } from './kits.js';

declare const __clavard_deliver__: (delivered: TabsModule) => void;

__clavard_deliver__({ createTabbedClient });
