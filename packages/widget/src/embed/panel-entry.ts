// The panel file (`dist/embed/clavard-panel.js`, an IIFE): Preact, the UI, the client and the transports.
// Loaded by the script-tag file on first open (or at once when a conversation is in progress), pinned by
// the integrity hash baked into it. scripts/build-embed.mjs wraps this bundle in a PanelFactory handed to
// `window.Clavard` (see PANEL_HOOK in kits.ts), which declares `__clavard_deliver__` and gives the modules
// the panel takes from the script-tag file (PanelKit); without that hook (the file loaded on its own, or
// after `shutdown()`) nothing runs.
import type { StartPanel } from './kits.js';
import { startPanel } from './register-panel.js';

declare const __clavard_deliver__: (start: StartPanel) => void;

__clavard_deliver__(startPanel);
