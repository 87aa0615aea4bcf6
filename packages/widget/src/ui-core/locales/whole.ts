import type { Messages } from '../messages.js';
import { en as enPanel } from './en.js';
import { enExtras } from './en-extras.js';
import { frCA as frCAPanel } from './fr-CA.js';
import { frCAExtras } from './fr-CA-extras.js';

/**
 * The English catalogue whole: what the panel says (./en.ts) and what its lazily loaded parts say
 * (./en-extras.ts). The widget's bundles take the two parts apart; this is for whoever needs every text
 * at once: a new language written over it, the tests.
 *
 * @example
 * ```ts
 * const de: Messages = { ...en, 'launcher.open': 'Chat öffnen' };
 * ```
 */
export const en = { ...enPanel, ...enExtras };

/**
 * The Quebec French catalogue whole (./fr-CA.ts and ./fr-CA-extras.ts).
 *
 * @example
 * ```ts
 * frCA['end.title']; // 'Comment cela s’est-il passé ?'
 * ```
 */
export const frCA: Messages = { ...frCAPanel, ...frCAExtras };
