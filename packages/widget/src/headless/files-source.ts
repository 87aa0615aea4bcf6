import type { FileController, FileControllerOptions } from './files/file-controller.js';

/**
 * Loads the file code (./files/: where bytes wait, the HTTP upload and download) the first time a file
 * is chosen or shown: a page whose visitor never attaches anything never loads it. The npm package splits
 * it into a chunk of its own; the script-tag build replaces this module (scripts/build-embed.mjs).
 *
 * @example
 * ```ts
 * const files = await importFiles({ baseUrl, token, progress });
 * ```
 */
export async function importFiles(options: FileControllerOptions): Promise<FileController> {
  const { createFileTransfer } = await import('./files/file-transfer.js');
  return createFileTransfer(options);
}
