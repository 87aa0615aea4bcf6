// The panel file (`dist/embed/clavard-panel.js`, an IIFE): Preact, the UI, the client and the transports.
// Loaded by the script-tag file on first open (or at once when a conversation is in progress), pinned by
// the integrity hash baked into it. It runs on load, like ./index.ts: it hands itself to `window.Clavard`.
import { registerPanel } from './register-panel.js';

registerPanel(window);
