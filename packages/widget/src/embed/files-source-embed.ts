// The script-tag build's ../headless/files-source.ts (swapped in by scripts/build-embed.mjs): the file code
// (where bytes wait, the HTTP upload and download) comes with the extras, in `clavard-extras.js`, loaded the
// first time a file is chosen or shown. A dynamic import inside the panel would give it a module namespace,
// whose getters a hostile page's `Object.prototype.value` breaks.
import type { FileController, FileControllerOptions } from '../headless/files/file-controller.js';
import { importExtras } from './extras-source-embed.js';

/**
 * Loads `clavard-extras.js` (once) and opens the file code it carries.
 *
 * @example
 * ```ts
 * const files = await importFiles({ baseUrl, token, progress });
 * ```
 */
export async function importFiles(options: FileControllerOptions): Promise<FileController> {
  const { createFileTransfer } = await importExtras();
  return createFileTransfer(options);
}
