import type { Messages } from '../messages.js';
import { enExtras } from './en-extras.js';
import { frCAExtras } from './fr-CA-extras.js';

/**
 * The texts of the lazily loaded parts in the built-in languages, as `[tag, catalogue]` pairs: the extras
 * bring them, and ui/Lazy.tsx adds them to the built-in catalogues (`addBuiltInMessages`) when they load.
 *
 * @example
 * ```ts
 * addBuiltInMessages(EXTRAS_CATALOGUES);
 * ```
 */
export const EXTRAS_CATALOGUES: ReadonlyArray<readonly [string, Partial<Messages>]> = [
  ['en', enExtras],
  ['fr-CA', frCAExtras],
];
