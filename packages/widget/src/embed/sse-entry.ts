// The SSE file (`dist/embed/clavard-sse.js`): the SSE + HTTP POST transport, loaded only when the script
// tag chose it (`data-transport="sse"`, or an http(s) `data-url`). scripts/build-embed.mjs wraps this
// bundle in an SseFactory (see SSE_HOOK in kits.ts), which declares `__clavard_deliver__` and resolves the
// modules it shares with the WebSocket transport to the panel's (SseKit).

import { createSseTransport } from '@clavard/adapters/sse';
import type { SseModule } from './kits.js';

declare const __clavard_deliver__: (delivered: SseModule) => void;

__clavard_deliver__({ createSseTransport });
