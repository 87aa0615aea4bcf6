// The script-tag build's ../ui/extras-source.ts (swapped in by scripts/build-embed.mjs): the extras come
// from `clavard-extras.js`, which the script-tag file loads; the panel runs them with its ExtrasKit.

import { kit } from 'clavard:extras-kit';
import { ChatError } from '@clavard/protocol';
import type { ExtrasModule, LoadExtras } from './kits.js';

export type { ExtrasModule } from '../ui/extras-source.js';

let load: LoadExtras | undefined;

/**
 * Sets where the extras come from: the script-tag file's loader, given with the panel request.
 *
 * @example
 * ```ts
 * setExtrasLoader(request.loadExtras);
 * ```
 */
export function setExtrasLoader(loader: LoadExtras): void {
  load = loader;
}

/**
 * Loads `clavard-extras.js` through the script-tag file and runs it with the panel's {@link ExtrasKit}.
 *
 * @example
 * ```ts
 * const { FormCard } = await importExtras();
 * ```
 */
export async function importExtras(): Promise<ExtrasModule> {
  if (!load) throw new ChatError('unavailable', 'Clavard: no loader for the extras file');
  const factory = await load();
  let extras: ExtrasModule | undefined;
  factory(kit, (delivered) => {
    extras = delivered;
  });
  if (!extras) throw new ChatError('unavailable', 'Clavard: the extras file did not deliver its parts');
  return extras;
}
