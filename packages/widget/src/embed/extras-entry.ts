// The extras file (`dist/embed/clavard-extras.js`): the forms, the end survey, the proactive messages, the
// files' rows and viewer, the file code (uploads and downloads), and the texts of all these, loaded the
// first time one is needed. scripts/build-embed.mjs wraps this bundle in an ExtrasFactory (see EXTRAS_HOOK in
// kits.ts), which declares `__clavard_deliver__`, and resolves its Preact and widget modules to the
// panel's (ExtrasKit).

import {
  Attachment,
  attachProactive,
  ConsentNotice,
  createFileTransfer,
  EndSurvey,
  EXTRAS_CATALOGUES,
  FileNote,
  FormCard,
  PendingFile,
  PROACTIVE_CSS,
  ProactiveBubble,
} from '../ui/extras.js';
import type { ExtrasModule } from './kits.js';

declare const __clavard_deliver__: (delivered: ExtrasModule) => void;

// A plain object, not a module namespace: esbuild builds namespaces with getter descriptors, which a
// polluted `Object.prototype.value` makes invalid.
__clavard_deliver__({
  EndSurvey,
  FormCard,
  ProactiveBubble,
  attachProactive,
  PROACTIVE_CSS,
  createFileTransfer,
  Attachment,
  PendingFile,
  FileNote,
  EXTRAS_CATALOGUES,
  ConsentNotice,
});
