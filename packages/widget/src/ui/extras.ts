// The parts of the UI that most visits never show, loaded the first time one is needed (see Lazy.tsx):
// the forms a server asks for, the end-of-conversation survey with its offer and transcript, the
// proactive messages (only when the site sets rules), and the files of the conversation (their rows, the
// viewer, the line under the composer); and the texts of all these, in the built-in languages. The
// script tag's panel takes its consent notice from here too (src/embed/consent-notice-later.tsx). With `mount()` a bundler makes this module a chunk of its own
// (./extras-source.ts imports it dynamically); the script tag loads it as `clavard-extras.js`, pinned by
// an integrity hash (scripts/build-embed.mjs).
// The file code of the headless client (its IndexedDB bytes, the HTTP upload and download), which the
// script tag's panel loads from here (src/embed/files-source-embed.ts).

export { createFileTransfer } from '../headless/files/file-transfer.js';
export { EXTRAS_CATALOGUES } from '../ui-core/locales/extras-catalogues.js';
export { ConsentNotice } from './ConsentNotice.js';
export { EndSurvey } from './EndSurvey.js';
export { FormCard } from './FormCard.js';
export { Attachment } from './files/Attachment.js';
export { FileNote } from './files/FileNote.js';
export { PendingFile } from './files/PendingFile.js';
export { ProactiveBubble } from './ProactiveBubble.js';
export { attachProactive } from './proactive-attach.js';
export { PROACTIVE_CSS } from './proactive-styles.js';
