// The types of `@clavard/widget/embed` (dist/embed/clavard.d.ts): the script tag's global.
import type { ClavardApi, ClavardStub } from './embed-api-types.js';

export type {
  ClavardApi,
  ClavardCommandName,
  ClavardCommands,
  ClavardEventName,
  ClavardEvents,
  ClavardQueuedCall,
  ClavardStub,
} from './embed-api-types.js';

declare global {
  interface Window {
    /** Clavard's chat widget, defined by the script tag (or its queue snippet before the file loads). */
    Clavard?: ClavardApi | (ClavardStub & Partial<ClavardApi>);
  }
}
